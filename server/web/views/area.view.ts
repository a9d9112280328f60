import { UPPER_LEVEL_NOTE } from '../../../reports/area';
import type { BenchmarkReport } from '../../../reports/benchmark/report';
import type { KreisOverview } from '../../../reports/kreis-overview/report';
import type { ComponentTotal, LandscapeReport } from '../../../reports/landscape/report';
import {
  byStrength,
  type ConsolidationCandidate,
  type OpportunitiesReport,
} from '../../../reports/opportunities/report';
import { DEMO_NOTE } from '../../../reports/common/wording';
import { benchmarkSection } from './benchmark.view';
import { formatNumber } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { layout, type Crumb, type ViewContext } from './layout';
import { filteredMatrix, type MatrixChoice } from './matrix-filter';
import { landJump, matrixLegend, matrixTable, overviewLegend, overviewTable } from './matrix.view';
import { opportunitiesTable } from './opportunities-table.view';
import { DEMO_EXPLANATION, demoTag } from './vocabulary';

/** Largest area whose matrix of Gemeinden is rendered; larger ones get one row per Kreis and the download. */
export const MATRIX_MAX_ROWS = 500;
/** Suggestions listed on the page; all of them are in the download. */
export const OPPORTUNITIES_SHOWN = 25;
/** Kreis-level consolidation candidates listed on the page; all of them are in the download. */
export const CONSOLIDATION_SHOWN = 20;

/** The public head of an area page. */
export interface AreaHead {
  key: string;
  label: string;
  municipalityCount: number | null;
  population: number | null;
  trail: Crumb[];
}

/** The reports behind an area page (signed-in users only). */
export interface AreaReports {
  /** The matrix of Gemeinden, for areas of up to {@link MATRIX_MAX_ROWS}; else null. */
  landscape: LandscapeReport | null;
  /** One row per Kreis, for larger areas (a Land, Germany); else null. */
  overview: KreisOverview | null;
  benchmark: BenchmarkReport;
  opportunities: OpportunitiesReport;
}

/** The notes shown as hints: the demo note has its own notice, the upper-level note is said once. */
function hints(notes: string[], withUpperLevel: boolean): SafeHtml[] {
  return notes
    .filter((n) => n !== DEMO_NOTE && (withUpperLevel || n !== UPPER_LEVEL_NOTE))
    .map((n) => html`<p class="hint">${n}</p>`);
}

function downloads(key: string, fullMatrix: boolean): SafeHtml {
  const link = (report: string, format: string, label: string) =>
    html`<a class="button button-secondary" href="/api/reports/${report}?area=${key}&amp;format=${format}" download>${label}</a>`;
  return html`<section aria-labelledby="downloads"><h2 id="downloads">Downloads</h2>
<ul class="download-list">
  <li>Komponentenlandschaft${fullMatrix ? ' (alle Gemeinden einzeln)' : ''}: ${link('landscape', 'csv', 'CSV')} ${link('landscape', 'xlsx', 'XLSX')}</li>
  <li>Vergleich mit der Umfrage: ${link('benchmark', 'csv', 'CSV')} ${link('benchmark', 'xlsx', 'XLSX')}</li>
  <li>Chancen für gemeinsame Nutzung (alle Vorschläge und Bündelungskandidaten): ${link('opportunities', 'csv', 'CSV')} ${link('opportunities', 'xlsx', 'XLSX')}</li>
</ul>
<p class="hint">Die CSV-Dateien enthalten die Haupttabelle (Semikolon, UTF-8); die XLSX-Dateien zusätzlich die Summen und Hinweise.
  Demodaten sind in der Spalte „Demodaten (erfunden)“ gekennzeichnet.</p></section>`;
}

function totals(componentTotals: ComponentTotal[]): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-labelledby="summen" tabindex="0"><table class="compact">
<caption id="summen">Gemeinden je Komponente und Status</caption>
<thead><tr><th scope="col">Komponente</th><th scope="col">im Einsatz</th><th scope="col">geplant</th><th scope="col">nicht genutzt</th>
  <th scope="col">abgeschaltet</th><th scope="col">unbekannt</th><th scope="col">nichts erfasst</th></tr></thead>
<tbody>${componentTotals.map(
    (
      t,
    ) => html`<tr><th scope="row">${t.label}</th><td class="num">${formatNumber(t.counts['in-use'])}</td><td class="num">${formatNumber(t.counts.planned)}</td>
  <td class="num">${formatNumber(t.counts['not-used'])}</td><td class="num">${formatNumber(t.counts.retired)}</td><td class="num">${formatNumber(t.counts.unknown)}</td>
  <td class="num">${formatNumber(t.counts['not-recorded'])}</td></tr>`,
  )}</tbody></table></div>`;
}

function matrixSection(report: LandscapeReport, key: string, choice: MatrixChoice): SafeHtml {
  const administrations =
    report.administrations.length > 0
      ? matrixTable(
          report,
          report.administrations,
          'Eigene Angaben von Kreis und Gemeindeverbänden (gesondert, nicht in den Summen)',
          'verwaltungen-titel',
          'Verwaltung',
        )
      : '';
  return html`<section aria-labelledby="landschaft"><h2 id="landschaft">Komponentenlandschaft</h2>
${hints(report.notes, true)}
${matrixLegend(report.demoData)}${filteredMatrix(report, choice, key)}
${administrations}
${totals(report.componentTotals)}
</section>`;
}

function overviewSection(overview: KreisOverview): SafeHtml {
  const count = overview.area.municipalityCount;
  return html`<section aria-labelledby="landschaft"><h2 id="landschaft">Komponentenlandschaft nach Kreisen</h2>
<p>Die Matrix aller ${formatNumber(count)} Gemeinden ist zu groß für eine Seite; sie steht unten als CSV und XLSX im Download.
  Hier steht je Kreis eine Zeile; jeder Kreis führt zu seiner Seite mit der Matrix seiner Gemeinden.</p>
${hints(overview.notes, true)}
${overviewLegend(overview.demoData)}
${overviewTable(overview, `Komponenten je Kreis: ${formatNumber(overview.kreise.length)} Kreise, ${formatNumber(count)} Gemeinden`, 'matrix-titel')}
${totals(overview.componentTotals)}
</section>`;
}

/** Land-wide candidates first; then Kreise, by how many Gemeinden could join the leading operator. */
function consolidationLists(report: OpportunitiesReport): HtmlValue {
  const item = (c: ConsolidationCandidate) => html`<li>${c.demo ? html`${demoTag()} ` : ''}${c.reason}</li>`;
  const land = report.consolidation.filter((c) => c.scope === 'land');
  const kreise = report.consolidation
    .filter((c) => c.scope === 'kreis')
    .sort(
      (a, b) =>
        b.municipalitiesInUse - b.leaderMunicipalities - (a.municipalitiesInUse - a.leaderMunicipalities) ||
        b.leaderShare - a.leaderShare,
    );
  if (land.length === 0 && kreise.length === 0) return '';
  return html`<h3 id="buendelung">Kandidaten für eine Bündelung</h3>
<p>Dieselbe Komponente bei mehreren Betreibern, von denen einer schon die meisten Gemeinden versorgt.</p>
${land.length > 0 ? html`<h4>${new Set(land.map((c) => c.region.key)).size === 1 ? 'Im ganzen Land' : 'Je Land insgesamt'}</h4><ul>${land.map(item)}</ul>` : ''}
${
  kreise.length > 0
    ? html`<h4>In einzelnen Kreisen</h4><ul>${kreise.slice(0, CONSOLIDATION_SHOWN).map(item)}</ul>
${kreise.length > CONSOLIDATION_SHOWN ? html`<p>${formatNumber(kreise.length - CONSOLIDATION_SHOWN)} weitere Kandidaten in Kreisen im Download.</p>` : ''}`
    : ''
}`;
}

/**
 * The federal, Land and EfA services of the area's Länder with the gaps each could close: for
 * these a municipality connects instead of building (DOMAIN.md §5a).
 */
function connectList(report: OpportunitiesReport): HtmlValue {
  const options = report.connectOptions.filter((c) => c.gaps > 0 || c.connected + c.connecting > 0);
  if (options.length === 0) return '';
  return html`<h3 id="anschliessen">Anschließen statt selbst betreiben</h3>
<p>Dienste des Bundes und der Länder, an die sich jede Kommune des Landes anschließen kann, mit den fehlenden Komponenten, die sie stellen.</p>
<ul>${options.map(
    (c) =>
      html`<li><strong>${c.service.name}</strong> (${c.service.kindLabel}${c.components.length > 0 ? `: ${c.components.map((k) => k.label).join(', ')}` : ''}):
  könnte ${formatNumber(c.gaps)} ${c.gaps === 1 ? 'Lücke' : 'Lücken'} in ${formatNumber(c.municipalities)} ${c.municipalities === 1 ? 'Gemeinde' : 'Gemeinden'} schließen;
  angeschlossen: ${formatNumber(c.connected)}${c.connecting > 0 ? `, in Vorbereitung: ${formatNumber(c.connecting)}` : ''}.</li>`,
  )}</ul>`;
}

/** The best operator suggestion of each gap: services to connect to are summed up in {@link connectList}. */
function bestOperatorSuggestions(report: OpportunitiesReport): OpportunitiesReport['opportunities'] {
  const seen = new Set<string>();
  return report.opportunities.filter((o) => {
    const gap = `${o.municipality.key}/${o.component}`;
    if (o.kind !== 'operator' || seen.has(gap)) return false;
    seen.add(gap);
    return true;
  });
}

function opportunitiesSection(report: OpportunitiesReport): HtmlValue {
  // Strongest first: operators that already serve many Gemeinden of the same Kreis. The report
  // may hold only these already (option `strongest`); the summary counts all.
  const best = bestOperatorSuggestions(report).sort(byStrength);
  const more = report.summary.gapsWithOperatorSuggestion - Math.min(best.length, OPPORTUNITIES_SHOWN);
  return html`<section aria-labelledby="chancen"><h2 id="chancen">Chancen für gemeinsame Nutzung</h2>
<p>${formatNumber(report.summary.gaps)} fehlende Komponenten in Gemeinden (De-Mail zählt nicht mehr), davon ${formatNumber(report.summary.gapsWithSuggestion)} mit mindestens einem
  Vorschlag; ${formatNumber(report.summary.consolidationCandidates)} Kandidaten für eine Bündelung. Zuerst die Dienste, an die sich jede Kommune anschließen kann,
  dann die stärksten Vorschläge für eine gemeinsame Nutzung: Betreiber, die die fehlende Komponente schon für viele Gemeinden desselben Kreises,
  für angrenzende Gemeinden eines Nachbarkreises oder für die Gemeinde selbst andere Komponenten betreiben. Die Begründung jedes Vorschlags steht im Download.</p>
${connectList(report)}
<h3 id="mitnutzen">Betreiber von Nachbarn mitnutzen</h3>
${
  best.length === 0
    ? html`<p>Kein Betreiber von Nachbarn, der eine fehlende Komponente schon betreibt.</p>`
    : html`${opportunitiesTable(best.slice(0, OPPORTUNITIES_SHOWN))}
${more > 0 ? html`<p>${formatNumber(more)} weitere Vorschläge (und alle Alternativen) im Download.</p>` : ''}`
}
${consolidationLists(report)}
</section>`;
}

function demoNotice(reports: AreaReports): HtmlValue {
  const demo =
    reports.landscape?.demoData ||
    reports.overview?.demoData ||
    reports.benchmark.demoData ||
    reports.opportunities.demoData;
  if (!demo) return '';
  return html`<div class="notice notice-warning"><p><strong>Demodaten:</strong> Die Angaben dieses Gebiets sind ganz oder teilweise
  Demodaten; Zeilen, Vorschläge und Kandidaten, die darauf beruhen, tragen den Vermerk ${demoTag()}. ${DEMO_EXPLANATION}</p></div>`;
}

/** `/gebiete/{key}`: the area's map (`map.view.ts`), landscape matrix, survey benchmark and opportunities. */
export function areaPage(
  ctx: ViewContext,
  head: AreaHead,
  reports: AreaReports | null,
  map: SafeHtml | null = null,
  matrix: MatrixChoice = {},
): SafeHtml {
  const facts =
    head.municipalityCount !== null
      ? html`<p class="lead">${formatNumber(head.municipalityCount)} Gemeinden${head.population !== null ? `, ${formatNumber(head.population)} Einwohner` : ''}.</p>`
      : '';
  const body = reports
    ? html`<nav class="toc" aria-label="Inhalt dieser Seite"><ul>
  ${map ? html`<li><a href="#karte">Karte</a></li>` : ''}<li><a href="#landschaft">Komponentenlandschaft</a></li><li><a href="#vergleich">Vergleich mit der Umfrage</a></li>
  <li><a href="#chancen">Chancen</a></li><li><a href="#downloads">Downloads</a></li></ul></nav>
${demoNotice(reports)}
${reports.overview ? landJump(reports.overview) : ''}
${map ?? ''}
${reports.landscape ? matrixSection(reports.landscape, head.key, matrix) : ''}
${reports.overview ? overviewSection(reports.overview) : ''}
${benchmarkSection(reports.benchmark)}
${opportunitiesSection(reports.opportunities)}
${downloads(head.key, reports.landscape === null)}`
    : html`<p class="notice">Die Komponentenlandschaft, der Vergleich mit der Umfrage und die Chancen für gemeinsame Nutzung
  stehen angemeldeten Nutzerinnen und Nutzern zur Verfügung – wie in der API, wo Bestandsdaten ein Token brauchen.
  <a href="/anmeldung?weiter=${encodeURIComponent(`/gebiete/${head.key}`)}">Anmelden</a></p>`;
  return layout(ctx, {
    title: head.label,
    breadcrumbs: head.trail,
    body: html`<h1>${head.label}</h1>${facts}
<p><a href="/gebiete/${head.key}/ozg">OZG-Umsetzung: welche OZG-Leistungen online sind und was fehlt</a>${ctx.user ? '' : ' (nach Anmeldung)'}</p>
${body}`,
  });
}
