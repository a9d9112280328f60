import { stringify } from 'csv-stringify/sync';
import { neutraliseText } from './neutralise';
import type { CellValue, ExportTable } from './tabular';

/**
 * CSV dialect for German Excel, decided once for every export:
 * - UTF-8 with byte order mark, so Excel detects the encoding (umlauts);
 * - `;` as separator, because German Excel splits on the list separator of the locale, which
 *   is `;` where the decimal separator is `,`;
 * - decimal comma for fractional numbers (`15,8`), integers without thousands separator;
 * - RFC 4180 quoting (csv-stringify) and CRLF line ends;
 * - formula-like text neutralised with a leading `'` (see `neutralise.ts`).
 */
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';

/** The text of one cell in the CSV dialect above. */
export function csvCell(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return Number.isInteger(value) ? String(value) : String(value).replace('.', ',');
  }
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (value instanceof Date) return value.toISOString();
  return neutraliseText(value);
}

/** Writes one table (headers first) as CSV bytes. */
export function toCsv(table: ExportTable): Buffer {
  const records = [table.headers.map(csvCell), ...table.rows.map((row) => row.map(csvCell))];
  // NOTE: with an explicit record delimiter csv-stringify no longer quotes fields that hold a
  // bare line break, which would split the row in Excel; `quoted_match` restores that.
  const text = stringify(records, { delimiter: ';', record_delimiter: 'windows', quoted_match: /[\r\n]/, bom: true });
  return Buffer.from(text, 'utf8');
}
