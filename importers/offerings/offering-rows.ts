import { checkMaturity, type MaturityModel, type OfferingStatus } from '../../lib/maturity';
import { searchKey } from '../../lib/text';
import type { ImportProblem } from '../import-report';
import type { HeaderMapping, TabularSheet } from '../tabular';
import { parseTableRows, type FieldSpec, type ParsedRow, type ParsedTable } from '../ozg/table-rows';
import {
  CRITERION_PREFIX,
  criterionColumns,
  isKnownCriterion,
  OFFERING_COLUMNS,
  offeringRowSchema,
  type OfferingProperty,
} from './offering-columns';
import { MARKS } from './dashboard-fields';

/** A Reifegrad as stored: the model, the overall level and, where given, the level per criterion. */
export interface MaturityValue {
  model: MaturityModel;
  level: number | null;
  criteria: Record<string, number> | null;
}

/**
 * One row of an offerings file after normalisation. `ok` is false when a value failed (it is then
 * left out). As in the inventory import, an attribute whose column the file lacks is undefined:
 * the stored value stays (for a new offering: no URL, status `unknown`, not flächendeckend, no
 * Reifegrad); an empty cell clears it.
 */
export interface OfferingRow {
  row: number;
  ok: boolean;
  key?: string;
  ozgId?: number;
  /** Region key or 12-digit ARS as written (a lost leading zero put back). */
  area?: string;
  url?: string | null;
  status?: OfferingStatus;
  coverage?: { flaechendeckend: boolean; coverageRaw: string | null };
  maturity?: MaturityValue | null;
  note?: string | null;
  /**
   * What the dashboard says beyond the status (a broken link, an inactive OZG-Leistung) as note
   * sentences (`MARKS`); undefined when the file has neither `online_status` nor `aktiv`.
   */
  marks?: string[];
  /** The area's names as the file writes them, checked against the directory (warnings only). */
  names?: { arsName?: string; landCode?: string; landName?: string };
}

/** Columns of a file: the fixed ones and one per `kriterium_…` header. */
export function offeringColumns(sheet: TabularSheet): FieldSpec<OfferingProperty>[] {
  return [...OFFERING_COLUMNS, ...criterionColumns(sheet.headers)];
}

interface RowContext {
  table: ParsedTable<OfferingProperty>;
  problems: ImportProblem[];
  padded: number[];
}

/** Criterion levels of a row by criterion name, sorted so equal sets compare equal. */
function criteriaOf(values: ParsedRow<OfferingProperty>['values']): Record<string, number> | null {
  const names = Object.keys(values)
    .filter((p) => p.startsWith(CRITERION_PREFIX))
    .sort();
  if (names.length === 0) return null;
  return Object.fromEntries(
    names.map((p) => [p.slice(CRITERION_PREFIX.length), values[p as OfferingProperty] as number]),
  );
}

function maturityOf(context: RowContext, parsed: ParsedRow<OfferingProperty>): MaturityValue | null | undefined {
  const { values, row } = parsed;
  const criteria = criteriaOf(values);
  const level = values.level as number | undefined;
  if (level === undefined && criteria === null) return null;
  const model = (values.model as MaturityModel | undefined) ?? 'RGM-1.1';
  const checked = checkMaturity({ model, level, criteria });
  for (const problem of checked.problems) {
    const property =
      problem.field === 'level' ? 'level' : `${CRITERION_PREFIX}${problem.field.slice('criteria/'.length)}`;
    context.problems.push({
      severity: 'error',
      row,
      column: context.table.headers.get(property as OfferingProperty) ?? property,
      detail: problem.detail,
    });
  }
  if (checked.problems.length > 0) return undefined;
  return { model, level: checked.level, criteria };
}

/** The key as written, with a leading zero Excel dropped (7-digit AGS, 11-digit ARS) put back. */
function areaOf(context: RowContext, parsed: ParsedRow<OfferingProperty>): string | undefined {
  const area = parsed.values.ars as string | undefined;
  if (area === undefined || (area.length !== 7 && area.length !== 11) || area.startsWith('0')) return area;
  context.padded.push(parsed.row);
  return `0${area}`;
}

function hasMaturityColumns(table: ParsedTable<OfferingProperty>): boolean {
  return [...table.present].some((p) => p === 'level' || p.startsWith(CRITERION_PREFIX));
}

function rowOf(context: RowContext, parsed: ParsedRow<OfferingProperty>): OfferingRow {
  const { values, texts } = parsed;
  const { present } = context.table;
  const maturity = hasMaturityColumns(context.table) ? maturityOf(context, parsed) : null;
  const row: OfferingRow = {
    row: parsed.row,
    ok: parsed.ok && maturity !== undefined,
    key: values.key as string | undefined,
    ozgId: values.ozgId as number | undefined,
    area: areaOf(context, parsed),
  };
  if (present.has('url')) row.url = (values.url as string | undefined) ?? null;
  if (present.has('status')) row.status = (values.status as OfferingStatus | undefined) ?? 'unknown';
  dashboardState(context, parsed, row);
  if (present.has('coverage')) {
    row.coverage = {
      flaechendeckend: (values.coverage as boolean | undefined) ?? false,
      coverageRaw: texts.coverage?.slice(0, 60) ?? null,
    };
  }
  if (hasMaturityColumns(context.table) && maturity !== undefined) row.maturity = maturity;
  if (present.has('note')) row.note = (values.note as string | undefined) ?? null;
  return row;
}

/**
 * `aktiv` and the dashboard's link check: an inactive OZG-Leistung is stored as not online; a
 * broken link keeps the offering online (the dashboard lists it as existing, the check tests one
 * URL at one moment) but marks it. Both are warnings of the row, so nobody is surprised.
 */
function dashboardState(context: RowContext, parsed: ParsedRow<OfferingProperty>, row: OfferingRow): void {
  const { present, headers } = context.table;
  const { values, texts } = parsed;
  if (present.has('arsName') || present.has('landCode') || present.has('landName')) {
    row.names = {
      arsName: values.arsName as string | undefined,
      landCode: values.landCode as string | undefined,
      landName: values.landName as string | undefined,
    };
  }
  if (!present.has('status') && !present.has('active')) return;
  const marks: string[] = [];
  const warn = (property: OfferingProperty, detail: string) =>
    context.problems.push({ severity: 'warning', row: parsed.row, column: headers.get(property) ?? property, detail });
  if (texts.status !== undefined && searchKey(texts.status) === 'nicht ok' && values.status !== undefined) {
    marks.push(MARKS.linkBroken);
    warn(
      'status',
      'Der Link funktioniert laut Dashboard nicht („nicht ok“): Das Angebot zählt weiter als online und ist in der Bemerkung markiert; bitte die Adresse prüfen.',
    );
  }
  if (values.active === false) {
    row.status = 'offline';
    marks.push(MARKS.inactive);
    warn(
      'active',
      'Die OZG-Leistung ist laut Dashboard nicht aktiv („nein“): Das Angebot wird als „nicht online“ gespeichert.',
    );
  }
  row.marks = marks;
}

function criterionWarnings(table: ParsedTable<OfferingProperty>, headerRow: number): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const [property, header] of table.headers) {
    if (!property.startsWith(CRITERION_PREFIX)) continue;
    const name = property.slice(CRITERION_PREFIX.length);
    if (isKnownCriterion(name)) continue;
    problems.push({
      severity: 'warning',
      row: headerRow,
      column: header,
      detail: `Das Kriterium „${name}“ ist hier nicht bekannt; seine Stufen werden gespeichert und bestimmen den Reifegrad mit, fließen aber in keine Komponentenauswertung ein.`,
    });
  }
  return problems;
}

function paddingWarning(rows: number[], column: string): ImportProblem[] {
  if (rows.length === 0) return [];
  return [
    {
      severity: 'warning',
      row: rows[0],
      column,
      detail:
        `In ${rows.length} Zeile(n) (z. B. ${rows.slice(0, 5).join(', ')}) fehlte dem Gebietsschlüssel die führende Null; ` +
        'sie wurde ergänzt. Bitte die Spalte künftig als Text formatieren.',
    },
  ];
}

/**
 * Normalises and checks every row of an offerings file: status and coverage spellings become
 * codes, criterion columns become the criteria map, and the Reifegrad is checked with
 * `checkMaturity` (the lowest criterion sets the level; a level above it is an error). Every
 * problem of every row is collected. Checks that need the database follow in `offering-plan.ts`.
 */
export function parseOfferingRows(
  sheet: TabularSheet,
  mapping: HeaderMapping,
  columns: FieldSpec<OfferingProperty>[],
): { rows: OfferingRow[]; problems: ImportProblem[] } {
  const table = parseTableRows(sheet, mapping, columns, offeringRowSchema);
  const context: RowContext = { table, problems: [], padded: [] };
  const rows = table.rows.map((parsed) => rowOf(context, parsed));
  return {
    rows,
    problems: [
      ...criterionWarnings(table, sheet.headerRow),
      ...table.problems,
      ...context.problems,
      ...paddingWarning(context.padded, table.headers.get('ars') ?? 'ars'),
    ],
  };
}
