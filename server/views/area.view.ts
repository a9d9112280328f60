import type { BenchmarkReport, BenchmarkRow } from '../../reports/benchmark.report';
import type { LandscapeReport } from '../../reports/landscape.report';
import type { OpportunitiesReport } from '../../reports/opportunities.report';
import { OPERATOR_TYPE_LABELS, OPERATOR_TYPES } from '../../lib/vocabulary';
import { benchmarkChart } from './benchmark-chart';
import { formatNumber, formatPercent } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { layout, type Crumb, type ViewContext } from './layout';
import { matrixLegend, matrixTable } from './matrix.view';

/** Largest area whose matrix is rendered on the page; larger ones get totals and the download. */
export const MATRIX_MAX_ROWS = 500;
/** Suggestions listed on the page; all of them are in the download. */
export const OPPORTUNITIES_SHOWN = 25;

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
  landscape: LandscapeReport;
  benchmark: BenchmarkReport;
  /** Null for areas too large to compute suggestions while the page loads. */
  opportunities: OpportunitiesReport | null;
}

function downloads(key: string, withOpportunities: boolean): SafeHtml {
  const link = (report: string, format: string, label: string) =>
    html`<a class="button button-secondary" href="/api/reports/${report}?area=${key}&amp;format=${format}" download>${label}</a>`;
  return html`<section aria-labelledby="downloads"><h2 id="downloads">Downloads</h2>
<ul class="download-list">
  <li>Komponentenlandschaft: ${link('landscape', 'csv', 'CSV')} ${link('landscape', 'xlsx', 'XLSX')}</li>
  <li>Vergleich mit der Umfrage: ${link('benchmark', 'csv', 'CSV')} ${link('benchmark', 'xlsx', 'XLSX')}</li>
  ${withOpportunities ? html`<li>Chancen für gemeinsame Nutzung: ${link('opportunities', 'csv', 'CSV')} ${link('opportunities', 'xlsx', 'XLSX')}</li>` : ''}
</ul></section>`;
}

function totals(report: LandscapeReport): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-labelledby="summen" tabindex="0"><table class="compact">
<caption id="summen">Gemeinden je Komponente und Status</caption>
<thead><tr><th scope="col">Komponente</th><th scope="col">im Einsatz</th><th scope="col">geplant</th><th scope="col">nicht genutzt</th>
  <th scope="col">abgeschaltet</th><th scope="col">unbekannt</th><th scope="col">nichts erfasst</th></tr></thead>
<tbody>${report.componentTotals.map(
    (
      t,
    ) => html`<tr><th scope="row">${t.label}</th><td class="num">${formatNumber(t.counts['in-use'])}</td><td class="num">${formatNumber(t.counts.planned)}</td>
  <td class="num">${formatNumber(t.counts['not-used'])}</td><td class="num">${formatNumber(t.counts.retired)}</td><td class="num">${formatNumber(t.counts.unknown)}</td>
  <td class="num">${formatNumber(t.counts['not-recorded'])}</td></tr>`,
  )}</tbody></table></div>`;
}

function landscapeSection(reports: AreaReports): SafeHtml {
  const report = reports.landscape;
  const rows = report.municipalities;
  const matrix =
    rows.length <= MATRIX_MAX_ROWS
      ? html`${matrixLegend()}${matrixTable(report, rows, `Komponentenlandschaft: ${rows.length} Gemeinden`, 'matrix-titel')}`
      : html`<p>Die Matrix für ${formatNumber(rows.length)} Gemeinden ist zu groß für eine Seite; sie steht als CSV und XLSX im Download.
          Über die Vergleichstabelle unten gelangen Sie zu kleineren Gebieten mit eigener Matrix.</p>`;
  const administrations =
    report.administrations.length > 0 && rows.length <= MATRIX_MAX_ROWS
      ? matrixTable(
          report,
          report.administrations,
          'Eigene Angaben von Kreis und Gemeindeverbänden (gesondert, nicht in den Summen)',
          'verwaltungen-titel',
          'Verwaltung',
        )
      : '';
  return html`<section aria-labelledby="landschaft"><h2 id="landschaft">Komponentenlandschaft</h2>
${report.notes.map((n) => html`<p class="hint">${n}</p>`)}
${matrix}
${administrations}
${totals(report)}
</section>`;
}

function groupRows(rows: BenchmarkRow[], scope: 'land' | 'kreis'): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-labelledby="gruppen-${scope}" tabindex="0"><table class="compact">
<caption id="gruppen-${scope}">${scope === 'land' ? 'Länder' : 'Kreise'} im Vergleich (Anteile der Gemeinden mit Angaben)</caption>
<thead><tr><th scope="col">${scope === 'land' ? 'Land' : 'Kreis'}</th><th scope="col">Gemeinden</th><th scope="col">mit Angaben</th>
  <th scope="col">keine</th><th scope="col">1–2</th><th scope="col">3 und mehr</th><th scope="col">veraltet</th></tr></thead>
<tbody>${rows.map(
    (
      r,
    ) => html`<tr><th scope="row"><a href="/gebiete/${r.key}">${r.name}</a></th><td class="num">${formatNumber(r.municipalities)}</td>
  <td class="num">${formatNumber(r.withData)}</td><td class="num">${formatPercent(r.shares?.none)}</td><td class="num">${formatPercent(r.shares?.oneToTwo)}</td>
  <td class="num">${formatPercent(r.shares?.threePlus)}</td><td class="num">${formatNumber(r.stale)}</td></tr>`,
  )}</tbody></table></div>`;
}

function operatorTypes(report: BenchmarkReport): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-labelledby="betreibertypen" tabindex="0"><table class="compact">
<caption id="betreibertypen">Wer betreibt die Komponenten? Anteile der Einträge „im Einsatz“ nach Art des Betreibers</caption>
<thead><tr><th scope="col">Komponente</th><th scope="col">im Einsatz</th>${OPERATOR_TYPES.map((t) => html`<th scope="col">${OPERATOR_TYPE_LABELS[t]}</th>`)}<th scope="col">ohne Angabe</th></tr></thead>
<tbody>${report.operatorTypes.map(
    (o) =>
      html`<tr><th scope="row">${o.label}</th><td class="num">${formatNumber(o.inUse)}</td>${OPERATOR_TYPES.map(
        (t) => html`<td class="num">${formatPercent(o.types[t].share)}</td>`,
      )}<td class="num">${formatPercent(o.types.unknown.share)}</td></tr>`,
  )}</tbody></table></div>`;
}

function benchmarkSection(report: BenchmarkReport): SafeHtml {
  return html`<section aria-labelledby="vergleich"><h2 id="vergleich">Vergleich mit der Umfrage 2019</h2>
<p>${report.summary}</p>
${benchmarkChart(report)}
${report.byLand.length > 1 ? groupRows(report.byLand, 'land') : ''}
${report.byKreis.length > 1 && report.byLand.length <= 1 ? groupRows(report.byKreis, 'kreis') : ''}
${operatorTypes(report)}
${report.notes.slice(1).map((n) => html`<p class="hint">${n}</p>`)}
</section>`;
}

function opportunitiesSection(report: OpportunitiesReport | null): HtmlValue {
  if (!report) {
    return html`<section aria-labelledby="chancen"><h2 id="chancen">Chancen für gemeinsame Nutzung</h2>
<p>Für ein Gebiet dieser Größe werden die Vorschläge nicht auf der Seite berechnet. Sie stehen auf den Seiten der Kreise.</p></section>`;
  }
  // Strongest first: operators that already serve many Gemeinden of the same Kreis.
  const best = report.opportunities
    .filter((o) => o.rank === 1)
    .sort(
      (a, b) =>
        Number(b.scope === 'kreis') - Number(a.scope === 'kreis') ||
        b.servedInKreis - a.servedInKreis ||
        b.municipality.population - a.municipality.population,
    );
  return html`<section aria-labelledby="chancen"><h2 id="chancen">Chancen für gemeinsame Nutzung</h2>
<p>Die stärksten Vorschläge zuerst: Betreiber, die die fehlende Komponente schon für viele Gemeinden desselben Kreises betreiben.
  ${formatNumber(report.summary.gaps)} fehlende Komponenten in Gemeinden, davon ${formatNumber(report.summary.gapsWithSuggestion)} mit mindestens einem
  Betreiber, der die Komponente schon für Nachbarn betreibt; ${formatNumber(report.summary.consolidationCandidates)} Kandidaten für eine Bündelung.</p>
${
  best.length === 0
    ? html`<p>Keine Vorschläge.</p>`
    : html`<ol class="opportunities">${best
        .slice(0, OPPORTUNITIES_SHOWN)
        .map(
          (o) =>
            html`<li><strong><a href="/kommunen/${o.municipality.key}">${o.municipality.name}</a>, ${o.componentLabel}:</strong> ${o.reason}</li>`,
        )}</ol>
${best.length > OPPORTUNITIES_SHOWN ? html`<p>${formatNumber(best.length - OPPORTUNITIES_SHOWN)} weitere Vorschläge (und alle Alternativen) im Download.</p>` : ''}`
}
${
  report.consolidation.length > 0
    ? html`<h3>Kandidaten für eine Bündelung</h3><ul>${report.consolidation.slice(0, 20).map((c) => html`<li>${c.reason}</li>`)}</ul>`
    : ''
}
</section>`;
}

/** `/gebiete/{key}`: the area's landscape matrix, survey benchmark and opportunities. */
export function areaPage(ctx: ViewContext, head: AreaHead, reports: AreaReports | null): SafeHtml {
  const facts =
    head.municipalityCount !== null
      ? html`<p class="lead">${formatNumber(head.municipalityCount)} Gemeinden${head.population !== null ? `, ${formatNumber(head.population)} Einwohner` : ''}.</p>`
      : '';
  const body = reports
    ? html`<nav class="toc" aria-label="Inhalt dieser Seite"><ul>
  <li><a href="#landschaft">Komponentenlandschaft</a></li><li><a href="#vergleich">Vergleich mit der Umfrage</a></li>
  <li><a href="#chancen">Chancen</a></li><li><a href="#downloads">Downloads</a></li></ul></nav>
${landscapeSection(reports)}
${benchmarkSection(reports.benchmark)}
${opportunitiesSection(reports.opportunities)}
${downloads(head.key, reports.opportunities !== null)}`
    : html`<p class="notice">Die Komponentenlandschaft, der Vergleich mit der Umfrage und die Chancen für gemeinsame Nutzung
  stehen angemeldeten Nutzerinnen und Nutzern zur Verfügung – wie in der API, wo Bestandsdaten ein Token brauchen.
  <a href="/anmeldung?weiter=${encodeURIComponent(`/gebiete/${head.key}`)}">Anmelden</a></p>`;
  return layout(ctx, {
    title: head.label,
    breadcrumbs: head.trail,
    body: html`<h1>${head.label}</h1>${facts}${body}`,
  });
}
