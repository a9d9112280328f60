import { readCsv } from './csv-reader';
import { importLimits } from './limits';
import { unreadableSheet, type TabularSheet } from './tabular-sheet';
import { looksLikeXls, looksLikeZip, readXlsx } from './xlsx-reader';

export { detectDelimiter, readCsv, type CsvDelimiter } from './csv-reader';
export { decodeText, type TextEncoding } from './decode-text';
export { configureImportLimits, DEFAULT_IMPORT_LIMITS, importLimits, type ImportLimits } from './limits';
export { mapHeaders, normaliseHeader, type ColumnSpec, type HeaderMapping } from './headers';
export { isBlankRow, unreadableSheet, type TabularRow, type TabularSheet } from './tabular-sheet';
export { cellText, looksLikeZip, numberText, readXlsx, XLSX_MEDIA_TYPE } from './xlsx-reader';

/**
 * Reads a table file: an XLSX workbook (recognised by its ZIP signature, whatever the
 * declared media type says) or otherwise a CSV file. The old binary `.xls` format is refused
 * with a message that says how to save the file instead.
 */
export async function readTabular(bytes: Uint8Array): Promise<TabularSheet> {
  if (looksLikeZip(bytes)) return readXlsx(bytes, importLimits());
  if (looksLikeXls(bytes)) {
    return unreadableSheet(
      'xlsx',
      'Das alte Excel-Format (.xls) wird nicht unterstützt. Bitte als .xlsx oder „CSV UTF-8“ speichern.',
    );
  }
  return readCsv(bytes);
}
