import { trustLevelLabel } from '../../../lib/leistung-traits';
import { ozgMapLink } from './map.view';
import { RESPONSIBILITY_LEVEL_LABELS, RESPONSIBILITY_SOURCES } from '../../../lib/responsibility';
import type { GapBlocker, GapReport, LeistungGap, OzgGap } from '../../../reports/gaps/report';
import { MET_SOURCES } from '../../../reports/gaps/offering-scan';
import type { SnapshotView } from '../../../reports/gaps/snapshots';
import { shortLabel } from '../../../reports/common/wording';
import { GAP_CACHE_TTL_MS } from '../../../reports/gaps/cache';
import type { FieldErrors } from './forms';
import { formatDateTime, formatNumber, formatPercent } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { layout, type Crumb, type ViewContext } from './layout';
import { groupShare, shareChart, shareGroups } from './ozg-chart';
import { laenderNav, partsSection } from './ozg-parts.view';
import {
  catalogueNotice,
  definitionsDetails,
  downloadButtons,
  OFFERING_SOURCE_LABELS,
  ozgForm,
  OZG_SORT_LABELS,
  RESPONSIBILITY_SOURCE_LABELS,
  selectionLine,
  selectionQuery,
  SOURCE_SHORT,
  targetLabel,
  yesNo,
  type OzgFormValues,
  type OzgSort,
} from './ozg-common.view';
import type { CatalogueFacets } from '../../../reports/gaps/catalogue-facets';

/** Blockers named per row; the download lists all. */
const BLOCKERS_SHOWN = 3;

/** Everything the OZG page of an area shows. */
export interface OzgAreaPageData {
  area: { key: string; label: string };
  trail: Crumb[];
  values: OzgFormValues;
  errors: FieldErrors;
  facets: CatalogueFacets;
  /** Null when the form has errors. */
  report: GapReport | null;
  /** When the report was computed (pages reuse it while nothing changed, see `gap-cache.ts`). */
  computedAt: Date | null;
  /** Monthly states for the chosen target, oldest first. */
  snapshots: SnapshotView[];
  /** Component code → German label, for the blockers. */
  componentLabels: Map<string, string>;
}

/** The table's order; ties by OZG-ID so the order is stable. */
export function sortGaps(rows: OzgGap[], sort: OzgSort): OzgGap[] {
  const share = (r: OzgGap) => r.metShare ?? -1;
  const compare: Record<OzgSort, (a: OzgGap, b: OzgGap) => number> = {
    anteil: (a, b) => share(a) - share(b) || b.responsibleUnits - a.responsibleUnits,
    'anteil-absteigend': (a, b) => share(b) - share(a) || b.responsibleUnits - a.responsibleUnits,
    zustaendig: (a, b) => b.responsibleUnits - a.responsibleUnits,
    'ozg-id': () => 0,
    name: (a, b) => a.name.localeCompare(b.name, 'de'),
  };
  return [...rows].sort((a, b) => compare[sort](a, b) || a.ozgId - b.ozgId);
}

function units(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? 'Einheit' : 'Einheiten'}`;
}

/** A criterion that the data say holds units back ("Bezahlung: ohne E-Payment – 12 Einheiten"). */
function blockerText(b: GapBlocker, labels: Map<string, string>): string {
  const names = b.components.map((c) => shortLabel(labels.get(c) ?? c)).join(' oder ');
  const connect = b.connectable.length ? `; anschließbar: ${b.connectable.map((s) => s.name).join(', ')}` : '';
  return `${b.label}: ohne ${names} – ${units(b.units)}${connect}`;
}

/** What the unmet units lack, as far as the data say, and what is unknown. */
function holdBackCell(row: OzgGap, labels: Map<string, string>): HtmlValue {
  if (row.metUnits === row.responsibleUnits) return '–';
  const known = row.blockers.filter((b) => b.units > 0).slice(0, BLOCKERS_SHOWN);
  const unknownRequirement = row.blockers.filter((b) => b.unknownRequirementUnits > 0);
  const u = row.unmetUnits;
  return html`<ul class="plain">${known.map((b) => html`<li>${blockerText(b, labels)}</li>`)}
${
  u.unknownRequirement > 0
    ? html`<li>hängt ab von ${unknownRequirement
        .map((b) => (b.criterion === 'bezahlprozess' ? 'der Gebührenpflicht' : 'dem Vertrauensniveau'))
        .filter((t, i, all) => all.indexOf(t) === i)
        .join(' und ')} (unbekannt): ${units(u.unknownRequirement)}</li>`
    : ''
}
${u.offeringMissing > 0 ? html`<li class="muted">Komponenten reichen, das Angebot fehlt: ${units(u.offeringMissing)}</li>` : ''}</ul>`;
}

function sourcesText(row: OzgGap): string {
  const used = RESPONSIBILITY_SOURCES.filter((s) => row.responsibilitySources[s] > 0);
  if (used.length === 1) return `Zuständigkeit laut ${SOURCE_SHORT[used[0]]}`;
  return `Zuständigkeit laut ${used.map((s) => `${SOURCE_SHORT[s]} ${formatNumber(row.responsibilitySources[s])}`).join(', ')}`;
}

function totalsSection(report: GapReport): SafeHtml {
  const t = report.totals;
  const pairShare = t.responsiblePairs === 0 ? null : (100 * t.metPairs) / t.responsiblePairs;
  return html`<section aria-labelledby="ueberblick"><h2 id="ueberblick">Überblick</h2>
<p>${formatNumber(t.relevant)} von ${formatNumber(t.ozgLeistungen)} OZG-Leistungen${report.filter.themenfeld || report.filter.lebenslage || report.filter.ozgId ? ' der Auswahl' : ''}
  haben im Gebiet zuständige Einheiten. Ziel: ${targetLabel(report.target)}.</p>
<div class="table-scroll" role="region" aria-labelledby="summen-ozg" tabindex="0"><table class="compact totals">
<caption id="summen-ozg">OZG-Leistungen mit zuständigen Einheiten, nach Regel</caption>
<thead><tr><th scope="col">Regel</th><th scope="col">flächendeckend erfüllt</th><th scope="col">in mindestens einer Einheit erfüllt</th><th scope="col">mit zuständigen Einheiten</th></tr></thead>
<tbody>
<tr><th scope="row">Ziel ${report.target.text}: jede zuständige Leistung erreicht ${targetLabel(report.target)}</th>
  <td class="num">${formatNumber(t.flaechendeckend)}</td><td class="num">${formatNumber(t.inAtLeastOne)}</td><td class="num">${formatNumber(t.relevant)}</td></tr>
<tr><th scope="row">Dashboard-Regel: eine Leistung online ab Stufe 2 (zum Vergleich mit dem OZG-Dashboard)</th>
  <td class="num">${formatNumber(t.dashboardFlaechendeckend)}</td><td class="num">${formatNumber(t.dashboardInAtLeastOne)}</td><td class="num">${formatNumber(t.relevant)}</td></tr>
</tbody></table></div>
<dl class="facts">
  <div><dt>Einheiten (Gemeinden, Gemeindeverbände, Landkreise)</dt><dd>${formatNumber(t.units)}</dd></div>
  <div><dt>davon mit Angaben zu Basiskomponenten</dt><dd>${formatNumber(t.unitsWithComponentData)} (${formatPercent(t.componentDataShare === null ? null : t.componentDataShare * 100)})</dd></div>
  <div><dt>Zuständigkeiten (Einheit × Leistung)</dt><dd>${formatNumber(t.responsiblePairs)}</dd></div>
  <div><dt>davon mit erreichtem Ziel</dt><dd>${formatNumber(t.metPairs)} (${formatPercent(pairShare)})</dd></div>
  ${t.inPersonLeistungen > 0 ? html`<div><dt>Leistungen nur vor Ort (nicht mitgezählt)</dt><dd>${formatNumber(t.inPersonLeistungen)} <a href="/zustaendigkeitsregeln#merkmale">Leistungsmerkmale</a></dd></div>` : ''}
</dl>
${unmetList(report)}
<h3>Worauf die Zahlen beruhen</h3>
<ul>
  <li>Zuständigkeit (Einheit × Leistung): ${RESPONSIBILITY_SOURCES.map(
    (s, i) =>
      html`${i > 0 ? '; ' : ''}${RESPONSIBILITY_SOURCE_LABELS[s]}: ${formatNumber(report.sources.responsibility[s])}`,
  )}. <a href="/zustaendigkeitsregeln">Die Zuständigkeitsregeln mit Begründung und Quelle</a></li>
  <li>Erreichtes Ziel nach Herkunft des Angebots: ${MET_SOURCES.map(
    (s, i) => html`${i > 0 ? '; ' : ''}${OFFERING_SOURCE_LABELS[s]}: ${formatNumber(report.sources.metOfferings[s])}`,
  )}.</li>
</ul>
${report.sources.metOfferings.demo > 0 ? html`<p class="notice notice-warning"><strong>Demodaten:</strong> Ein Teil der erreichten Ziele beruht auf erfundenen Online-Angeboten.</p>` : ''}
</section>`;
}

/** The unmet pairs by what holds them back: known, unknown, offering. */
function unmetList(report: GapReport): HtmlValue {
  const u = report.totals.unmetPairs;
  const all = u.blocked + u.noData + u.unknownRequirement + u.offeringMissing;
  if (all === 0) return '';
  return html`<h3>Warum das Ziel nicht erreicht ist (Einheit × Leistung)</h3>
<ul>
  <li>eine Basiskomponente fehlt laut Angaben: ${formatNumber(u.blocked)}</li>
  <li>keine Angaben zu den nötigen Basiskomponenten: ${formatNumber(u.noData)} – fehlende Angaben sind keine fehlende Komponente</li>
  <li>hängt von unbekannter Gebührenpflicht oder unbekanntem Vertrauensniveau ab: ${formatNumber(u.unknownRequirement)}</li>
  <li>die Basiskomponenten reichen, es fehlt das Online-Angebot oder sein Reifegrad: ${formatNumber(u.offeringMissing)}</li>
</ul>
${withoutMaturityNote(report)}`;
}

/** Online offerings without a Reifegrad (the OZG dashboard has none): counted by the dashboard rule, not for the target. */
function withoutMaturityNote(report: GapReport): HtmlValue {
  const pairs = report.totals.onlineWithoutMaturityPairs;
  if (pairs === 0) return '';
  return html`<p class="notice" id="ohne-reifegrad"><strong>Ohne Reifegrad:</strong> ${formatNumber(pairs)} ${pairs === 1 ? 'Zuständigkeit' : 'Zuständigkeiten'} (Einheit × Leistung) ${pairs === 1 ? 'ist' : 'sind'} online, aber kein Angebot dazu nennt einen Reifegrad (Daten des OZG-Dashboards enthalten keinen). Sie zählen für die Dashboard-Regel, für das Ziel ${report.target.text} nicht – erst mit einem Reifegrad aus einer anderen Quelle (Handeingabe, FIM, Import mit Reifegradspalten).</p>`;
}

/** The component sets that would unlock the most unmet pairs (all caps known). */
function combinationSection(report: GapReport): HtmlValue {
  const sets = report.combinations.filter((c) => c.components.length > 0).slice(0, 6);
  if (sets.length === 0) return '';
  return html`<section aria-labelledby="kombinationen"><h2 id="kombinationen">Welche Basiskomponenten zusammen am meisten freischalten</h2>
<p>Je kleinste Menge fehlender Basiskomponenten: wie viele zuständige Leistungen unter dem Ziel sie erreichbar machen würde (nur wo alle Angaben vorliegen; das Online-Angebot muss dann noch folgen).</p>
<ul>${sets.map(
    (c) =>
      html`<li><strong>${c.labels.map((l) => shortLabel(l)).join(' + ')}</strong>: ${formatNumber(c.pairs)} ${c.pairs === 1 ? 'Leistung' : 'Leistungen'} in ${units(c.units)}</li>`,
  )}</ul></section>`;
}

function chartSection(report: GapReport): HtmlValue {
  const by = report.filter.themenfeld ? 'lebenslage' : 'themenfeld';
  const groups = shareGroups(report.ozgLeistungen, by);
  if (groups.length < 2) return '';
  const noun = by === 'themenfeld' ? 'Themenfeld' : 'Lebenslage';
  const worst = [...groups].sort((a, b) => groupShare(a) - groupShare(b))[0];
  return html`<section aria-labelledby="verteilung"><h2 id="verteilung">Erfüllung je ${noun}</h2>
<p>Am wenigsten erfüllt: ${worst.label} (${formatPercent(groupShare(worst))}).</p>
${shareChart(groups, { id: 'anteile', noun, areaLabel: report.area.label, targetText: report.target.text })}
</section>`;
}

function month(text: string): string {
  const [year, m] = text.split('-').map(Number);
  return new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, m - 1, 1)),
  );
}

function trendSection(data: OzgAreaPageData, report: GapReport): HtmlValue {
  const months = data.snapshots;
  if (months.length < 2) {
    return html`<p class="hint" id="entwicklung">Monatsstände zum Ziel ${report.target.text}: ${months.length === 0 ? 'noch keiner' : 'bisher einer'} gespeichert.
  Die Entwicklung erscheint hier, sobald es mindestens zwei Monate gibt.</p>`;
  }
  const filtered = report.filter.themenfeld || report.filter.lebenslage || report.filter.ozgId;
  const value = (s: SnapshotView, key: string) => formatNumber(s.totals[key] ?? null);
  return html`<section aria-labelledby="entwicklung"><h2 id="entwicklung">Entwicklung Monat für Monat</h2>
${filtered ? html`<p class="hint">Die Monatsstände gelten für den ganzen Katalog, ohne die gewählten Filter.</p>` : ''}
<div class="table-scroll" role="region" aria-labelledby="entwicklung-tabelle" tabindex="0"><table class="compact">
<caption id="entwicklung-tabelle">OZG-Leistungen je Monat, Ziel ${report.target.text} (älteste zuerst)</caption>
<thead><tr><th scope="col">Monat</th><th scope="col">flächendeckend</th><th scope="col">in mindestens einer</th>
  <th scope="col">Dashboard-Regel flächendeckend</th><th scope="col">Dashboard-Regel in mindestens einer</th>
  <th scope="col">mit Zuständigen</th><th scope="col">Stand</th></tr></thead>
<tbody>${months.map(
    (
      s,
    ) => html`<tr><th scope="row">${month(s.month)}</th><td class="num">${value(s, 'flaechendeckend')}</td><td class="num">${value(s, 'inAtLeastOne')}</td>
  <td class="num">${value(s, 'dashboardFlaechendeckend')}</td><td class="num">${value(s, 'dashboardInAtLeastOne')}</td>
  <td class="num">${value(s, 'relevant')}</td><td><time datetime="${s.takenAt}">${formatDateTime(s.takenAt)}</time></td></tr>`,
  )}</tbody></table></div></section>`;
}

function gapRow(row: OzgGap, labels: Map<string, string>, drillHref: string): SafeHtml {
  return html`<tr><td class="num">${row.ozgId}</td>
<th scope="row"><a href="${drillHref}">${row.name}</a><br><span class="meta">${row.themenfeld ?? 'ohne Themenfeld'} · ${formatNumber(row.leistungen)} ${row.leistungen === 1 ? 'Leistung' : 'Leistungen'} · ${sourcesText(row)}</span></th>
<td class="num">${formatNumber(row.responsibleUnits)}</td>
<td class="num">${formatNumber(row.metUnits)}<br>${formatPercent(row.metShare === null ? null : row.metShare * 100)}</td>
<td>${yesNo(row.flaechendeckend)}</td>
<td>${formatNumber(row.dashboard.units)} online<br>${yesNo(row.dashboard.flaechendeckend, 'flächendeckend', 'nicht flächendeckend')}</td>
<td class="blockers">${holdBackCell(row, labels)}</td>
<td class="num">${row.unmetUnits.noData > 0 ? units(row.unmetUnits.noData) : '–'}</td></tr>`;
}

/** "Gemeinde, laut Regel" for one Land; for several, each combination with its number of Länder. */
function carriedBy(l: LeistungGap): string {
  const combos = new Map<string, number>();
  for (const r of l.responsibility) {
    const text = `${RESPONSIBILITY_LEVEL_LABELS[r.level as keyof typeof RESPONSIBILITY_LEVEL_LABELS] ?? r.level}, laut ${SOURCE_SHORT[r.source]}`;
    combos.set(text, (combos.get(text) ?? 0) + 1);
  }
  if (combos.size <= 1) return [...combos.keys()][0] ?? '–';
  return [...combos.entries()].map(([text, n]) => `${text} (${n} ${n === 1 ? 'Land' : 'Länder'})`).join('; ');
}

/** Online relevance, fee and Vertrauensniveau of a Leistung, unknowns named as such. */
function traitsText(l: LeistungGap): HtmlValue {
  const r = l.requirements;
  const fee = r.feeBearing === null ? 'Gebühr unbekannt' : r.feeBearing ? 'gebührenpflichtig' : 'gebührenfrei';
  const trust =
    r.vertrauensniveau === null
      ? 'Vertrauensniveau unbekannt'
      : `Vertrauensniveau ${trustLevelLabel(r.vertrauensniveau)}`;
  return html`${l.onlineRelevant ? '' : html`<strong>nur vor Ort</strong> (nicht mitgezählt)<br>`}${fee}<br>${trust}`;
}

/** With an OZG-ID chosen: its Leistungen one by one (the report's drill-down). */
function drillDownSection(report: GapReport): HtmlValue {
  const rows = report.leistungen;
  if (!rows || report.filter.ozgId === undefined) return '';
  const ozg = report.ozgLeistungen[0];
  return html`<h3 id="einzeln">Leistungen von OZG ${report.filter.ozgId}${ozg ? `: ${ozg.name}` : ''} einzeln</h3>
${
  rows.length === 0
    ? html`<p>Der Katalog nennt zu dieser OZG-Leistung keine Leistungen.</p>`
    : html`<div class="table-scroll" role="region" aria-labelledby="einzeln-titel" tabindex="0"><table class="gaps">
<caption id="einzeln-titel">${formatNumber(rows.length)} ${rows.length === 1 ? 'Leistung' : 'Leistungen'} der OZG-Leistung ${report.filter.ozgId}, Ziel ${report.target.text}</caption>
<thead><tr><th scope="col">Leistung</th><th scope="col">zuständig ist</th><th scope="col">Merkmale</th><th scope="col">zuständige Einheiten</th><th scope="col">davon online</th>
  <th scope="col">Ziel erreicht: Einheiten, Anteil</th></tr></thead>
<tbody>${rows.map(
        (
          l,
        ) => html`<tr><th scope="row"><a href="/leistungen/${l.schluessel}">${l.name}</a><br><span class="meta"><span class="key">${l.schluessel}</span> · Typ ${l.typisierung ?? 'unbekannt'}</span></th>
  <td>${carriedBy(l)}</td><td>${traitsText(l)}</td><td class="num">${formatNumber(l.responsibleUnits)}</td><td class="num">${formatNumber(l.onlineUnits)}</td>
  <td class="num">${formatNumber(l.metUnits)}<br>${formatPercent(l.responsibleUnits === 0 ? null : (100 * l.metUnits) / l.responsibleUnits)}</td></tr>`,
      )}</tbody></table></div>`
}`;
}

function tableSection(data: OzgAreaPageData, report: GapReport): SafeHtml {
  const relevant = sortGaps(
    report.ozgLeistungen.filter((r) => r.responsibleUnits > 0),
    data.values.sortierung,
  );
  const without = report.ozgLeistungen.filter((r) => r.responsibleUnits === 0);
  return html`<section aria-labelledby="leistungen"><h2 id="leistungen">OZG-Leistungen</h2>
<p>Je OZG-Leistung: wie viele Einheiten zuständig sind, wie viele das Ziel erreichen und welche fehlenden Basiskomponenten
  die übrigen aufhalten (die häufigsten ${BLOCKERS_SHOWN}; alle im Download). Sortierung: ${OZG_SORT_LABELS[data.values.sortierung]}.</p>
${
  relevant.length === 0
    ? html`<p>Keine OZG-Leistung der Auswahl hat zuständige Einheiten in diesem Gebiet.</p>`
    : html`<div class="table-scroll gaps-scroll" role="region" aria-labelledby="luecken-titel" tabindex="0"><table class="gaps">
<caption id="luecken-titel">${formatNumber(relevant.length)} OZG-Leistungen mit zuständigen Einheiten, Ziel ${report.target.text}</caption>
<thead><tr><th scope="col">OZG-ID</th><th scope="col">OZG-Leistung</th><th scope="col">zuständige Einheiten</th><th scope="col">Ziel erreicht: Einheiten, Anteil</th>
  <th scope="col">flächen&shy;deckend</th><th scope="col">Dashboard-Regel</th><th scope="col">Was fehlt laut Daten (Einheiten)</th>
  <th scope="col">ohne Angaben zu Basis&shy;komponenten</th></tr></thead>
<tbody>${relevant.map((r) =>
        gapRow(
          r,
          data.componentLabels,
          `/gebiete/${data.area.key}/ozg${selectionQuery({ ...data.values, ozg: String(r.ozgId) })}#einzeln`,
        ),
      )}</tbody></table></div>`
}
${drillDownSection(report)}
${
  without.length > 0
    ? html`<details><summary>${formatNumber(without.length)} OZG-Leistungen ohne zuständige Einheit in diesem Gebiet</summary>
<p>Etwa Leistungen des Bundes oder der Länder; sie zählen hier nicht mit.</p>
<ul class="columns">${without.map((r) => html`<li>${r.ozgId} ${r.name}</li>`)}</ul></details>`
    : ''
}
</section>`;
}

/** `/gebiete/{key}/ozg`: the OZG gap report of an area with its target and filters. */
export function ozgAreaPage(ctx: ViewContext, data: OzgAreaPageData): SafeHtml {
  const report = data.report;
  const action = `/gebiete/${data.area.key}/ozg`;
  const chart = report ? chartSection(report) : '';
  const body = report
    ? html`<nav class="toc" aria-label="Inhalt dieser Seite"><ul>
  <li><a href="#ueberblick">Überblick</a></li>${report.parts?.length ? html`<li><a href="#teile">Je ${report.parts[0].level === 'land' ? 'Land' : 'Kreis'}</a></li>` : ''}${chart ? html`<li><a href="#verteilung">Je ${report.filter.themenfeld ? 'Lebenslage' : 'Themenfeld'}</a></li>` : ''}<li><a href="#entwicklung">Entwicklung</a></li>
  <li><a href="#leistungen">OZG-Leistungen</a></li><li><a href="#definitionen">Definitionen</a></li><li><a href="#downloads">Downloads</a></li></ul></nav>
${ozgForm({ action, values: data.values, errors: data.errors, facets: data.facets, mode: 'area' })}
${selectionLine(data.values, data.facets, 'area')}
<p class="no-print"><a href="${action}/zusammenfassung${selectionQuery(data.values)}">Zusammenfassung (eine Seite)</a> – die Zahlen, was am meisten freischalten würde und die Entwicklung, zum Drucken und Versenden.</p>
${ozgMapLink(data.area.key, report.filter, report.target.text)}
${catalogueNotice(report.catalogue.note)}
${
  data.computedAt
    ? html`<p class="hint">Berechnet am <time datetime="${data.computedAt.toISOString()}">${formatDateTime(data.computedAt)}</time>. Nach einem Import oder einer
  Änderung wird neu berechnet; sonst gilt die Berechnung bis zu ${GAP_CACHE_TTL_MS / 60_000} Minuten.</p>`
    : ''
}
${totalsSection(report)}
${partsSection(report, data.values)}
${combinationSection(report)}
${chart}
${trendSection(data, report)}
${tableSection(data, report)}
${definitionsDetails(report.definitions)}
${downloadButtons(`${action}/download`, data.values, `OZG-Umsetzung ${report.area.label}`)}`
    : ozgForm({ action, values: data.values, errors: data.errors, facets: data.facets, mode: 'area' });
  return layout(ctx, {
    title: `${report ? '' : 'Fehler: '}OZG-Umsetzung ${data.area.label}`,
    breadcrumbs: [...data.trail, { label: 'OZG-Umsetzung' }],
    body: html`<h1>OZG-Umsetzung: ${data.area.label}</h1>
<p class="lead">Welche OZG-Leistungen dort online sind, wo sie es sein sollten – und warum nicht: fehlende Basiskomponenten je Leistung.
  Daneben die Regel des OZG-Dashboards, damit sich die Zahlen vergleichen lassen.</p>
${report ? laenderNav(report, data.values) : ''}
${body}`,
  });
}
