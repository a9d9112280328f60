import type { AuditEventView } from '../../../services/audit.service';
import type { ConfirmationView } from '../../../services/confirmation.service';
import type { ComponentRecordView, LandscapeView } from '../../../services/inventory.service';
import type { RegionView } from '../../../services/region.service';
import { formatDate, formatDateTime, formatNumber } from './format';
import { connectionsSection, type ConnectionsSectionData } from './connections.view';
import { historyTable } from './history.view';
import { html, type HtmlValue, type SafeHtml } from './html';
import { csrfField, layout, type Crumb, type ViewContext } from './layout';
import { DEMO_EXPLANATION, demoTag, operatorText, statusBadge } from './vocabulary';

const LEVEL_LABELS: Record<string, string> = {
  gemeinde: 'Gemeinde',
  gemeindeverband: 'Gemeindeverband',
  kreis: 'Kreis',
};

/** Everything the Kommune page shows. */
export interface MunicipalityPageData {
  region: RegionView;
  trail: Crumb[];
  catalogue: { code: string; label: string }[];
  /** Only for signed-in users. */
  landscape?: LandscapeView;
  /** Components in use the unit takes over from its Verband or Landkreis (signed-in users). */
  inherited?: { component: string; from: { key: string; name: string; via: 'verband' | 'kreis' } }[];
  mayWrite: boolean;
  /** Connections to federal, Land and EfA services (signed-in users). */
  connections?: ConnectionsSectionData;
  confirmation: ConfirmationView | null;
  history: AuditEventView[];
  moreHistory: boolean;
}

/** Why the table has no edit links: a retired municipality takes no new data, its successor does. */
function writeHint(region: RegionView): SafeHtml {
  if (region.current) {
    return html`<p class="hint">Ändern dürfen Nutzerinnen und Nutzer mit Bearbeitungsrecht für dieses Gebiet.</p>`;
  }
  const successor = region.successorKey
    ? html` Neue Angaben gehören zum Nachfolgegebiet <a href="/kommunen/${region.successorKey}">${region.successorKey}</a>.`
    : '';
  return html`<p class="hint">Dieses Gebiet ist nicht mehr aktuell; seine Angaben bleiben lesbar, lassen sich aber nicht mehr ändern.${successor}</p>`;
}

function facts(region: RegionView): SafeHtml {
  return html`<dl class="facts">
  <div><dt>Ebene</dt><dd>${LEVEL_LABELS[region.level] ?? region.level}${region.type ? ` (${region.type})` : ''}</dd></div>
  <div><dt>Schlüssel (AGS)</dt><dd>${region.key}</dd></div>
  ${region.ars ? html`<div><dt>Regionalschlüssel (ARS)</dt><dd>${region.ars}</dd></div>` : ''}
  ${region.population !== null ? html`<div><dt>Einwohner</dt><dd>${formatNumber(region.population)}</dd></div>` : ''}
  ${region.postcode ? html`<div><dt>PLZ (Sitz)</dt><dd>${region.postcode}</dd></div>` : ''}
  <div><dt>Gebietsstand</dt><dd>${formatDate(region.gebietsstand)}${region.current ? '' : ` – nicht mehr aktuell seit ${formatDate(region.retiredGebietsstand)}`}</dd></div>
</dl>`;
}

function validity(record: ComponentRecordView): string {
  if (!record.validFrom && !record.validTo) return '–';
  return `${record.validFrom ? `ab ${formatDate(record.validFrom)}` : ''}${record.validFrom && record.validTo ? ' ' : ''}${record.validTo ? `bis ${formatDate(record.validTo)}` : ''}`;
}

function componentRows(data: MunicipalityPageData, landscape: LandscapeView): HtmlValue {
  const byCode = new Map(landscape.components.map((c) => [c.component, c]));
  return data.catalogue.map((component) => {
    const record = byCode.get(component.code);
    const edit = data.mayWrite
      ? html`<a href="/kommunen/${data.region.key}/komponenten/${component.code}">${record ? 'Bearbeiten' : 'Erfassen'}<span class="visually-hidden">: ${component.label}</span></a>`
      : '';
    if (!record) {
      return html`<tr id="k-${component.code}"><th scope="row">${component.label}</th>
  <td colspan="5" class="muted">nichts erfasst</td>${data.mayWrite ? html`<td>${edit}</td>` : ''}</tr>`;
    }
    const demo = record.source === 'demo';
    return html`<tr id="k-${component.code}"><th scope="row">${component.label}${demo ? html` ${demoTag()}` : ''}</th>
  <td>${statusBadge(record.status)}</td>
  <td>${operatorText(record.operator)}${demo && record.operator ? html`<br><span class="hint">erfundene Zuordnung</span>` : ''}${record.servesMembers ? html`<br><span class="hint">auch für die Gemeinden des Kreises</span>` : ''}</td>
  <td>${record.product ?? '–'}</td>
  <td>${validity(record)}</td>
  <td><time datetime="${record.updatedAt}">${formatDateTime(record.updatedAt)}</time></td>
  ${data.mayWrite ? html`<td>${edit}</td>` : ''}</tr>`;
  });
}

/** Above the components when any of them is demo data, so nobody reads them as facts. */
function demoNotice(name: string): SafeHtml {
  return html`<div class="notice notice-warning"><p><strong>Demodaten:</strong> Einträge mit dem Vermerk „Demodaten“ sagen nichts
  über ${name} aus. ${DEMO_EXPLANATION} Wer einen solchen Eintrag bearbeitet und speichert, macht daraus eine echte Angabe.</p></div>`;
}

function confirmation(ctx: ViewContext, data: MunicipalityPageData): SafeHtml {
  const c = data.confirmation;
  const state = c
    ? html`<p>Zuletzt als vollständig und aktuell bestätigt am <time datetime="${c.confirmedAt}">${formatDateTime(c.confirmedAt)}</time>
        von ${c.confirmedBy}.${c.current ? '' : ' Seitdem wurden Angaben geändert.'}</p>`
    : html`<p>Die Angaben wurden noch nie als vollständig bestätigt.</p>`;
  const form = data.mayWrite
    ? html`<form method="post" action="/kommunen/${data.region.key}/bestaetigen">${csrfField(ctx)}
  <button type="submit">Daten vollständig bestätigen</button>
  <p class="hint">Bestätigt, dass die neun Komponenten oben vollständig und aktuell erfasst sind. Die Bestätigung erscheint in der Historie.</p>
</form>`
    : '';
  return html`<section aria-labelledby="bestaetigung" class="panel"><h2 id="bestaetigung">Vollständigkeit</h2>${state}${form}</section>`;
}

/** What the unit uses without an own record: its Verband's components, and its Kreis's run for it. */
function inheritedList(data: MunicipalityPageData, labels: Map<string, string>): HtmlValue {
  if (!data.inherited?.length) return '';
  return html`<p>Ohne eigenen Eintrag nutzt ${data.region.name}: ${data.inherited.map(
    (c, i) =>
      html`${i > 0 ? '; ' : ''}${labels.get(c.component) ?? c.component} (${c.from.via === 'verband' ? 'betreibt der Gemeindeverband' : 'betreibt der Landkreis für seine Gemeinden'} <a href="/kommunen/${c.from.key}">${c.from.name}</a>)`,
  )}. Die OZG-Auswertungen zählen sie mit; ein eigener Eintrag ersetzt sie.</p>`;
}

function inventory(ctx: ViewContext, data: MunicipalityPageData): HtmlValue {
  if (!data.landscape) {
    return html`<section aria-labelledby="komponenten"><h2 id="komponenten">Basiskomponenten</h2>
<p class="notice">Die erfassten Basiskomponenten, Betreiber und die Historie sehen angemeldete Nutzerinnen und Nutzer.
  <a href="/anmeldung?weiter=${encodeURIComponent(`/kommunen/${data.region.key}`)}">Anmelden</a></p></section>`;
  }
  const labels = new Map(data.catalogue.map((c) => [c.code, c.label]));
  const demo = data.landscape.components.some((c) => c.source === 'demo');
  return html`<section aria-labelledby="komponenten"><h2 id="komponenten">Basiskomponenten</h2>
${demo ? demoNotice(data.region.name) : ''}
<div class="table-scroll" role="region" aria-labelledby="komponenten-tabelle" tabindex="0"><table class="components">
<caption class="visually-hidden" id="komponenten-tabelle">Die neun Basiskomponenten mit Status, Betreiber und Produkt</caption>
<thead><tr><th scope="col">Komponente</th><th scope="col">Status</th><th scope="col">Betreiber</th><th scope="col">Produkt</th>
  <th scope="col">Gültigkeit</th><th scope="col">Zuletzt geändert</th>${data.mayWrite ? html`<th scope="col">Aktion</th>` : ''}</tr></thead>
<tbody>${componentRows(data, data.landscape)}</tbody></table></div>
${inheritedList(data, labels)}
${data.mayWrite ? '' : writeHint(data.region)}
</section>
${data.connections ? connectionsSection(data.connections) : ''}
${confirmation(ctx, data)}
<section aria-labelledby="historie"><h2 id="historie">Änderungshistorie</h2>
${historyTable(data.history, labels)}
${data.moreHistory ? html`<p><a href="/kommunen/${data.region.key}/historie">Vollständige Änderungshistorie</a> (ältere Änderungen, seitenweise)</p>` : ''}
</section>`;
}

/** Kreise whose one Gemeinde is the kreisfreie Stadt: its OZG page is the Gemeinde's. */
const KREISFREI = ['41', '42'];

/**
 * The way to the OZG page of a unit: a current Gemeinde (not a gemeindefreies Gebiet), a
 * Gemeindeverband or a Kreis; the Kreis record of a kreisfreie Stadt leads to its Gemeinde.
 */
function ozgLink(ctx: ViewContext, r: RegionView): HtmlValue {
  if (!r.current || r.unincorporated || !['gemeinde', 'gemeindeverband', 'kreis'].includes(r.level)) return '';
  const key = r.level === 'kreis' && KREISFREI.includes(r.textCode ?? '') ? `${r.key}000` : r.key;
  return html`<p><a href="/kommunen/${key}/ozg">OZG-Umsetzung: welche Leistungen online sind, was erreichbar wäre und was fehlt</a>${ctx.user ? '' : ' (nach Anmeldung)'}</p>`;
}

/** `/kommunen/{ags}`: facts, the nine components, confirmation, history. */
export function municipalityPage(ctx: ViewContext, data: MunicipalityPageData): SafeHtml {
  const r = data.region;
  return layout(ctx, {
    title: r.name,
    breadcrumbs: data.trail,
    body: html`<h1>${r.name}</h1>
${r.current ? '' : html`<p class="notice notice-warning">Diese Gebietseinheit ist im aktuellen Gemeindeverzeichnis nicht mehr enthalten${r.successorKey ? html` – Nachfolger: <a href="/kommunen/${r.successorKey}">${r.successorKey}</a>` : ''}.${ctx.user?.role === 'admin' ? html` <a href="/kommunen/${r.key}/nachfolger">Nachfolger ${r.successorKey ? 'ändern' : 'zuordnen'}</a>` : ''}</p>`}
${facts(r)}
${r.level === 'kreis' ? html`<p><a href="/gebiete/${r.key}">Landschaft aller Gemeinden des Kreises</a></p>` : ''}
${ozgLink(ctx, r)}
${inventory(ctx, data)}`,
  });
}
