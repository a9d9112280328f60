import type { ImportProblem } from '../import-report';
import { withJsonPointers } from './json-table';
import { NOT_IN_LEIKA, type LeistungProperty, type OzgProperty } from './ozg-columns';
import { readCatalogueFile, type CatalogueFile, type ReadFile } from './ozg-files';
import type { CatalogueMapping } from './ozg-mapping';
import type { ParsedRow, ParsedTable } from './table-rows';

export type { CatalogueFile, CatalogueFileKind } from './ozg-files';

/**
 * An OZG-Leistung as the catalogue lists it. For the optional attributes `undefined` means "no
 * such column in the file: keep what is stored", `null` "cell empty: clear it".
 */
export interface OzgEntry {
  ozgId: number;
  name: string;
  themenfeldId?: number | null;
  themenfeld?: string | null;
  lebenslageId?: number | null;
  lebenslage?: string | null;
  /** Fokusleistung per the file; `undefined` without a column (keep), `null` for an empty cell (unknown). */
  fokus?: boolean | null;
  /** EfA service per the file; as `fokus`. */
  efa?: boolean | null;
}

/**
 * A Leistung as the catalogue lists it; `undefined` as in {@link OzgEntry}. `feeBearing` and
 * `vertrauensniveau` are only set where a cell gives them (an empty cell keeps the stored value).
 */
export interface LeistungEntry {
  key: string;
  name: string;
  ozgId: number | null;
  typ?: string | null;
  legalBasis?: string | null;
  sdgRelevant?: boolean | null;
  feeBearing?: boolean;
  vertrauensniveau?: string;
}

/** The catalogue read from one joined file or a pair, with every problem found without the database. */
export interface Catalogue {
  ozg: Map<number, OzgEntry>;
  leistungen: Map<string, LeistungEntry>;
  rows: number;
  /** Rows not imported as a Leistung (no Leistungsschlüssel). */
  skippedRows: number;
  files: Record<string, unknown>[];
  problems: ImportProblem[];
}

type Row<P extends string> = ParsedRow<P>['values'];

const text = (value: unknown) => value as string | undefined;
const integer = (value: unknown) => value as number | undefined;

/** An attribute of a row: `undefined` without a column, `null` for an empty cell. */
function optional<P extends string, T>(table: ParsedTable<P>, row: Row<P>, property: P): T | null | undefined {
  if (!table.present.has(property)) return undefined;
  return (row[property] as T | undefined) ?? null;
}

function groupsOf<P extends OzgProperty | LeistungProperty>(
  table: ParsedTable<P>,
  row: Row<P>,
): Omit<OzgEntry, 'ozgId' | 'name'> {
  return {
    themenfeldId: optional<P, number>(table, row, 'themenfeldId' as P),
    themenfeld: optional<P, string>(table, row, 'themenfeld' as P),
    lebenslageId: optional<P, number>(table, row, 'lebenslageId' as P),
    lebenslage: optional<P, string>(table, row, 'lebenslage' as P),
    fokus: optional<P, boolean>(table, row, 'fokus' as P),
    efa: optional<P, boolean>(table, row, 'efa' as P),
  };
}

/** Builder state: the catalogue so far and where to report. */
interface Build {
  catalogue: Catalogue;
  /** Problems of the cross-row checks, each tagged with its file below. */
  add(file: ReadFile<string>, problem: Omit<ImportProblem, 'file'>): void;
}

function addOzgFile(build: Build, read: ReadFile<OzgProperty>, counts: Map<number, { count: number; row: number }>) {
  const firstRow = new Map<number, number>();
  const column = read.table.headers.get('ozgId') ?? 'ozgid';
  for (const { row, values } of read.table.rows) {
    const ozgId = integer(values.ozgId);
    const name = text(values.ozgName);
    if (ozgId === undefined || name === undefined) continue;
    const first = firstRow.get(ozgId);
    if (first !== undefined) {
      build.add(read, {
        severity: 'error',
        row,
        column,
        detail: `OZG-ID ${ozgId} steht schon in Zeile ${first}; jede OZG-Leistung nur einmal.`,
      });
      continue;
    }
    firstRow.set(ozgId, row);
    build.catalogue.ozg.set(ozgId, { ozgId, name, ...groupsOf(read.table, values) });
    const count = integer(values.count);
    if (count !== undefined) counts.set(ozgId, { count, row });
  }
}

/** In a joined file the OZG-Leistung comes from its rows: the first row that names it wins. */
function joinOzg(build: Build, read: ReadFile<LeistungProperty>, row: number, values: Row<LeistungProperty>): void {
  const ozgId = values.ozgId as number;
  const name = text(values.ozgName);
  const seen = build.catalogue.ozg.get(ozgId);
  if (!seen) {
    build.catalogue.ozg.set(ozgId, { ozgId, name: name ?? '', ...groupsOf(read.table, values) });
    return;
  }
  if (seen.name === '' && name !== undefined) seen.name = name;
  else if (name !== undefined && name !== seen.name) {
    build.add(read, {
      severity: 'warning',
      row,
      column: read.table.headers.get('ozgName'),
      detail: `OZG-Leistung ${ozgId} heißt hier „${name}“, weiter oben „${seen.name}“; übernommen wird „${seen.name}“.`,
    });
  }
}

/** In a pair the OZG-Leistungen file decides; a Leistung naming another OZG-ID is an error. */
function checkPairedOzg(build: Build, read: ReadFile<LeistungProperty>, row: number, values: Row<LeistungProperty>) {
  const ozgId = values.ozgId as number;
  const entry = build.catalogue.ozg.get(ozgId);
  if (!entry) {
    build.add(read, {
      severity: 'error',
      row,
      column: read.table.headers.get('ozgId'),
      detail: `OZG-ID ${ozgId} fehlt in der Datei der OZG-Leistungen.`,
    });
    return false;
  }
  const name = text(values.ozgName);
  if (name !== undefined && name.replace(/\s+/g, ' ') !== entry.name.replace(/\s+/g, ' ')) {
    build.add(read, {
      severity: 'warning',
      row,
      column: read.table.headers.get('ozgName'),
      detail: `OZG-Leistung ${ozgId} heißt in der Datei der OZG-Leistungen „${entry.name}“, hier „${name}“; übernommen wird „${entry.name}“.`,
    });
  }
  return true;
}

function sdgOf(table: ParsedTable<LeistungProperty>, values: Row<LeistungProperty>): boolean | null | undefined {
  if (!table.present.has('sdg1') && !table.present.has('sdg2')) return undefined;
  const flags = [values.sdg1, values.sdg2].filter((v): v is boolean => typeof v === 'boolean');
  if (flags.length === 0) return null;
  return flags.includes(true);
}

function leistungEntry(
  table: ParsedTable<LeistungProperty>,
  values: Row<LeistungProperty>,
  ozgId: number | null,
): LeistungEntry {
  const entry: LeistungEntry = { key: values.key as string, name: values.name as string, ozgId };
  const typ = optional<LeistungProperty, string>(table, values, 'typ');
  if (typ !== undefined) entry.typ = typ;
  const legalBasis = optional<LeistungProperty, string>(table, values, 'legalBasis');
  if (legalBasis !== undefined) entry.legalBasis = legalBasis;
  const sdg = sdgOf(table, values);
  if (sdg !== undefined) entry.sdgRelevant = sdg;
  if (typeof values.feeBearing === 'boolean') entry.feeBearing = values.feeBearing;
  if (typeof values.vertrauensniveau === 'string') entry.vertrauensniveau = values.vertrauensniveau;
  return entry;
}

/** Checks one Leistung row and adds it to the catalogue. */
function addLeistungRow(
  build: Build,
  read: ReadFile<LeistungProperty>,
  paired: boolean,
  parsed: ParsedRow<LeistungProperty>,
  firstRow: Map<string, number>,
): void {
  const { row, values } = parsed;
  const headers = read.table.headers;
  const key = text(values.key);
  const ozgId = integer(values.ozgId);
  if (key === NOT_IN_LEIKA) {
    build.catalogue.skippedRows++;
    build.add(read, {
      severity: 'warning',
      code: 'not-in-leika',
      row,
      column: headers.get('key'),
      detail: `Kein Leistungsschlüssel („${NOT_IN_LEIKA}“): Zeile übersprungen.`,
    });
  }
  if (ozgId === undefined && parsed.ok) {
    build.add(read, {
      severity: 'warning',
      code: 'no-ozg-id',
      row,
      column: headers.get('ozgId'),
      detail:
        key === NOT_IN_LEIKA || key === undefined
          ? 'Keiner OZG-Leistung zugeordnet (OZG-ID leer).'
          : `Keiner OZG-Leistung zugeordnet (OZG-ID leer): ${key} wird als Leistung ohne OZG-ID übernommen und zählt in keiner OZG-Auswertung.`,
    });
  }
  if (key === undefined || key === NOT_IN_LEIKA) return;
  const first = firstRow.get(key);
  if (first !== undefined) {
    build.add(read, {
      severity: 'error',
      row,
      column: headers.get('key'),
      detail: `Leistungsschlüssel ${key} steht schon in Zeile ${first}; jeder Schlüssel nur einmal.`,
    });
    return;
  }
  firstRow.set(key, row);
  if (!parsed.ok) return;
  if (ozgId !== undefined && paired) {
    if (!checkPairedOzg(build, read, row, values)) return;
  } else if (ozgId !== undefined) {
    joinOzg(build, read, row, values);
  }
  build.catalogue.leistungen.set(key, leistungEntry(read.table, values, ozgId ?? null));
}

function addLeistungFile(build: Build, read: ReadFile<LeistungProperty>, paired: boolean): Map<number, number> {
  const firstRow = new Map<string, number>();
  const perOzg = new Map<number, number>();
  for (const parsed of read.table.rows) {
    addLeistungRow(build, read, paired, parsed, firstRow);
    const ozgId = integer(parsed.values.ozgId);
    if (ozgId !== undefined) perOzg.set(ozgId, (perOzg.get(ozgId) ?? 0) + 1);
  }
  return perOzg;
}

/** A joined file must name each OZG-Leistung: the column and, for each OZG-ID, one row with a name. */
function checkJoinedNames(build: Build, read: ReadFile<LeistungProperty>): void {
  if (!read.table.present.has('ozgName')) {
    build.add(read, {
      severity: 'error',
      row: read.sheet.headerRow,
      detail:
        'Pflichtspalte ozg_bezeichnung fehlt: eine einzelne Katalogdatei muss jede OZG-Leistung benennen ' +
        '(oder als Dateipaar mit der Datei der OZG-Leistungen importiert werden).',
    });
    return;
  }
  for (const entry of build.catalogue.ozg.values()) {
    if (entry.name !== '') continue;
    const row = read.table.rows.find((r) => r.values.ozgId === entry.ozgId)?.row;
    build.add(read, {
      severity: 'error',
      row,
      column: read.table.headers.get('ozgName'),
      detail: `OZG-Leistung ${entry.ozgId} hat in keiner Zeile eine Bezeichnung (ozg_bezeichnung).`,
    });
  }
}

function checkCounts(
  build: Build,
  read: ReadFile<OzgProperty>,
  counts: Map<number, { count: number; row: number }>,
  perOzg: Map<number, number>,
): void {
  for (const [ozgId, { count, row }] of counts) {
    const found = perOzg.get(ozgId) ?? 0;
    if (found === count) continue;
    build.add(read, {
      severity: 'warning',
      row,
      column: read.table.headers.get('count'),
      detail: `OZG-Leistung ${ozgId}: laut Datei ${count} Leistungen, in der Leistungsdatei stehen ${found}. Ist die Leistungsdatei vollständig?`,
    });
  }
}

/** Which files play which part; undefined (with an error) for a combination that is no catalogue. */
function arrange(reads: ReadFile<string>[], problems: ImportProblem[]) {
  const leistungen = reads.filter((r) => r.kind === 'leistungen') as ReadFile<LeistungProperty>[];
  const ozg = reads.filter((r) => r.kind === 'ozg-leistungen') as ReadFile<OzgProperty>[];
  if (leistungen.length === 1 && ozg.length <= 1 && reads.length <= 2)
    return { leistungen: leistungen[0], ozg: ozg[0] };
  problems.push({
    severity: 'error',
    detail:
      'Erwartet wird eine Katalogdatei mit Leistungen (leika_key, ozgid, ozg_bezeichnung …) oder ein Paar aus ' +
      'OZG-Leistungen (ozgid, ozg_bezeichnung …) und Leistungen (leika_key, ozgid …); gelesen: ' +
      reads.map((r) => `${r.file.name} (${r.kind === 'leistungen' ? 'Leistungen' : 'OZG-Leistungen'})`).join(', '),
  });
  return undefined;
}

/**
 * Reads an OZG catalogue — one joined file or the pair of OZG-Leistungen and Leistungen files,
 * each CSV (`,` or `;`, UTF-8 with or without BOM), XLSX or a JSON array — and checks it
 * without the database: row values, duplicate OZG-IDs and Leistungsschlüssel, Leistungen of
 * OZG-IDs the pair does not list. Rows without a Leistungsschlüssel („nicht im LeiKa“) and
 * without OZG-ID are warnings (docs/import-ozg.md). A `mapping` (preset or the user's own) names
 * the file's headers where they are not ours.
 */
export async function readCatalogue(files: CatalogueFile[], mapping?: CatalogueMapping): Promise<Catalogue> {
  const catalogue: Catalogue = {
    ozg: new Map(),
    leistungen: new Map(),
    rows: 0,
    skippedRows: 0,
    files: [],
    problems: [],
  };
  const tag = (file: CatalogueFile, list: ImportProblem[]) =>
    files.length > 1 ? list.map((p) => ({ ...p, file: file.name })) : list;
  const reads: ReadFile<string>[] = [];
  for (const file of files) {
    const problems: ImportProblem[] = [];
    const read = await readCatalogueFile(file, problems, mapping);
    catalogue.problems.push(...tag(file, problems));
    if (read) {
      reads.push(read as ReadFile<string>);
      catalogue.rows += read.sheet.rows.length;
      catalogue.files.push({ name: file.name, kind: read.kind, rows: read.sheet.rows.length, ...read.sheet.details });
    }
  }
  if (reads.length < files.length) return catalogue;
  const parts = arrange(reads, catalogue.problems);
  if (!parts) return catalogue;
  const build: Build = {
    catalogue,
    add: (read, problem) => catalogue.problems.push(...tag(read.file, withJsonPointers(read.sheet, [problem]))),
  };
  const counts = new Map<number, { count: number; row: number }>();
  if (parts.ozg) addOzgFile(build, parts.ozg, counts);
  const perOzg = addLeistungFile(build, parts.leistungen, parts.ozg !== undefined);
  if (parts.ozg) checkCounts(build, parts.ozg, counts, perOzg);
  else checkJoinedNames(build, parts.leistungen);
  return catalogue;
}
