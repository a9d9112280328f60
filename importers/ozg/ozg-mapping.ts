import { InputError } from '../../lib/errors';
import { normaliseHeader, type TabularSheet } from '../tabular';
import type { ImportProblem } from '../import-report';
import { LEISTUNG_COLUMNS, OZG_COLUMNS } from './ozg-columns';
import type { FieldSpec } from './table-rows';

/**
 * A column mapping for catalogue files whose headers are neither ours nor one of the known
 * spellings (docs/import-ozg.md, „Spaltenzuordnung“): our column → their header, and their
 * headers to read past. Presets for the layouts known from public descriptions are in
 * ozg-presets.ts.
 */
export interface CatalogueMapping {
  /** For the report: the preset's id or „eigene Zuordnung“. */
  name: string;
  /** Our column name (e.g. `ozgid`) → the header in their file (e.g. `OZG-Nr.`). */
  columns: Record<string, string>;
  /** Headers of their file that carry nothing for the catalogue (e.g. `ars`, `url`). */
  ignore: string[];
  /** A preset lists every column of its layout; only a user's own mapping warns about absent ones. */
  preset: boolean;
}

/** Our column names a mapping may use. */
export const CATALOGUE_FIELDS: readonly string[] = [
  ...new Set([...OZG_COLUMNS, ...LEISTUNG_COLUMNS].filter((s) => !s.ignored).map((s) => s.name)),
];

const MAX_HEADER = 200;

function headerText(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_HEADER) {
    throw new InputError(`Zuordnung: ${where} braucht eine Spaltenüberschrift (Text, 1–${MAX_HEADER} Zeichen).`);
  }
  return value.trim();
}

/**
 * Checks a mapping as the user gives it (a JSON file or query parameter): either
 * `{ "columns": { "ozgid": "OZG-Nr." }, "ignore": ["Ressort"] }` or the short form
 * `{ "ozgid": "OZG-Nr." }`. Unknown fields, empty headers and one header for two fields are
 * refused with a German {@link InputError}.
 */
export function parseCatalogueMapping(value: unknown, name = 'eigene Zuordnung'): CatalogueMapping {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('Zuordnung: erwartet ein JSON-Objekt { "unsere_spalte": "Ihre Überschrift" }.');
  }
  const record = value as Record<string, unknown>;
  const structured = 'columns' in record || 'ignore' in record;
  const columnsValue = structured ? (record.columns ?? {}) : record;
  if (columnsValue === null || typeof columnsValue !== 'object' || Array.isArray(columnsValue)) {
    throw new InputError('Zuordnung: „columns“ muss ein Objekt sein.');
  }
  if (structured) {
    const extra = Object.keys(record).filter((k) => k !== 'columns' && k !== 'ignore');
    if (extra.length > 0)
      throw new InputError(`Zuordnung: unbekannter Schlüssel „${extra[0]}“ (erlaubt: columns, ignore).`);
  }
  const columns: Record<string, string> = {};
  const byHeader = new Map<string, string>();
  for (const [field, header] of Object.entries(columnsValue as Record<string, unknown>)) {
    if (!CATALOGUE_FIELDS.includes(field)) {
      throw new InputError(`Zuordnung: unbekanntes Feld „${field}“. Erlaubt sind: ${CATALOGUE_FIELDS.join(', ')}.`);
    }
    const text = headerText(header, `„${field}“`);
    const other = byHeader.get(normaliseHeader(text));
    if (other)
      throw new InputError(`Zuordnung: „${text}“ ist schon „${other}“ zugeordnet; jede Spalte nur einem Feld.`);
    byHeader.set(normaliseHeader(text), field);
    columns[field] = text;
  }
  const ignoreValue = structured ? (record.ignore ?? []) : [];
  if (!Array.isArray(ignoreValue)) throw new InputError('Zuordnung: „ignore“ muss eine Liste von Überschriften sein.');
  const ignore = ignoreValue.map((h, i) => headerText(h, `ignore[${i}]`));
  const both = ignore.find((h) => byHeader.has(normaliseHeader(h)));
  if (both) throw new InputError(`Zuordnung: „${both}“ ist zugeordnet und zugleich zu ignorieren.`);
  return { name, columns, ignore, preset: false };
}

/**
 * The column specs with a mapping applied: each mapped header becomes the field's alias (and no
 * other field's), ignored headers are read past. The header as written stays in every problem
 * message, so a user sees their own spelling.
 */
export function withMapping<P extends string>(specs: FieldSpec<P>[], mapping?: CatalogueMapping): FieldSpec<P>[] {
  if (!mapping) return specs;
  const mapped = new Set(Object.values(mapping.columns).map(normaliseHeader));
  const ignored = new Set(mapping.ignore.map(normaliseHeader));
  const taken = (alias: string) => mapped.has(normaliseHeader(alias)) || ignored.has(normaliseHeader(alias));
  const result = specs.map((spec) => {
    const own = mapping.columns[spec.name];
    const aliases = spec.aliases.filter((a) => !taken(a));
    return own === undefined ? { ...spec, aliases } : { ...spec, aliases: [...aliases, own] };
  });
  const skip = mapping.ignore.map((header): FieldSpec<P> => ({
    name: `ignoriert: ${header}`,
    property: '__ignored' as P,
    aliases: [header],
    required: false,
    ignored: true,
  }));
  return [...result, ...skip];
}

/**
 * Warnings for a user's own mapping that names a header the file does not have (a typo would
 * otherwise leave the column unread without a word). Presets list whole layouts: no warnings.
 */
export function unusedMappingProblems(
  sheet: TabularSheet,
  specs: FieldSpec[],
  mapping: CatalogueMapping | undefined,
): ImportProblem[] {
  if (!mapping || mapping.preset) return [];
  const headers = new Set(sheet.headers.map(normaliseHeader));
  const names = new Set(specs.map((s) => s.name));
  return Object.entries(mapping.columns)
    .filter(([field, header]) => names.has(field) && !headers.has(normaliseHeader(header)))
    .map(([field, header]) => ({
      severity: 'warning' as const,
      row: sheet.headerRow,
      detail: `Zuordnung ${field} → „${header}“: keine solche Spalte in der Datei; ${field} bleibt ungelesen.`,
    }));
}
