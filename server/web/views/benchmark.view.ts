import { UPPER_LEVEL_NOTE } from '../../../reports/area';
import type { BenchmarkReport, BenchmarkRow } from '../../../reports/benchmark/report';
import { SURVEY_NOTES } from '../../../reports/benchmark/wording';
import type { SurveyClass, SurveyFigure } from '../../../reports/common/survey';
import { DEMO_NOTE } from '../../../reports/common/wording';
import { OPERATOR_TYPE_LABELS, OPERATOR_TYPES } from '../../../lib/vocabulary';
import { benchmarkChart, surveyText } from './benchmark-chart';
import { formatNumber, formatPercent } from './format';
import { html, type SafeHtml } from './html';

const CLASS_LABELS: Record<SurveyClass, string> = {
  none: 'keine Komponente',
  oneToTwo: 'eine oder zwei',
  threePlus: 'drei oder mehr',
};

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

/**
 * The area per KGSt size class: counts and shares of the Gemeinden with data. The survey gives
 * no figures per class, so its totals close the table instead of standing beside each class.
 */
function sizeClassTable(report: BenchmarkReport): SafeHtml {
  const { figures } = report.survey;
  return html`<div class="table-scroll" role="region" aria-labelledby="groessenklassen" tabindex="0"><table class="compact">
<caption id="groessenklassen">Nach Größenklassen der KGSt (Einwohner): Gemeinden mit keiner, einer oder zwei, drei oder mehr Komponenten im Einsatz</caption>
<thead><tr><th scope="col">Größenklasse</th><th scope="col">Gemeinden</th><th scope="col">mit Angaben</th>
  <th scope="col">keine</th><th scope="col">1–2</th><th scope="col">3 und mehr</th>
  <th scope="col">keine (%)</th><th scope="col">1–2 (%)</th><th scope="col">3 und mehr (%)</th></tr></thead>
<tbody>${report.bySizeClass.map(
    (
      r,
    ) => html`<tr><th scope="row">${r.name}</th><td class="num">${formatNumber(r.municipalities)}</td><td class="num">${formatNumber(r.withData)}</td>
  <td class="num">${formatNumber(r.none)}</td><td class="num">${formatNumber(r.oneToTwo)}</td><td class="num">${formatNumber(r.threePlus)}</td>
  <td class="num">${formatPercent(r.shares?.none)}</td><td class="num">${formatPercent(r.shares?.oneToTwo)}</td><td class="num">${formatPercent(r.shares?.threePlus)}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">Umfrage 2019, alle Größen zusammen (keine Werte je Größenklasse veröffentlicht)</th>
  <td class="num">${formatNumber(report.survey.sample.respondents)}</td><td class="num">–</td><td class="num">–</td><td class="num">–</td><td class="num">–</td>
  <td class="num">${surveyText(figures.none)}</td><td class="num">${surveyText(figures.oneToTwo)}</td><td class="num">${surveyText(figures.threePlus)}</td></tr></tfoot>
</table></div>`;
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

/** What the comparison rests on: the survey, its sample, which figure is derived, the size classes. */
function basis(report: BenchmarkReport): SafeHtml {
  const { survey, sizeClasses } = report;
  const figures = Object.entries(survey.figures) as [SurveyClass, SurveyFigure][];
  return html`<h3 id="vergleich-grundlage">Worauf der Vergleich beruht</h3>
<p><a href="${survey.url}">${survey.publishers}: „${survey.title}“ (${survey.year})</a>.
  ${survey.sample.description} ${survey.sample.caveat}</p>
<ul>${figures.map(([key, f]) => html`<li>${CLASS_LABELS[key]}: ${surveyText(f)} – ${f.note}</li>`)}</ul>
<p>Die Umfrage veröffentlicht ihre Verteilung nicht je Größenklasse. Die Tabelle nach Größenklassen stellt deshalb die
  Gemeinden des Gebiets je <a href="${sizeClasses.url}">Größenklasse der KGSt</a> neben die Gesamtwerte der Umfrage.
  ${sizeClasses.note}</p>`;
}

/** The notes not said elsewhere on the page (demo notice, upper-level note, the basis above). */
function hints(notes: string[]): SafeHtml[] {
  const shown = new Set([DEMO_NOTE, UPPER_LEVEL_NOTE, ...SURVEY_NOTES]);
  return notes.filter((n) => !shown.has(n)).map((n) => html`<p class="hint">${n}</p>`);
}

/** The area page's survey benchmark: summary, chart, size classes, Länder or Kreise, operator types, basis. */
export function benchmarkSection(report: BenchmarkReport): SafeHtml {
  return html`<section aria-labelledby="vergleich"><h2 id="vergleich">Vergleich mit der Umfrage 2019</h2>
<p>${report.summary}</p>
${benchmarkChart(report)}
${sizeClassTable(report)}
${report.byLand.length > 1 ? groupRows(report.byLand, 'land') : ''}
${report.byKreis.length > 1 && report.byLand.length <= 1 ? groupRows(report.byKreis, 'kreis') : ''}
${operatorTypes(report)}
${basis(report)}
${hints(report.notes)}
</section>`;
}
