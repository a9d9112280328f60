/**
 * A small, format-neutral description of tabular output: tables of rows under German column
 * headers, grouped into a document with a title and notes. Reports build one document; the
 * writers in this folder turn it into CSV, XLSX or a text table for the terminal. Nothing in
 * here knows about a particular report, so other reports (e.g. OZG gap reports) reuse it.
 */

/** One cell. Numbers stay numbers (XLSX writes them as numbers); null and undefined are empty. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** How one column is headed and how its value is read from a row. */
export interface TableColumn<T> {
  /** German column header. */
  header: string;
  value: (row: T) => CellValue;
  /** Preferred width in characters (XLSX); derived from the content when missing. */
  width?: number;
}

/** One table: a sheet in XLSX, the whole file in CSV. */
export interface ExportTable {
  /** Sheet name (XLSX allows at most 31 characters; longer names are shortened). */
  name: string;
  headers: string[];
  rows: CellValue[][];
  widths?: (number | undefined)[];
}

/** What a report hands to the writers. */
export interface ExportDocument {
  /** German title, e.g. "Komponentenlandschaft Landkreis Esslingen". */
  title: string;
  /** File name without extension, safe for Content-Disposition (see {@link fileStem}). */
  fileStem: string;
  /** German sentences that belong with the numbers (XLSX: sheet "Hinweise"; terminal: above the tables). */
  notes: string[];
  /** The main table first: CSV carries only that one. */
  tables: ExportTable[];
  /** Narrower tables for the terminal; the writers fall back to `tables`. */
  terminalTables?: ExportTable[];
}

/** Builds a table from typed rows and column definitions. */
export function buildTable<T>(name: string, columns: TableColumn<T>[], rows: readonly T[]): ExportTable {
  return {
    name,
    headers: columns.map((c) => c.header),
    rows: rows.map((row) => columns.map((c) => c.value(row))),
    widths: columns.map((c) => c.width),
  };
}

/**
 * A file name stem from German words: letters (including umlauts) and digits are kept, every
 * other run of characters becomes one hyphen, parts are joined with underscores. Non-ASCII
 * letters are fine: Express's `res.attachment` adds an RFC 5987 `filename*` for them.
 */
export function fileStem(...parts: string[]): string {
  return parts
    .map((part) => part.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('_');
}
