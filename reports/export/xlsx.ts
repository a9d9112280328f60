import ExcelJS from 'exceljs';
import { neutraliseText } from './neutralise';
import type { CellValue, ExportDocument, ExportTable } from './tabular';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MAX_SHEET_NAME = 31;
const MAX_COLUMN_WIDTH = 60;

/** A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '-').slice(0, MAX_SHEET_NAME) || 'Tabelle';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i += 1) {
    const suffix = ` (${i})`;
    candidate = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** The value exceljs should store: numbers as numbers, text neutralised, booleans as ja/nein. */
function xlsxValue(value: CellValue): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (value instanceof Date) return value;
  return neutraliseText(value);
}

function columnWidth(table: ExportTable, index: number): number {
  const preferred = table.widths?.[index];
  if (preferred) return preferred;
  let longest = table.headers[index].length;
  for (const row of table.rows.slice(0, 200)) {
    const cell = row[index];
    if (cell !== null && cell !== undefined) longest = Math.max(longest, String(cell).length);
  }
  return Math.min(MAX_COLUMN_WIDTH, Math.max(8, longest + 2));
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ExportTable, name: string): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.headers.map((header, index) => ({
    header: neutraliseText(header),
    width: columnWidth(table, index),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(xlsxValue));
  if (table.headers.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  }
}

/**
 * Writes a document as an XLSX workbook: one sheet per table (header row bold, frozen and
 * with an autofilter) and, if there are notes, a last sheet "Hinweise" with the title and
 * the notes.
 */
export async function toXlsx(document: ExportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'E-Government-Atlas';
  workbook.title = document.title;
  const taken = new Set<string>();
  for (const table of document.tables) addTableSheet(workbook, table, sheetName(table.name, taken));
  if (document.notes.length > 0) {
    const notes = workbook.addWorksheet(sheetName('Hinweise', taken));
    notes.getColumn(1).width = 120;
    notes.addRow([neutraliseText(document.title)]).font = { bold: true };
    for (const note of document.notes) notes.addRow([neutraliseText(note)]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
