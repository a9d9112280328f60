import type { KreisOverview, KreisOverviewCell, KreisOverviewRow } from '../../../reports/kreis-overview/report';
import {
  hasDemoCell,
  type LandscapeCell,
  type LandscapeReport,
  type LandscapeRow,
} from '../../../reports/landscape/report';
import { shortLabel } from '../../../reports/common/wording';
import {
  COMPONENT_STATUS_LABELS,
  COMPONENT_STATUSES,
  OPERATOR_TYPE_LABELS,
  OPERATOR_TYPES,
} from '../../../lib/vocabulary';
import { formatNumber, formatPercent } from './format';
import { html, raw, type SafeHtml } from './html';
import { DEMO_EXPLANATION, demoTag, OPERATOR_TYPE_CODES, STATUS_SYMBOLS } from './vocabulary';

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
  const spoken = `${c.statusLabel}${c.operator ? `, ${c.operator.name} (${c.operator.typeLabel})` : ''}${c.product ? `, ${c.product}` : ''}${c.demo ? ', Demodaten (erfunden)' : ''}`;
  return html`<td class="cell ${type ? `op-${type}` : 'op-none'}" title="${spoken}"><span aria-hidden="true">${STATUS_SYMBOLS[c.status]}${code ? ` ${code}` : ''}</span><span class="visually-hidden">${spoken}</span></td>`;
}

function row(r: LandscapeRow, codes: string[]): SafeHtml {
  const href = `/kommunen/${r.key}`;
  const demo = hasDemoCell([r]) ? html` ${demoTag()}` : '';
  return html`<tr><th scope="row"><a href="${href}">${r.name}</a>${demo}</th><td class="num">${formatNumber(r.population)}</td><td class="num">${r.inUseCount}</td>${codes.map((code) => cell(r.cells[code]))}</tr>`;
}

/** The legend: operator types by colour AND letter, statuses by symbol; `demo` explains the demo tag. */
export function matrixLegend(demo = false): SafeHtml {
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
${demo ? html`<p>${demoTag()} hinter einem Namen: die Angaben dieser Zeile sind Demodaten. ${DEMO_EXPLANATION}</p>` : ''}
</div>`;
}

/** Shown on narrow screens only (CSS): the matrix scrolls sideways, its first column stays. */
const scrollHint = raw(
  '<p class="scroll-hint"><span aria-hidden="true">↔</span> Die Tabelle ist breiter als der Bildschirm: seitlich wischen oder mit den Pfeiltasten verschieben; die Namen bleiben links stehen.</p>',
);

/** The landscape matrix: one row per Gemeinde, one colour-coded cell per component. */
export function matrixTable(
  report: LandscapeReport,
  rows: LandscapeRow[],
  caption: string,
  id: string,
  firstColumn = 'Gemeinde',
): SafeHtml {
  const codes = report.components.map((c) => c.code);
  return html`${scrollHint}<div class="table-scroll matrix-scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table class="matrix">
<caption id="${id}">${caption}</caption>
<thead><tr><th scope="col">${firstColumn}</th><th scope="col">Einwohner</th><th scope="col"><abbr title="Komponenten im Einsatz">im Einsatz</abbr></th>
${report.components.map((c) => html`<th scope="col"><abbr title="${c.label}">${header(c.label)}</abbr></th>`)}</tr></thead>
<tbody>${rows.map((r) => row(r, codes))}</tbody>
</table></div>`;
}

function overviewCell(label: string, c: KreisOverviewCell, withData: number): SafeHtml {
  if (withData === 0) {
    return raw(
      '<td class="cell cell-empty"><span aria-hidden="true">·</span><span class="visually-hidden">keine Angaben</span></td>',
    );
  }
  const type = c.dominantType;
  const spoken =
    `${label}: ${formatPercent(c.share)} im Einsatz (${formatNumber(c.inUse)} von ${formatNumber(withData)} Gemeinden mit Angaben)` +
    `${type ? `, meist ${c.dominantTypeLabel} (${formatNumber(c.dominantCount)})` : ''}${c.demo ? ', Demodaten (erfunden)' : ''}`;
  const visible = `${formatPercent(c.share).replace(',0 %', ' %')}${type ? ` ${OPERATOR_TYPE_CODES[type]}` : ''}`;
  return html`<td class="cell ${type ? `op-${type}` : 'op-none'}" title="${spoken}"><span aria-hidden="true">${visible}</span><span class="visually-hidden">${spoken}</span></td>`;
}

function overviewRow(r: KreisOverviewRow, components: { code: string; label: string }[]): SafeHtml {
  return html`<tr><th scope="row"><a href="/gebiete/${r.key}">${r.label}</a>${r.demoData ? html` ${demoTag()}` : ''}</th>
<td class="num">${formatNumber(r.municipalities)}</td><td class="num">${formatNumber(r.withData)}</td>${components.map(
    (c) => overviewCell(c.label, r.cells[c.code], r.withData),
  )}</tr>`;
}

/** The legend of the per-Kreis overview: share as a number, the most common operator type as letter and colour. */
export function overviewLegend(demo = false): SafeHtml {
  return html`<div class="legend" id="legende">
<h3>Legende</h3>
<p>Jede Zelle nennt, wie viel Prozent der Gemeinden des Kreises <em>mit Angaben</em> die Komponente im Einsatz haben,
  und als Buchstaben die Art des Betreibers, der die meisten von ihnen versorgt; die Farbe wiederholt diese Art.
  Screenreader lesen die Zahlen vollständig vor, der Mauszeiger zeigt sie an. Der Name führt zur Seite des Kreises mit
  der Matrix seiner Gemeinden.</p>
<ul class="legend-list">
  ${OPERATOR_TYPES.map((t) => html`<li><span class="swatch op-${t}" aria-hidden="true">${OPERATOR_TYPE_CODES[t]}</span> ${OPERATOR_TYPE_CODES[t]} = meist ${OPERATOR_TYPE_LABELS[t]}</li>`)}
  <li><span class="swatch op-none" aria-hidden="true">%</span> ohne Buchstaben = kein Betreiber angegeben oder nicht im Einsatz</li>
  <li><span class="swatch cell-empty" aria-hidden="true">·</span> = keine Gemeinde des Kreises hat Angaben</li>
</ul>
${demo ? html`<p>${demoTag()} hinter einem Kreis: unter seinen Angaben sind Demodaten. ${DEMO_EXPLANATION}</p>` : ''}
</div>`;
}

/**
 * Germany: the 16 Länder as links at the top of the page, before the map and some 400 Kreise,
 * so Thüringen is a few tab stops away; each with a link to its rows in the Kreis table.
 */
export function landJump(overview: KreisOverview): SafeHtml | '' {
  if (overview.area.kind !== 'germany') return '';
  const laender = [...new Map(overview.kreise.map((k) => [k.landKey, k.landName])).entries()];
  return html`<nav class="area-jump" aria-labelledby="laender-sprung"><h2 id="laender-sprung" class="jump-title">Direkt zu einem Land</h2>
<ul class="jump-list">${laender.map(([land, name]) => html`<li><a href="/gebiete/${land}">${name}</a> <a href="#land-${land}" class="jump-table">(Tabelle)<span class="visually-hidden">: ${name} in der Tabelle</span></a></li>`)}</ul></nav>`;
}

/** One row per Kreis, one cell per component (see `buildKreisOverview`); Germany grouped by Land. */
export function overviewTable(overview: KreisOverview, caption: string, id: string): SafeHtml {
  const { components } = overview;
  const groups =
    overview.area.kind === 'germany'
      ? [...new Set(overview.kreise.map((k) => k.landKey))].map((land) => ({
          land,
          rows: overview.kreise.filter((k) => k.landKey === land),
        }))
      : [{ land: null, rows: overview.kreise }];
  const width = components.length + 3;
  return html`${scrollHint}<div class="table-scroll matrix-scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table class="matrix overview">
<caption id="${id}">${caption}</caption>
<thead><tr><th scope="col">Kreis</th><th scope="col">Gemeinden</th><th scope="col"><abbr title="Gemeinden mit Angaben">mit Angaben</abbr></th>
${components.map((c) => html`<th scope="col"><abbr title="${c.label}">${header(c.label)}</abbr></th>`)}</tr></thead>
${groups.map(
  (
    g,
  ) => html`<tbody>${g.land ? html`<tr class="group"><th scope="rowgroup" colspan="${width}" id="land-${g.land}"><a href="/gebiete/${g.land}">${g.rows[0].landName}</a></th></tr>` : ''}
${g.rows.map((r) => overviewRow(r, components))}</tbody>`,
)}
</table></div>`;
}
