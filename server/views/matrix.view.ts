import type { LandscapeCell, LandscapeReport, LandscapeRow } from '../../reports/landscape.report';
import { shortLabel } from '../../reports/wording';
import {
  COMPONENT_STATUS_LABELS,
  COMPONENT_STATUSES,
  OPERATOR_TYPE_LABELS,
  OPERATOR_TYPES,
} from '../../lib/vocabulary';
import { formatNumber } from './format';
import { html, raw, type SafeHtml } from './html';
import { OPERATOR_TYPE_CODES, STATUS_SYMBOLS } from './vocabulary';

/** Soft hyphens in long German compounds, so the matrix headers wrap instead of widening the table. */
const HYPHENATED: Record<string, string> = {
  Formularserver: 'Formular\u00adserver',
  Servicekonto: 'Service\u00adkonto',
  Verwaltungspostfach: 'Verwaltungs\u00adpostfach',
  Suchfunktion: 'Such\u00adfunktion',
};

function header(label: string): string {
  const short = shortLabel(label);
  return HYPHENATED[short] ?? short;
}

function cell(c: LandscapeCell | null): SafeHtml {
  if (!c)
    return raw(
      '<td class="cell cell-empty"><span aria-hidden="true">·</span><span class="visually-hidden">nichts erfasst</span></td>',
    );
  const type = c.operator?.type;
  const code = type ? OPERATOR_TYPE_CODES[type] : '';
  const spoken = `${c.statusLabel}${c.operator ? `, ${c.operator.name} (${c.operator.typeLabel})` : ''}${c.product ? `, ${c.product}` : ''}`;
  return html`<td class="cell ${type ? `op-${type}` : 'op-none'}" title="${spoken}"><span aria-hidden="true">${STATUS_SYMBOLS[c.status]}${code ? ` ${code}` : ''}</span><span class="visually-hidden">${spoken}</span></td>`;
}

function row(r: LandscapeRow, codes: string[]): SafeHtml {
  const href = `/kommunen/${r.key}`;
  return html`<tr><th scope="row"><a href="${href}">${r.name}</a></th><td class="num">${formatNumber(r.population)}</td><td class="num">${r.inUseCount}</td>${codes.map((code) => cell(r.cells[code]))}</tr>`;
}

/** The legend: operator types by colour AND letter, statuses by symbol. */
export function matrixLegend(): SafeHtml {
  return html`<div class="legend" id="legende">
<h3>Legende</h3>
<p>Jede Zelle nennt den Status als Zeichen und die Art des Betreibers als Buchstaben; die Farbe wiederholt die Art des Betreibers.
  Den vollständigen Text (Status, Betreiber, Produkt) lesen Screenreader vor und zeigt der Mauszeiger an.</p>
<ul class="legend-list">
  ${OPERATOR_TYPES.map((t) => html`<li><span class="swatch op-${t}" aria-hidden="true">${OPERATOR_TYPE_CODES[t]}</span> ${OPERATOR_TYPE_CODES[t]} = ${OPERATOR_TYPE_LABELS[t]}</li>`)}
  <li><span class="swatch op-none" aria-hidden="true">●</span> ohne Buchstaben = kein Betreiber angegeben</li>
</ul>
<ul class="legend-list">
  ${COMPONENT_STATUSES.map((s) => html`<li><span aria-hidden="true" class="symbol">${STATUS_SYMBOLS[s]}</span> = ${COMPONENT_STATUS_LABELS[s]}</li>`)}
  <li><span aria-hidden="true" class="symbol">·</span> = nichts erfasst (nicht dasselbe wie „nicht genutzt“)</li>
</ul>
</div>`;
}

/** The landscape matrix: one row per Gemeinde, one colour-coded cell per component. */
export function matrixTable(
  report: LandscapeReport,
  rows: LandscapeRow[],
  caption: string,
  id: string,
  firstColumn = 'Gemeinde',
): SafeHtml {
  const codes = report.components.map((c) => c.code);
  return html`<div class="table-scroll matrix-scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table class="matrix">
<caption id="${id}">${caption}</caption>
<thead><tr><th scope="col">${firstColumn}</th><th scope="col">Einwohner</th><th scope="col"><abbr title="Komponenten im Einsatz">im Einsatz</abbr></th>
${report.components.map((c) => html`<th scope="col"><abbr title="${c.label}">${header(c.label)}</abbr></th>`)}</tr></thead>
<tbody>${rows.map((r) => row(r, codes))}</tbody>
</table></div>`;
}
