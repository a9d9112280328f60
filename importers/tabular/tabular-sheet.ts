import type { ImportProblem } from '../import-report';

/** One data row of a table file: its row number as a spreadsheet shows it, and its cells as text. */
export interface TabularRow {
  /** 1-based, counted like Excel counts rows (the header is usually row 1; blank rows count too). */
  row: number;
  /** Cell texts in header order; missing trailing cells are empty strings. */
  cells: string[];
}

/** The contents of a CSV file or of the first worksheet of an XLSX file, as text. */
export interface TabularSheet {
  format: 'csv' | 'xlsx';
  /** Row number of the header (the first non-blank row). */
  headerRow: number;
  /** Header texts as written in the file (trimmed, BOM removed). */
  headers: string[];
  /** Non-blank rows below the header. */
  rows: TabularRow[];
  /** How the file was read, for the report: encoding, separator, worksheet. */
  details: Record<string, string>;
  /** File-level problems; an error means the rows could not be read. */
  problems: ImportProblem[];
}

/** An empty sheet carrying one file-level error: nothing could be read. */
export function unreadableSheet(
  format: TabularSheet['format'],
  detail: string,
  details: Record<string, string> = {},
): TabularSheet {
  return { format, headerRow: 1, headers: [], rows: [], details, problems: [{ severity: 'error', detail }] };
}

/** True when every cell is empty or whitespace: such rows are skipped. */
export function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/**
 * Splits raw records (the header somewhere among them) into header and data rows. Record
 * `i` of the list is row `i + 1`; blank records are skipped but keep their numbers, so the
 * numbers match what a spreadsheet shows.
 */
export function sheetFromRecords(
  format: TabularSheet['format'],
  records: string[][],
  details: Record<string, string>,
  problems: ImportProblem[] = [],
): TabularSheet {
  const headerIndex = records.findIndex((cells) => !isBlankRow(cells));
  if (headerIndex < 0) {
    const empty = unreadableSheet(format, 'Die Datei ist leer: keine Kopfzeile, keine Daten.', details);
    return { ...empty, problems: [...problems, ...empty.problems] };
  }
  const headers = records[headerIndex].map((h) => h.replace(/^\uFEFF/, '').trim());
  const rows: TabularRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i += 1) {
    const cells = records[i];
    if (isBlankRow(cells)) continue;
    while (cells.length < headers.length) cells.push('');
    rows.push({ row: i + 1, cells });
  }
  return { format, headerRow: headerIndex + 1, headers, rows, details, problems };
}
