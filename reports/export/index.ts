import { CSV_MEDIA_TYPE, toCsv } from './csv';
import type { ExportDocument } from './tabular';
import { toXlsx, XLSX_MEDIA_TYPE } from './xlsx';

export { csvCell, CSV_MEDIA_TYPE, toCsv } from './csv';
export { isFormulaLike, neutraliseText } from './neutralise';
export {
  buildTable,
  fileStem,
  type CellValue,
  type ExportDocument,
  type ExportTable,
  type TableColumn,
} from './tabular';
export { toText, toTextTable } from './text-table';
export { toXlsx, XLSX_MEDIA_TYPE } from './xlsx';

/** The download formats every report offers. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A rendered download: bytes, media type and file name. */
export interface RenderedExport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** Renders a document as CSV (its main table) or XLSX (all tables and the notes). */
export async function renderExport(document: ExportDocument, format: ExportFormat): Promise<RenderedExport> {
  if (format === 'csv') {
    return { body: toCsv(document.tables[0]), contentType: CSV_MEDIA_TYPE, fileName: `${document.fileStem}.csv` };
  }
  return { body: await toXlsx(document), contentType: XLSX_MEDIA_TYPE, fileName: `${document.fileStem}.xlsx` };
}
