import type { GapReport } from '../../../reports/gaps/report';
import type { GapReportPart } from '../../../reports/gaps/parts';
import { formatNumber, formatPercent } from './format';
import { html, type HtmlValue } from './html';
import { selectionQuery, type OzgFormValues } from './ozg-common.view';

function share(p: GapReportPart): number | null {
  return p.responsiblePairs === 0 ? null : (100 * p.metPairs) / p.responsiblePairs;
}

/**
 * The report per Kreis (a Land, a Regierungsbezirk) or per Land (Germany), each linking down to
 * its own OZG page with the same selection: the breakdown a coordinator sends on, and the way
 * down without going through the map or the search.
 */
export function partsSection(report: GapReport, values: OzgFormValues): HtmlValue {
  const parts = report.parts ?? [];
  if (parts.length === 0) return '';
  const land = parts[0].level === 'land';
  const noun = land ? 'Land' : 'Kreis';
  const query = selectionQuery(values);
  return html`<section aria-labelledby="teile"><h2 id="teile">Je ${noun}</h2>
<p>Dieselben Zahlen wie im Überblick, je ${noun}; der Name führt zu seiner OZG-Seite mit derselben Auswahl.
  „Flächendeckend“ heißt hier: in allen zuständigen Einheiten ${land ? 'des Landes' : 'des Kreises'} erfüllt.</p>
<div class="table-scroll" role="region" aria-labelledby="teile-titel" tabindex="0"><table class="compact parts">
<caption id="teile-titel">OZG-Umsetzung je ${noun}: ${formatNumber(parts.length)} ${land ? 'Länder' : 'Kreise'}, Ziel ${report.target.text}</caption>
<thead><tr><th scope="col">${noun}</th><th scope="col">Einheiten</th><th scope="col">OZG-Leistungen mit Zuständigen</th>
  <th scope="col">davon flächendeckend erfüllt</th><th scope="col">Zuständigkeiten (Einheit × Leistung)</th><th scope="col">davon Ziel erreicht</th><th scope="col">Anteil erreicht</th></tr></thead>
<tbody>${parts.map(
    (
      p,
    ) => html`<tr><th scope="row"><a href="/gebiete/${p.key}/ozg${query}">${p.label}</a></th><td class="num">${formatNumber(p.units)}</td>
  <td class="num">${formatNumber(p.relevant)}</td><td class="num">${formatNumber(p.flaechendeckend)}</td><td class="num">${formatNumber(p.responsiblePairs)}</td>
  <td class="num">${formatNumber(p.metPairs)}</td><td class="num">${formatPercent(share(p))}</td></tr>`,
  )}</tbody></table></div></section>`;
}

/** Germany: a short list of the Länder right after the heading, so each is a few tab stops away. */
export function laenderNav(report: GapReport, values: OzgFormValues): HtmlValue {
  const parts = report.parts ?? [];
  if (parts.length === 0 || parts[0].level !== 'land') return '';
  const query = selectionQuery(values);
  return html`<nav class="area-jump" aria-labelledby="laender-nav"><h2 id="laender-nav" class="jump-title">Direkt zu einem Land</h2>
<ul class="jump-list">${parts.map((p) => html`<li><a href="/gebiete/${p.key}/ozg${query}">${p.label}</a></li>`)}</ul></nav>`;
}
