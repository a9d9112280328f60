import { isBlankRow, unreadableSheet, type TabularRow, type TabularSheet } from './tabular-sheet';

/** One non-empty row of a worksheet with its own row number. */
export interface SparseRecord {
  row: number;
  cells: string[];
}

/**
 * Like `sheetFromRecords`, for rows given with their numbers (ascending) instead of by
 * position: a single row at 1,000,000 costs one record, not a million blank ones. Blank rows
 * are skipped; data rows are padded to the header's width.
 */
export function sheetFromSparseRecords(
  format: TabularSheet['format'],
  records: readonly SparseRecord[],
  details: Record<string, string>,
): TabularSheet {
  const headerIndex = records.findIndex((r) => !isBlankRow(r.cells));
  if (headerIndex < 0) return unreadableSheet(format, 'Die Datei ist leer: keine Kopfzeile, keine Daten.', details);
  const headers = records[headerIndex].cells.map((h) => h.replace(/^\uFEFF/, '').trim());
  const rows: TabularRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i += 1) {
    const { row, cells } = records[i];
    if (isBlankRow(cells)) continue;
    while (cells.length < headers.length) cells.push('');
    rows.push({ row, cells });
  }
  return { format, headerRow: records[headerIndex].row, headers, rows, details, problems: [] };
}
