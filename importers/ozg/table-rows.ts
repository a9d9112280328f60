import type { ErrorObject } from 'ajv';
import localizeDe from 'ajv-i18n/localize/de';
import { CONTROL_CHARACTERS_KEYWORD, validatorFor, type JsonSchema } from '../../lib/validation';
import { searchKey } from '../../lib/text';
import type { ImportProblem } from '../import-report';
import type { ColumnSpec, HeaderMapping, TabularSheet } from '../tabular';

/**
 * Row checking shared by the OZG catalogue and the offerings importers: each known column
 * becomes a property, its cell text is parsed (numbers, yes/no, codes) and the row is checked
 * against a JSON schema with the service's one ajv instance. Every problem of every row is
 * collected with row and column as written in the file.
 */

/** A column of an import file and how its cells become a property of the row. */
export interface FieldSpec<P extends string = string> extends ColumnSpec {
  property: P;
  /** The trimmed, non-empty cell text as the row schema checks it; default: the text itself. */
  parse?: (text: string) => unknown;
  /** German detail for a value the schema refuses, given the cell text. */
  invalid?: (text: string) => string;
  /** Accepted in the header but not used (e.g. a count the importer derives itself). */
  ignored?: boolean;
}

/** One data row after parsing: the valid values only, and whether any value failed. */
export interface ParsedRow<P extends string> {
  row: number;
  ok: boolean;
  values: Partial<Record<P, unknown>>;
  /** The trimmed cell texts of the non-empty cells, as written (e.g. to keep a raw coverage text). */
  texts: Partial<Record<P, string>>;
}

/** The rows of one file, which properties the file has a column for, and every problem. */
export interface ParsedTable<P extends string> {
  rows: ParsedRow<P>[];
  /** Properties with a column in the file; a property without one keeps what is stored. */
  present: Set<P>;
  /** The header of each present property as written in the file, for problem messages. */
  headers: Map<P, string>;
  problems: ImportProblem[];
}

interface Column<P extends string> {
  spec: FieldSpec<P>;
  index: number;
  header: string;
}

function propertyOf(error: ErrorObject): string {
  if (error.keyword === 'required') return (error.params as { missingProperty: string }).missingProperty;
  return error.instancePath.slice(1).split('/')[0];
}

function detailOf(error: ErrorObject, spec: FieldSpec | undefined, raw: string): string {
  if (error.keyword === 'required') return 'fehlt (Pflichtfeld)';
  if (error.keyword === CONTROL_CHARACTERS_KEYWORD) return error.message ?? 'enthält Steuerzeichen';
  if (spec?.invalid) return spec.invalid(raw);
  const copy = { ...error };
  localizeDe([copy]);
  return `„${raw}“ ${copy.message ?? 'ist ungültig'}`;
}

/**
 * Parses and checks every data row of a sheet. Empty cells are left out of the row (the schema
 * decides whether that is allowed); a value that fails is reported once per row and property and
 * left out too, so later checks see only valid values.
 */
export function parseTableRows<P extends string>(
  sheet: TabularSheet,
  mapping: HeaderMapping,
  specs: FieldSpec<P>[],
  schema: JsonSchema,
): ParsedTable<P> {
  const validate = validatorFor<Record<string, unknown>>(schema);
  const columns: Column<P>[] = specs
    .filter((spec) => !spec.ignored && mapping.index.has(spec.name))
    .map((spec) => ({
      spec,
      index: mapping.index.get(spec.name) as number,
      header: mapping.header.get(spec.name) as string,
    }));
  const byProperty = new Map<string, Column<P>>(columns.map((c) => [c.spec.property, c]));
  const specOf = new Map<string, FieldSpec<P>>(specs.map((s) => [s.property, s]));
  const problems: ImportProblem[] = [];
  const rows: ParsedRow<P>[] = [];
  for (const { row, cells } of sheet.rows) {
    const values: Record<string, unknown> = {};
    const raw: Record<string, string> = {};
    for (const { spec, index } of columns) {
      const text = (cells[index] ?? '').trim();
      if (text === '') continue;
      raw[spec.property] = text;
      values[spec.property] = spec.parse ? spec.parse(text) : text;
    }
    const ok = validate(values);
    if (!ok) {
      const reported = new Set<string>();
      for (const error of validate.errors ?? []) {
        const property = propertyOf(error);
        if (reported.has(property)) continue;
        reported.add(property);
        const column = byProperty.get(property);
        problems.push({
          severity: 'error',
          row,
          column: column?.header ?? specOf.get(property)?.name ?? property,
          detail: detailOf(error, specOf.get(property), raw[property] ?? ''),
        });
        delete values[property];
      }
    }
    rows.push({ row, ok, values: values as Partial<Record<P, unknown>>, texts: raw as Partial<Record<P, string>> });
  }
  return {
    rows,
    present: new Set(columns.map((c) => c.spec.property)),
    headers: new Map(columns.map((c) => [c.spec.property, c.header])),
    problems,
  };
}

/** `10119` → 10119; anything else stays text for the schema to refuse. */
export function integerCell(text: string): unknown {
  return /^\d{1,9}$/.test(text) ? Number(text) : text;
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'wahr', 'x', '1']);
const NO = new Set(['nein', 'n', 'no', 'false', 'falsch', '0']);

/** `ja`/`nein` (also true/false, 1/0, x) → boolean; anything else stays text for the schema to refuse. */
export function yesNoCell(text: string): unknown {
  const key = searchKey(text);
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return text;
}

/** The German detail for a cell that is no yes/no value. */
export function notYesNo(text: string): string {
  return `„${text}“ ist kein Ja/Nein-Wert; erlaubt: ja, nein (auch true/false, 1/0)`;
}
