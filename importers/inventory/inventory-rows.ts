import type { ErrorObject } from 'ajv';
import localizeDe from 'ajv-i18n/localize/de';
import { CONTROL_CHARACTERS_KEYWORD, validatorFor, type JsonSchema } from '../../lib/validation';
import {
  COMPONENT_STATUS_LABELS,
  COMPONENT_STATUSES,
  OPERATOR_TYPE_LABELS,
  OPERATOR_TYPES,
  type ComponentStatus,
  type OperatorType,
} from '../../lib/vocabulary';
import { searchKey } from '../../lib/text';
import type { ImportProblem } from '../import-report';
import { silentProgress, type Progress } from '../progress';
import type { HeaderMapping, TabularSheet } from '../tabular';
import {
  describeCodes,
  INVENTORY_COLUMNS,
  OPERATOR_TYPE_ALIASES,
  YES_NO_ALIASES,
  STATUS_ALIASES,
  type InventoryColumn,
} from './inventory-columns';

/**
 * One row of an inventory file after normalisation. A value that failed validation is left
 * out (and `ok` is false); for the optional fields `undefined` means "column not in the file:
 * keep what is stored", `null` means "cell empty: clear it".
 */
export interface InventoryRow {
  row: number;
  ok: boolean;
  ags?: string;
  component?: string;
  status?: ComponentStatus;
  operator?: { name: string | null; type: OperatorType | null; createNew?: boolean };
  product?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
  /** Undefined: no such column (keep); null: empty cell (no). */
  servesMembers?: boolean | null;
}

type Property = InventoryColumn['property'];
type RowInput = Partial<Record<Property, string>>;

/** The schema every normalised row must satisfy (compiled once by the shared ajv instance). */
export const inventoryRowSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ags', 'component', 'status'],
  properties: {
    ags: { type: 'string', pattern: '^(\\d{5}|\\d{8}|\\d{9})$' },
    component: { type: 'string', maxLength: 200 },
    status: { type: 'string', enum: [...COMPONENT_STATUSES] },
    operator: { type: 'string', maxLength: 200 },
    operatorType: { type: 'string', enum: [...OPERATOR_TYPES] },
    product: { type: 'string', maxLength: 200 },
    validFrom: { type: 'string', format: 'date' },
    validTo: { type: 'string', format: 'date' },
    note: { type: 'string', maxLength: 2000 },
    servesMembers: { type: 'string', enum: ['true', 'false'] },
    newOperator: { type: 'string', enum: ['true', 'false'] },
  },
};

const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** `31.12.2024` → `2024-12-31`; anything else is returned unchanged for the schema to judge. */
export function normaliseDate(text: string): string {
  const match = GERMAN_DATE.exec(text);
  if (!match) return text;
  return `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
}

/** Looks up codes by alias, remembering each distinct cell text (files repeat them a lot). */
function aliasLookup<T extends string>(aliases: Map<string, T>): (text: string) => string {
  const memo = new Map<string, string>();
  return (text) => {
    let code = memo.get(text);
    if (code === undefined) {
      code = aliases.get(searchKey(text)) ?? text;
      memo.set(text, code);
    }
    return code;
  };
}

/** A column of the file as the row parser uses it. */
interface ParserColumn {
  property: Property;
  index: number;
  header: string;
}

/** Per-file state of the row parser. */
interface RowContext {
  columns: ParserColumn[];
  status: (text: string) => string;
  operatorType: (text: string) => string;
  yesNo: (text: string) => string;
  hasOperator: boolean;
  /** Which properties have a column in the file (absent ones keep stored values). */
  present: Set<Property>;
  padded: number[];
  problems: ImportProblem[];
}

/** The AGS cell without spaces, with a leading zero Excel dropped put back. */
function agsText(text: string, context: RowContext, row: number): string {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  // NOTE: Excel turns 01001000 into the number 1001000; seven digits not starting with 0
  // can only be an AGS of a Land 01–09 that lost its leading zero: repaired, with a warning.
  if (compact.length !== 7 || !/^[1-9]\d{6}$/.test(compact)) return compact;
  context.padded.push(row);
  return `0${compact}`;
}

function normalise(column: ParserColumn, text: string, context: RowContext, row: number): string {
  switch (column.property) {
    case 'ags':
      return agsText(text, context, row);
    case 'status':
      return context.status(text);
    case 'operatorType':
      return context.operatorType(text);
    case 'servesMembers':
    case 'newOperator':
      return context.yesNo(text);
    case 'validFrom':
    case 'validTo':
      return normaliseDate(text);
    default:
      return text;
  }
}

function inputOf(cells: string[], context: RowContext, row: number): RowInput {
  const input: RowInput = {};
  for (const column of context.columns) {
    const raw = cells[column.index];
    if (raw === undefined || raw === '') continue;
    const text = raw.trim();
    if (text !== '') input[column.property] = normalise(column, text, context, row);
  }
  return input;
}

function detailFor(error: ErrorObject, property: Property, raw: string): string {
  switch (error.keyword) {
    case 'required':
      return 'fehlt (Pflichtfeld)';
    case 'pattern':
      return `„${raw}“ ist kein Gebietsschlüssel: AGS mit 8 Ziffern (Kreis 5, Gemeindeverband 9), als Text mit führender Null`;
    case 'format':
      return `„${raw}“ ist kein gültiges Datum (JJJJ-MM-TT oder TT.MM.JJJJ)`;
    case 'enum':
      if (property === 'servesMembers' || property === 'newOperator') return `„${raw}“ ist weder ja noch nein`;
      return property === 'status'
        ? `„${raw}“ ist kein gültiger Status; erlaubt: ${describeCodes(COMPONENT_STATUSES, COMPONENT_STATUS_LABELS)}`
        : `„${raw}“ ist kein gültiger Betreibertyp; erlaubt: ${describeCodes(OPERATOR_TYPES, OPERATOR_TYPE_LABELS)}`;
    case CONTROL_CHARACTERS_KEYWORD:
      return error.message ?? 'enthält Steuerzeichen';
    default:
      localizeDe([error]);
      return error.message ?? 'ist ungültig';
  }
}

function propertyOf(error: ErrorObject): Property {
  if (error.keyword === 'required') return (error.params as { missingProperty: Property }).missingProperty;
  return error.instancePath.slice(1) as Property;
}

/** Reports the schema errors of one row and removes the offending values from `input`. */
function schemaProblems(
  errors: ErrorObject[],
  input: RowInput,
  cells: string[],
  context: RowContext,
  row: number,
): void {
  for (const error of errors) {
    const property = propertyOf(error);
    const entry = context.columns.find((c) => c.property === property);
    const column = entry?.header ?? INVENTORY_COLUMNS.find((c) => c.property === property)?.name;
    const raw = entry ? (cells[entry.index] ?? '').trim() : '';
    context.problems.push({ severity: 'error', row, column, detail: detailFor(error, property, raw) });
    delete input[property];
  }
}

function optional(context: RowContext, input: RowInput, property: Property): string | null | undefined {
  if (!context.present.has(property)) return undefined;
  return input[property] ?? null;
}

/** Shared by every row without operator cells, instead of one empty object per row. */
const NO_OPERATOR: InventoryRow['operator'] = Object.freeze({ name: null, type: null });

function operatorOf(input: RowInput): InventoryRow['operator'] {
  if (input.operator === undefined && input.operatorType === undefined) return NO_OPERATOR;
  const operator = { name: input.operator ?? null, type: (input.operatorType as OperatorType | undefined) ?? null };
  return input.newOperator === 'true' ? { ...operator, createNew: true } : operator;
}

function rowOf(row: number, ok: boolean, input: RowInput, context: RowContext): InventoryRow {
  return {
    row,
    ok,
    ags: input.ags,
    component: input.component,
    status: input.status as ComponentStatus | undefined,
    operator: context.hasOperator ? operatorOf(input) : undefined,
    product: optional(context, input, 'product'),
    validFrom: optional(context, input, 'validFrom'),
    validTo: optional(context, input, 'validTo'),
    note: optional(context, input, 'note'),
    servesMembers: context.present.has('servesMembers') ? input.servesMembers === 'true' : undefined,
  };
}

function paddingWarning(rows: number[], column: string): ImportProblem[] {
  if (rows.length === 0) return [];
  const examples = rows.slice(0, 5).join(', ');
  return [
    {
      severity: 'warning',
      row: rows[0],
      column,
      detail:
        `In ${rows.length} Zeile(n) (z. B. ${examples}) hatte der AGS nur 7 Ziffern; die von Excel entfernte ` +
        'führende Null wurde ergänzt. Bitte die AGS-Spalte künftig als Text formatieren.',
    },
  ];
}

/**
 * Normalises and validates every data row: German labels and dates become codes and ISO
 * dates, then each row is checked against {@link inventoryRowSchema}. Every problem of
 * every row is collected (row, column as written in the file, German detail); nothing stops
 * at the first error. Checks that need the database follow in `inventory-plan.ts`.
 */
export function parseInventoryRows(
  sheet: TabularSheet,
  mapping: HeaderMapping,
  progress: Progress = silentProgress,
): { rows: InventoryRow[]; problems: ImportProblem[] } {
  const validate = validatorFor<RowInput>(inventoryRowSchema);
  const columns = INVENTORY_COLUMNS.filter((c) => mapping.index.has(c.name)).map((column) => ({
    property: column.property,
    index: mapping.index.get(column.name) as number,
    header: mapping.header.get(column.name) as string,
  }));
  const context: RowContext = {
    columns,
    present: new Set(columns.map((c) => c.property)),
    status: aliasLookup(STATUS_ALIASES),
    operatorType: aliasLookup(OPERATOR_TYPE_ALIASES),
    yesNo: aliasLookup(YES_NO_ALIASES),
    hasOperator: mapping.index.has('operator') || mapping.index.has('operator_type'),
    padded: [],
    problems: [],
  };
  const rows: InventoryRow[] = [];
  progress.start(sheet.rows.length, 'Zeilen prüfen');
  for (const { row, cells } of sheet.rows) {
    const input = inputOf(cells, context, row);
    const ok = validate(input);
    if (!ok) schemaProblems(validate.errors ?? [], input, cells, context, row);
    rows.push(rowOf(row, ok, input, context));
    if (rows.length % 1000 === 0) progress.advance(1000);
  }
  progress.advance(rows.length % 1000);
  progress.stop();
  const agsHeader = mapping.header.get('ags') ?? 'ags';
  return { rows, problems: [...context.problems, ...paddingWarning(context.padded, agsHeader)] };
}
