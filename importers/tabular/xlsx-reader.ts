import ExcelJS from 'exceljs';
import { importLimits, XlsxLimitError, type ImportLimits } from './limits';
import { sheetFromSparseRecords, type SparseRecord } from './sparse-sheet';
import { unreadableSheet, type TabularSheet } from './tabular-sheet';
import { checkXlsxLimits } from './xlsx-guard';

const UNREADABLE = 'Die XLSX-Datei lässt sich nicht öffnen (beschädigt oder keine Excel-Arbeitsmappe).';

/** The media type of XLSX workbooks. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** True when the bytes are a ZIP archive, as every XLSX workbook is. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** True for the old binary Excel format (.xls, an OLE compound file), which is not supported. */
export function looksLikeXls(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A number as text without exponent and without thousands separators (1e21 → "1000000000000000000000"). */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER) return String(value);
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * The text of a cell value as exceljs returns it. Dates become `YYYY-MM-DD` (exceljs reads
 * Excel's serial dates as UTC midnight), numbers plain text, rich text and hyperlinks their
 * text, formulas their cached result, error cells their code (`#NV`).
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds();
    return time === 0 ? date : `${date} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return String(value.error);
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  return '';
}

/**
 * Reads the first worksheet of an XLSX workbook as text cells. Row numbers are the sheet's
 * own; blank rows are skipped. AGS and other keys stay as they are written: a key stored as
 * text keeps its leading zeros, a key stored as a number arrives without them and the
 * importer decides what to do (see the inventory importer).
 *
 * The file is first checked against the import limits ({@link checkXlsxLimits}: unpacked
 * size, rows, cells, last used column), and rows are built from the cells present, so a cell
 * in column XFD costs one cell, not 16,384.
 */
export async function readXlsx(bytes: Uint8Array, limits: ImportLimits = importLimits()): Promise<TabularSheet> {
  try {
    await checkXlsxLimits(bytes, limits);
  } catch (e) {
    return unreadableSheet('xlsx', e instanceof XlsxLimitError ? e.message : UNREADABLE);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return unreadableSheet('xlsx', UNREADABLE);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return unreadableSheet('xlsx', 'Die Arbeitsmappe enthält kein Tabellenblatt.');
  const records: SparseRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    // eachCell walks the cells present only (exceljs keeps them in a sparse array).
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column <= limits.maxColumns) cells[column - 1] = cellText(cell.value);
    });
    for (let c = 0; c < cells.length; c += 1) cells[c] ??= '';
    records.push({ row: rowNumber, cells });
  });
  return sheetFromSparseRecords('xlsx', records, { format: 'xlsx', sheet: sheet.name });
}
