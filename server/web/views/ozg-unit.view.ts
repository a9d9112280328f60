import { OFFERING_STATUS_LABELS } from '../../../lib/maturity';
import { RESPONSIBILITY_SOURCES, type UnitKind } from '../../../lib/responsibility';
import type { ReuseHint, UnitLeistung, UnitReport } from '../../../reports/ozg-unit/report';
import { shortLabel } from '../../../reports/common/wording';
import type { FieldErrors } from './forms';
import { formatNumber } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { layout, type Crumb, type ViewContext } from './layout';
import {
  catalogueNotice,
  definitionsDetails,
  downloadButtons,
  ozgForm,
  RESPONSIBILITY_SOURCE_LABELS,
  selectionQuery,
  SOURCE_SHORT,
  targetLabel,
  yesNo,
  type OzgFormValues,
} from './ozg-common.view';
import type { CatalogueFacets } from '../../../reports/gaps/catalogue-facets';
import { externalLink } from './links';
import { demoTag } from './vocabulary';

/**
 * Leistungen per page, in whole OZG-Leistungen (a page holds at least one): a Gemeinde carries
 * some 200 Leistungen, a Landkreis or a kreisfreie Stadt some 4,000 in 450 OZG-Leistungen.
 */
export const ROWS_PER_PAGE = 100;

const UNIT_KINDS: Record<UnitKind, string> = {
  gemeinde: 'Gemeinde (Gemeindeaufgaben, soweit kein Gemeindeverband sie ausführt)',
  verband: 'Gemeindeverband (führt Aufgaben seiner Mitgliedsgemeinden aus)',
  'kreisfreie-stadt': 'kreisfreie Stadt (Gemeinde- und Kreisaufgaben)',
  stadtstaat: 'Stadtstaat (Gemeinde-, Kreis- und Landesaufgaben)',
  kreis: 'Landkreis (Kreisaufgaben)',
};

const REUSE_KINDS: Record<ReuseHint['kind'], string> = {
  nachbar: 'im selben Kreis',
  kreis: 'der Kreis',
  land: 'das Land',
};

/** Everything the OZG page of a unit shows. */
export interface OzgUnitPageData {
  region: { key: string; name: string };
  trail: Crumb[];
  values: OzgFormValues;
  errors: FieldErrors;
  facets: CatalogueFacets;
  /** Null when the form has errors. */
  report: UnitReport | null;
  componentLabels: Map<string, string>;
}

type OzgGroup = UnitReport['ozgLeistungen'][number] & { rows: UnitLeistung[] };

/** The OZG-Leistungen shown (all, or only those not yet fulfilled), each with its Leistungen. */
export function ozgGroups(report: UnitReport, onlyOpen: boolean): OzgGroup[] {
  const byOzg = new Map<number, UnitLeistung[]>();
  for (const l of report.leistungen) byOzg.set(l.ozgId, [...(byOzg.get(l.ozgId) ?? []), l]);
  return report.ozgLeistungen
    .filter((o) => !onlyOpen || (o.responsible > 0 && !o.fulfilled))
    .map((o) => ({ ...o, rows: byOzg.get(o.ozgId) ?? [] }));
}

/** Packs the OZG-Leistungen into pages of about {@link ROWS_PER_PAGE} Leistungen, never splitting one. */
export function pageGroups(groups: OzgGroup[]): OzgGroup[][] {
  const pages: OzgGroup[][] = [];
  let current: OzgGroup[] = [];
  let rows = 0;
  for (const group of groups) {
    const n = Math.max(1, group.rows.length);
    if (current.length > 0 && rows + n > ROWS_PER_PAGE) {
      pages.push(current);
      current = [];
      rows = 0;
    }
    current.push(group);
    rows += n;
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

/** Why there is nothing to unlock: nothing of its own, all met, or no component would help. */
function unlockSummary(report: UnitReport, open: number): HtmlValue {
  const verband = report.unit.verband;
  if (report.totals.responsible === 0 && verband && report.totals.carriedByVerband > 0) {
    return html`${report.unit.name} führt keine der Leistungen selbst aus: ihr Gemeindeverband
      <a href="/kommunen/${verband.key}/ozg">${verband.name}</a> führt ${formatNumber(report.totals.carriedByVerband)} für sie aus. Was dort fehlt, steht auf seiner Seite.`;
  }
  if (report.totals.responsible === 0) return 'Keine Leistung der Auswahl fällt dieser Einheit zu.';
  if (open === 0) return 'Alle zuständigen Leistungen erreichen das Ziel.';
  if (report.componentData.recorded.length === 0) {
    return 'Zu den Basiskomponenten liegen keine Angaben vor; was fehlt, lässt sich darum nicht sagen. Fehlende Angaben sind keine fehlende Komponente.';
  }
  const stuck = report.leistungen.filter((l) => l.responsible && l.onlineRelevant && !l.meetsTarget);
  return stuck.some((l) => l.attainable.level < report.target.level)
    ? 'Keine bekannte Kombination fehlender Basiskomponenten lässt sich benennen: bei den übrigen Leistungen fehlen Angaben zu Komponenten, Gebühr oder Vertrauensniveau.'
    : 'Die vorhandenen Basiskomponenten würden das Ziel erlauben: es fehlen Online-Angebote oder ihr Reifegrad, nicht die Komponenten.';
}

function combinationList(report: UnitReport): HtmlValue {
  const sets = report.combinations.filter((c) => c.components.length > 1).slice(0, 5);
  if (sets.length === 0) return '';
  return html`<p>Manche Leistungen brauchen mehrere Komponenten zugleich; die kleinste Kombination:</p>
<ol class="unlocks">${sets.map(
    (c) =>
      html`<li><strong>${c.sentence}</strong>${c.ozgLeistungen > 0 ? html` <span class="meta">Damit wären bei ${formatNumber(c.ozgLeistungen)} OZG-Leistungen alle offenen Leistungen erreichbar.</span>` : ''}</li>`,
  )}</ol>`;
}

function unlockSection(report: UnitReport, labels: Map<string, string>): SafeHtml {
  const open = report.totals.responsible - report.totals.meetsTarget;
  return html`<section aria-labelledby="freischalten"><h2 id="freischalten">Was am meisten bewirken würde</h2>
${
  report.unlocks.length > 0
    ? html`<p>Je fehlende Basiskomponente: wie viele zuständige Leistungen unter dem Ziel damit ${targetLabel(report.target)} erreichen könnten
  (der Rest braucht dann noch ein Online-Angebot mit diesem Reifegrad).</p>
<ol class="unlocks">${report.unlocks.map(
        (u) =>
          html`<li><strong>${u.sentence}</strong>${u.ozgLeistungen > 0 ? html` <span class="meta">Damit wären bei ${formatNumber(u.ozgLeistungen)} OZG-Leistungen alle offenen Leistungen erreichbar.</span>` : ''}</li>`,
      )}</ol>${combinationList(report)}`
    : report.combinations.some((c) => c.components.length > 1)
      ? combinationList(report)
      : html`<p>${unlockSummary(report, open)}</p>`
}
${report.componentData.noData.length > 0 && report.componentData.recorded.length > 0 ? html`<p class="hint">Ohne Angaben: ${report.componentData.noData.map((c, i) => html`${i > 0 ? ', ' : ''}${shortLabel(labels.get(c) ?? c)}`)}. Was von ihnen abhängt, ist oben nicht mitgezählt.</p>` : ''}
</section>`;
}

function totalsSection(data: OzgUnitPageData, report: UnitReport): SafeHtml {
  const t = report.totals;
  const responsible = report.leistungen.filter((l) => l.responsible);
  const bySource = RESPONSIBILITY_SOURCES.map((s) => ({
    source: s,
    n: responsible.filter((l) => l.responsibility.source === s).length,
  }));
  const components = report.componentSources.map(({ component, inheritedFrom }) => {
    const label = shortLabel(data.componentLabels.get(component) ?? component);
    if (!inheritedFrom) return html`${label}`;
    if (inheritedFrom.via === 'anschluss') {
      return html`${label} <span class="meta">(über den Anschluss an ${inheritedFrom.name})</span>`;
    }
    return html`${label} <span class="meta">(${inheritedFrom.via === 'verband' ? 'vom Gemeindeverband' : 'vom Landkreis'} <a href="/kommunen/${inheritedFrom.key}">${inheritedFrom.name}</a>)</span>`;
  });
  const verband = report.unit.verband;
  return html`<section aria-labelledby="ueberblick"><h2 id="ueberblick">Überblick</h2>
<ul class="stats">
  <li><span class="stat-value">${formatNumber(t.responsible)}</span> zuständige Leistungen</li>
  <li><span class="stat-value">${formatNumber(t.meetsTarget)}</span> erreichen das Ziel (${report.target.text})</li>
  <li><span class="stat-value">${formatNumber(t.attainable)}</span> könnten es mit den vorhandenen Basiskomponenten sicher erreichen</li>
  ${t.attainableIfUnknownsAllow > 0 ? html`<li><span class="stat-value">${formatNumber(t.attainableIfUnknownsAllow)}</span> weitere, falls fehlende Angaben (Komponenten, Gebühr, Vertrauensniveau) es erlauben</li>` : ''}
  ${t.inPersonOnly > 0 ? html`<li><span class="stat-value">${formatNumber(t.inPersonOnly)}</span> Leistungen nur vor Ort (Ausgabe, Trauung, Erfassung): nicht mitgezählt</li>` : ''}
  <li><span class="stat-value">${formatNumber(t.online)}</span> sind online (eigenes Angebot oder von Kreis bzw. Land)</li>
  ${t.carriedByVerband > 0 && verband ? html`<li><span class="stat-value">${formatNumber(t.carriedByVerband)}</span> führt der Gemeindeverband ${verband.name} für die Gemeinde aus</li>` : ''}
</ul>
<dl class="facts">
  <div><dt>Art der Einheit</dt><dd>${UNIT_KINDS[report.unit.kind as UnitKind] ?? report.unit.kind}</dd></div>
  ${verband ? html`<div><dt>Verwaltet durch</dt><dd><a href="/kommunen/${verband.key}/ozg">${verband.name}</a> (Gemeindeverband; seine Leistungen und Basiskomponenten gelten für die Gemeinde)</dd></div>` : ''}
  <div><dt>Basiskomponenten im Einsatz</dt><dd>${components.length ? components.map((c, i) => html`${i > 0 ? ', ' : ''}${c}`) : 'keine erfasst'}</dd></div>
</dl>
<p>Woher die Zuständigkeit stammt: ${bySource.map(
    (s, i) => html`${i > 0 ? '; ' : ''}${RESPONSIBILITY_SOURCE_LABELS[s.source]}: ${formatNumber(s.n)}`,
  )}. <a href="/zustaendigkeitsregeln">Zuständigkeitsregeln ansehen</a></p>
${report.componentData.recorded.length === 0 ? html`<p class="notice notice-warning">Für ${report.unit.name} liegen keine Angaben zu Basiskomponenten vor. Die Gründe unten sagen darum „keine Angaben“, nicht „fehlt“. <a href="/kommunen/${report.unit.key}">Basiskomponenten ansehen oder erfassen</a></p>` : ''}
</section>`;
}

function offeringCell(l: UnitLeistung): HtmlValue {
  const o = l.offering;
  if (!o) return html`<span class="muted">nicht erfasst</span>`;
  const recorded =
    o.recorded.level !== null && o.recorded.model && (o.level === null || o.recorded.level !== o.level)
      ? ` (erfasst: ${o.recorded.model} Stufe ${o.recorded.level})`
      : '';
  const from =
    o.source === 'connection' && o.inheritedFrom
      ? html`über den Anschluss an den EfA-Dienst ${o.inheritedFrom.name}`
      : o.inheritedFrom
        ? html`Angebot ${o.inheritedFrom.key.length === 2 ? 'des Landes' : 'des Kreises'} ${o.inheritedFrom.name}`
        : 'eigenes Angebot';
  return html`${OFFERING_STATUS_LABELS[o.status]}${o.level !== null ? html`, Stufe ${o.level}` : o.status === 'online' ? ', ohne Reifegrad' : ''}${recorded}
<br><span class="meta">${from}${o.source === 'demo' ? html` ${demoTag()}` : ''}</span>
${o.url ? html`<br>${externalLink(o.url, 'Zum Angebot', l.name)}` : ''}`;
}

function reuseItem(h: ReuseHint): SafeHtml {
  const where = h.kind === 'nachbar' ? html`<a href="/kommunen/${h.key}">${h.name}</a>` : h.name;
  const runs = [h.product, h.operator ? `betrieben von ${h.operator}` : null].filter(Boolean).join(', ');
  return html`<li>Schon online: ${REUSE_KINDS[h.kind]} ${where}${h.level !== null ? `, Stufe ${h.level}` : ''}${runs ? ` – Formularserver: ${runs}` : ''}${h.url ? html` – ${externalLink(h.url, 'Angebot ansehen', h.name)}` : ''}</li>`;
}

/** The responsibility of a Leistung in words: level, source, the rule's reason and its legal source. */
function responsibilityText(r: UnitLeistung['responsibility']): string {
  const reason = r.reason ? `: ${r.reason}` : '';
  return `laut ${RESPONSIBILITY_SOURCE_LABELS[r.source]}${reason}${r.legalSource ? ` (Quelle: ${r.legalSource})` : ''}`;
}

/**
 * The responsibility all responsible Leistungen of an OZG-Leistung share, if they do (the usual
 * case: one rule or one Typ): the group's header says it once and the rows name only level and source.
 */
function sharedResponsibility(rows: UnitLeistung[]): UnitLeistung['responsibility'] | null {
  const responsible = rows.filter((l) => l.responsible);
  if (responsible.length < 2) return null;
  const first = responsible[0].responsibility;
  const same = responsible.every(
    (l) =>
      l.responsibility.level === first.level &&
      l.responsibility.source === first.source &&
      l.responsibility.reason === first.reason,
  );
  return same ? first : null;
}

/** The attainable level, and how far unknowns could lower it. */
function attainableCell(l: UnitLeistung, target: UnitReport['target']): HtmlValue {
  if (!l.onlineRelevant) return html`<span class="muted">nur vor Ort</span>`;
  const a = l.attainable;
  if (a.worstCase === a.level) {
    return html`Stufe ${a.level}${a.level < target.level ? html`<br><span class="meta">unter dem Ziel</span>` : ''}`;
  }
  return html`Stufe ${a.worstCase} bis ${a.level}<br><span class="meta">je nach fehlenden Angaben</span>`;
}

function leistungRow(l: UnitLeistung, target: UnitReport['target'], shared: boolean): SafeHtml {
  const r = l.responsibility;
  const responsibility = l.carriedBy
    ? html`führt der Gemeindeverband aus<br><span class="meta"><a href="/kommunen/${l.carriedBy.key}/ozg">${l.carriedBy.name}</a>, ${responsibilityText(r)}</span>`
    : !l.responsible
      ? html`nicht zuständig<br><span class="meta">hier, weil selbst angeboten</span>`
      : shared
        ? html`${r.levelLabel}<br><span class="meta">laut ${SOURCE_SHORT[r.source]} (siehe oben)</span>`
        : html`${r.levelLabel}<br><span class="meta">${responsibilityText(r)}</span>`;
  const notes = [...l.reasons.map((reason) => html`<li>${reason}</li>`), ...l.reuse.map(reuseItem)];
  return html`<tr><th scope="row"><a href="/leistungen/${l.schluessel}">${l.name}</a><br><span class="meta"><span class="key">${l.schluessel}</span> · Typ ${l.typisierung ?? 'unbekannt'}</span></th>
<td class="responsibility">${responsibility}</td><td>${offeringCell(l)}</td>
<td>${l.responsible ? yesNo(l.meetsTarget) : '–'}</td>
<td>${attainableCell(l, target)}</td>
<td class="notes-cell">${notes.length ? html`<ul class="plain notes">${notes}</ul>` : '–'}</td></tr>`;
}

function groupBody(group: OzgGroup, target: UnitReport['target']): SafeHtml {
  const state =
    group.responsible === 0 && group.carried > 0
      ? `${formatNumber(group.carried)} ${group.carried === 1 ? 'Leistung führt' : 'Leistungen führt'} der Gemeindeverband für die Gemeinde aus`
      : group.responsible === 0
        ? 'nicht zuständig, aber selbst angeboten'
        : `${formatNumber(group.met)} von ${formatNumber(group.responsible)} zuständigen Leistungen erreichen das Ziel`;
  const shared = sharedResponsibility(group.rows);
  return html`<tbody id="ozg-${group.ozgId}"><tr class="group"><th scope="rowgroup" colspan="6">
  <span class="group-title">OZG ${group.ozgId}: ${group.name}</span>
  <span class="group-state">${state}${group.responsible > 0 ? html` · erfüllt: ${yesNo(group.fulfilled)}` : ''} · Dashboard-Regel: ${yesNo(group.dashboard, 'online', 'nicht online')}</span>
  ${shared ? html`<span class="group-responsibility">Zuständig für alle: ${shared.levelLabel}, ${responsibilityText(shared)}</span>` : ''}</th></tr>
${group.rows.map((l) => leistungRow(l, target, shared !== null))}</tbody>`;
}

function pagination(data: OzgUnitPageData, page: number, pages: number, where: 'oben' | 'unten'): SafeHtml {
  if (pages <= 1) return html``;
  const href = (n: number) =>
    `/kommunen/${data.region.key}/ozg${selectionQuery(data.values, {
      ...(data.values.nurOffen ? { nur: 'offen' } : {}),
      ...(n > 1 ? { seite: String(n) } : {}),
    })}`;
  return html`<nav class="pagination" aria-label="Seiten der OZG-Leistungen (${where})"><ul>
  ${page > 1 ? html`<li><a href="${href(1)}">Erste Seite</a></li><li><a href="${href(page - 1)}" rel="prev">Vorige Seite</a></li>` : ''}
  <li><span aria-current="page">Seite ${page} von ${pages}</span></li>
  ${page < pages ? html`<li><a href="${href(page + 1)}" rel="next">Nächste Seite</a></li><li><a href="${href(pages)}">Letzte Seite</a></li>` : ''}
</ul></nav>`;
}

function leistungenSection(data: OzgUnitPageData, report: UnitReport): SafeHtml {
  const groups = ozgGroups(report, data.values.nurOffen);
  const packed = pageGroups(groups);
  const pages = Math.max(1, packed.length);
  const page = Math.min(data.values.seite, pages);
  const shown = packed[page - 1] ?? [];
  const first = packed.slice(0, page - 1).reduce((sum, p) => sum + p.length, 0) + 1;
  const rows = shown.reduce((sum, g) => sum + g.rows.length, 0);
  return html`<section aria-labelledby="leistungen"><h2 id="leistungen">Leistungen je OZG-Leistung</h2>
<p>Je OZG-Leistung die Leistungen, für die ${report.unit.name} zuständig ist (und die sie selbst anbietet): das Angebot,
  ob es das Ziel erreicht, welcher Reifegrad mit den vorhandenen Basiskomponenten erreichbar wäre, die Gründe und wer die
  Leistung in der Nähe schon online anbietet.</p>
${
  groups.length === 0
    ? html`<p>${data.values.nurOffen ? 'Alle OZG-Leistungen der Auswahl erfüllen das Ziel.' : 'Keine OZG-Leistung der Auswahl betrifft diese Einheit.'}</p>`
    : html`${pagination(data, page, pages, 'oben')}
<div class="table-scroll" role="region" aria-labelledby="leistungen-titel" tabindex="0"><table class="unit-leistungen">
<caption id="leistungen-titel">OZG-Leistungen ${formatNumber(first)}–${formatNumber(first + shown.length - 1)} von ${formatNumber(groups.length)}${data.values.nurOffen ? ' (nur nicht erfüllte)' : ''} mit ${formatNumber(rows)} ${rows === 1 ? 'Leistung' : 'Leistungen'}, Ziel ${report.target.text}</caption>
<thead><tr><th scope="col">Leistung</th><th scope="col">Zuständigkeit</th><th scope="col">Angebot</th><th scope="col">Ziel erreicht</th>
  <th scope="col">erreichbar</th><th scope="col">Gründe und Hinweise</th></tr></thead>
${shown.map((g) => groupBody(g, report.target))}
</table></div>
${pagination(data, page, pages, 'unten')}`
}
</section>`;
}

/** `/kommunen/{ags}/ozg`: the unit report of a Gemeinde or a Landkreis. */
export function ozgUnitPage(ctx: ViewContext, data: OzgUnitPageData): SafeHtml {
  const report = data.report;
  const action = `/kommunen/${data.region.key}/ozg`;
  const form = ozgForm({ action, values: data.values, errors: data.errors, facets: data.facets, mode: 'unit' });
  const body = report
    ? html`<nav class="toc" aria-label="Inhalt dieser Seite"><ul>
  <li><a href="#freischalten">Was am meisten bewirken würde</a></li><li><a href="#ueberblick">Überblick</a></li>
  <li><a href="#leistungen">Leistungen</a></li><li><a href="#definitionen">Definitionen</a></li><li><a href="#downloads">Downloads</a></li></ul></nav>
${form}
${catalogueNotice(report.catalogue.note)}
${unlockSection(report, data.componentLabels)}
${totalsSection(data, report)}
${leistungenSection(data, report)}
${definitionsDetails(report.definitions)}
${downloadButtons(`${action}/download`, data.values, `Reifegrad ${report.unit.name}`)}`
    : form;
  return layout(ctx, {
    title: `${report ? '' : 'Fehler: '}OZG-Umsetzung ${data.region.name}${report && data.values.seite > 1 ? ` (Seite ${data.values.seite})` : ''}`,
    breadcrumbs: [...data.trail, { label: 'OZG-Umsetzung' }],
    body: html`<h1>OZG-Umsetzung: ${data.region.name}</h1>
<p class="lead">Welche Leistungen ${data.region.name} online anbieten müsste, was davon ${report ? `das Ziel ${report.target.text}` : 'das Ziel'} erreicht,
  was mit den vorhandenen Basiskomponenten erreichbar wäre – und welche Komponente am meisten freischalten würde.</p>
${body}`,
  });
}
