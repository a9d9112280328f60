/**
 * Filtering and sorting the matrix of Gemeinden by component, status and operator, with query
 * parameters (`?komponente=form-server&status=ohne`), so "who has no form server" is answered
 * by a plain GET form that works without JavaScript and can be bookmarked or sent.
 */
import type { LandscapeCell, LandscapeReport, LandscapeRow } from '../../../reports/landscape/report';
import { shortLabel } from '../../../reports/common/wording';
import type { ComponentStatus } from '../../../lib/vocabulary';
import { formatNumber } from './format';
import { html, raw, when, type SafeHtml } from './html';
import { matrixTable } from './matrix.view';

/** The matrix choice as the query gave it (plain data: the page may be rendered in a compute worker). */
export interface MatrixChoice {
  komponente?: string;
  status?: string;
  betreiber?: string;
  sortierung?: string;
}

type Test = (status: ComponentStatus | null) => boolean;

/** Status filters: the common questions first ("who has none"), then each status alone. */
export const MATRIX_STATUS_FILTERS: Record<string, { label: string; test: Test }> = {
  ohne: { label: 'nicht im Einsatz oder nichts erfasst', test: (s) => s !== 'in-use' },
  'im-einsatz': { label: 'im Einsatz', test: (s) => s === 'in-use' },
  fehlt: {
    label: 'als fehlend erfasst (geplant, nicht genutzt, abgeschaltet)',
    test: (s) => s === 'planned' || s === 'not-used' || s === 'retired',
  },
  geplant: { label: 'geplant', test: (s) => s === 'planned' },
  'nicht-genutzt': { label: 'nicht genutzt', test: (s) => s === 'not-used' },
  abgeschaltet: { label: 'abgeschaltet', test: (s) => s === 'retired' },
  unbekannt: { label: 'unbekannt', test: (s) => s === 'unknown' },
  'nichts-erfasst': { label: 'nichts erfasst', test: (s) => s === null },
};

/** Orders of the matrix; the first is the directory's order. */
export const MATRIX_SORTS: Record<string, { label: string; compare: (a: LandscapeRow, b: LandscapeRow) => number }> = {
  name: { label: 'Name', compare: (a, b) => a.name.localeCompare(b.name, 'de') },
  'einwohner-absteigend': {
    label: 'Einwohner, größte zuerst',
    compare: (a, b) => (b.population ?? -1) - (a.population ?? -1),
  },
  'einwohner-aufsteigend': {
    label: 'Einwohner, kleinste zuerst',
    compare: (a, b) => (a.population ?? Infinity) - (b.population ?? Infinity),
  },
  'im-einsatz-aufsteigend': {
    label: 'Komponenten im Einsatz, wenigste zuerst',
    compare: (a, b) => a.inUseCount - b.inUseCount,
  },
  'im-einsatz-absteigend': {
    label: 'Komponenten im Einsatz, meiste zuerst',
    compare: (a, b) => b.inUseCount - a.inUseCount,
  },
};

/**
 * Rows of the matrix that still print (about two pages). A Landkreis with hundreds of Gemeinden
 * printed as 40 pages of coloured cells helps nobody; the printout then carries the totals and
 * says where the full matrix is, and a filtered matrix short enough prints as it is.
 */
export const MATRIX_PRINT_MAX_ROWS = 60;

/** Reads the choice from a request's query; anything unexpected is dropped (the form then shows the default). */
export function matrixChoice(query: Record<string, unknown>): MatrixChoice {
  const pick = (v: unknown) => (typeof v === 'string' && /^[a-z0-9-]{1,40}$/.test(v) ? v : undefined);
  return {
    komponente: pick(query.komponente),
    status: pick(query.status),
    betreiber: pick(query.betreiber),
    sortierung: pick(query.sortierung),
  };
}

/** The choice checked against the report: unknown components, statuses, operators and orders are ignored. */
function valid(report: LandscapeReport, choice: MatrixChoice, operators: Map<string, string>): Required<MatrixChoice> {
  const component = report.components.some((c) => c.code === choice.komponente) ? choice.komponente : '';
  return {
    komponente: component ?? '',
    status: choice.status && MATRIX_STATUS_FILTERS[choice.status] ? choice.status : '',
    betreiber: choice.betreiber && operators.has(choice.betreiber) ? choice.betreiber : '',
    sortierung: choice.sortierung && MATRIX_SORTS[choice.sortierung] ? choice.sortierung : 'name',
  };
}

/** The operators named in the matrix, by name. */
function operatorsOf(rows: LandscapeRow[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const row of rows) {
    for (const c of Object.values(row.cells)) if (c?.operator) found.set(String(c.operator.id), c.operator.name);
  }
  return new Map([...found].sort((a, b) => a[1].localeCompare(b[1], 'de')));
}

/**
 * The rows the choice keeps, in its order. With a component, status and operator apply to that
 * component's cell; without, a row is kept when any cell matches both.
 */
export function filterMatrixRows(report: LandscapeReport, rows: LandscapeRow[], choice: MatrixChoice): LandscapeRow[] {
  const c = valid(report, choice, operatorsOf(rows));
  const codes = c.komponente ? [c.komponente] : report.components.map((k) => k.code);
  const status = c.status ? MATRIX_STATUS_FILTERS[c.status].test : null;
  const matches = (cell: LandscapeCell | null) =>
    (!status || status(cell?.status ?? null)) && (!c.betreiber || String(cell?.operator?.id) === c.betreiber);
  const kept = status || c.betreiber ? rows.filter((r) => codes.some((code) => matches(r.cells[code]))) : rows;
  return [...kept].sort(MATRIX_SORTS[c.sortierung].compare);
}

function select(name: string, label: string, options: [string, string][], value: string): SafeHtml {
  return html`<div class="field"><label for="m-${name}">${label}</label>
<select id="m-${name}" name="${name}">${options.map(
    ([v, text]) => html`<option value="${v}"${when(v === value, raw(' selected'))}>${text}</option>`,
  )}</select></div>`;
}

/** What the choice means, in one sentence ("ohne Formularserver: nicht im Einsatz oder nichts erfasst"). */
function choiceText(report: LandscapeReport, c: Required<MatrixChoice>, operators: Map<string, string>): string {
  const component = report.components.find((k) => k.code === c.komponente);
  const parts = [
    c.status
      ? `${component ? shortLabel(component.label) : 'mindestens eine Komponente'} ${MATRIX_STATUS_FILTERS[c.status].label}`
      : component
        ? `Komponente ${shortLabel(component.label)}`
        : '',
    c.betreiber ? `Betreiber ${operators.get(c.betreiber)}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'alle';
}

/**
 * The filter form and the matrix of Gemeinden it selects. A GET form in a fieldset with a
 * label for every select; the count of matching Gemeinden is said in the table's caption and
 * in a line before it, so screen reader users hear the result right after the page loads.
 */
export function filteredMatrix(report: LandscapeReport, choice: MatrixChoice, areaKey: string): SafeHtml {
  const all = report.municipalities;
  const operators = operatorsOf(all);
  const c = valid(report, choice, operators);
  const rows = filterMatrixRows(report, all, c);
  const filtered = rows.length !== all.length || c.komponente !== '';
  const action = `/gebiete/${areaKey}#matrix-filter`;
  const form = html`<form method="get" action="${action}" class="filter-form matrix-filter" id="matrix-filter">
<fieldset><legend>Matrix filtern und sortieren</legend>
<div class="filter-grid">
${select('komponente', 'Komponente', [['', 'alle Komponenten'], ...report.components.map((k): [string, string] => [k.code, shortLabel(k.label)])], c.komponente)}
${select('status', 'Status', [['', 'jeder Status'], ...Object.entries(MATRIX_STATUS_FILTERS).map(([v, f]): [string, string] => [v, f.label])], c.status)}
${select('betreiber', 'Betreiber', [['', 'alle Betreiber'], ...operators.entries()], c.betreiber)}
${select(
  'sortierung',
  'Sortierung',
  Object.entries(MATRIX_SORTS).map(([v, s]): [string, string] => [v, s.label]),
  c.sortierung,
)}
</div>
<div class="actions"><button type="submit">Anzeigen</button> <a href="/gebiete/${areaKey}#matrix-filter">Filter zurücksetzen</a></div>
</fieldset></form>`;
  const summary = filtered
    ? html`<p class="filter-result print-filter"><strong>Filter:</strong> ${choiceText(report, c, operators)} – ${formatNumber(rows.length)} von ${formatNumber(all.length)} Gemeinden.</p>`
    : '';
  const caption = filtered
    ? `Komponentenlandschaft: ${formatNumber(rows.length)} von ${formatNumber(all.length)} Gemeinden (${choiceText(report, c, operators)})`
    : `Komponentenlandschaft: ${all.length} Gemeinden`;
  if (rows.length === 0) return html`${form}${summary}<p>Keine Gemeinde entspricht dem Filter.</p>`;
  const table = matrixTable(report, rows, caption, 'matrix-titel');
  if (rows.length <= MATRIX_PRINT_MAX_ROWS) return html`${form}${summary}${table}`;
  const csv = `/api/reports/landscape?area=${areaKey}&format=csv`;
  return html`${form}${summary}<div class="no-print">${table}</div>
<p class="print-only print-note"><strong>Matrix nicht gedruckt:</strong> ${formatNumber(rows.length)} Gemeinden füllen zu viele Seiten.
  Gedruckt sind die Summen je Komponente; die Matrix aller Gemeinden steht als CSV unter ${csv}. Wer weniger Gemeinden drucken will,
  filtert die Matrix (höchstens ${MATRIX_PRINT_MAX_ROWS} Zeilen werden gedruckt).</p>`;
}
