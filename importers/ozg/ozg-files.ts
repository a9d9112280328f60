import type { ImportProblem } from '../import-report';
import { mapHeaders, normaliseHeader, type TabularSheet } from '../tabular';
import { readTable, withJsonPointers } from './json-table';
import {
  LEISTUNG_COLUMNS,
  leistungRowSchema,
  OZG_COLUMNS,
  ozgRowSchema,
  type LeistungProperty,
  type OzgProperty,
} from './ozg-columns';
import { unusedMappingProblems, withMapping, type CatalogueMapping } from './ozg-mapping';
import { parseTableRows, type FieldSpec, type ParsedTable } from './table-rows';

/** One catalogue file as read from disk or upload. */
export interface CatalogueFile {
  name: string;
  buffer: Uint8Array;
}

/** What a file holds: OZG-Leistungen only, or Leistungen with their OZG-ID (possibly joined). */
export type CatalogueFileKind = 'ozg-leistungen' | 'leistungen';

/** One file read and row-checked: what it holds, its sheet and its parsed rows. */
export interface ReadFile<P extends string> {
  file: CatalogueFile;
  kind: CatalogueFileKind;
  sheet: TabularSheet;
  table: ParsedTable<P>;
}

function kindOf(sheet: TabularSheet, leistungSpecs: FieldSpec[], ozgSpecs: FieldSpec[]): CatalogueFileKind | undefined {
  const headers = new Set(sheet.headers.map(normaliseHeader));
  const has = (spec: FieldSpec) => [spec.name, ...spec.aliases].some((a) => headers.has(normaliseHeader(a)));
  if (has(leistungSpecs[0])) return 'leistungen';
  if (has(ozgSpecs[0])) return 'ozg-leistungen';
  return undefined;
}

function errorsIn(problems: ImportProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/**
 * Reads one catalogue file (JSON, CSV or XLSX), tells by its headers whether it holds
 * OZG-Leistungen or Leistungen, maps the columns and checks every row. File-level and header
 * problems go to `problems` and return undefined: then its rows would only repeat them.
 */
export async function readCatalogueFile(
  file: CatalogueFile,
  problems: ImportProblem[],
  mapping?: CatalogueMapping,
): Promise<ReadFile<OzgProperty> | ReadFile<LeistungProperty> | undefined> {
  const sheet = await readTable(file.buffer);
  if (errorsIn(sheet.problems) && sheet.rows.length === 0) {
    problems.push(...sheet.problems);
    return undefined;
  }
  const leistungSpecs = withMapping(LEISTUNG_COLUMNS, mapping);
  const ozgSpecs = withMapping(OZG_COLUMNS, mapping);
  const kind = kindOf(sheet, leistungSpecs, ozgSpecs);
  if (!kind) {
    problems.push(...sheet.problems, {
      severity: 'error',
      detail:
        'Die Datei ist keine OZG-Katalogdatei: sie braucht eine Spalte leika_key (Leistungen) oder ozgid ' +
        '(OZG-Leistungen); siehe docs/import-ozg.md.',
    });
    return undefined;
  }
  const specs = (kind === 'leistungen' ? leistungSpecs : ozgSpecs) as FieldSpec<string>[];
  const headerMapping = mapHeaders(sheet, specs);
  const headerProblems = [...unusedMappingProblems(sheet, specs, mapping), ...headerMapping.problems];
  if (errorsIn(headerProblems)) {
    // As in the inventory import: with unknown or missing columns every row would only repeat it.
    problems.push(...withJsonPointers(sheet, [...sheet.problems, ...headerProblems]));
    return undefined;
  }
  const table = parseTableRows(sheet, headerMapping, specs, kind === 'leistungen' ? leistungRowSchema : ozgRowSchema);
  problems.push(...withJsonPointers(sheet, [...sheet.problems, ...headerProblems, ...table.problems]));
  return { file, kind, sheet, table } as ReadFile<OzgProperty> | ReadFile<LeistungProperty>;
}
