import { XLSX_MEDIA_TYPE } from '../../importers/tabular';

/**
 * The media types a CSV upload arrives with in practice: `text/csv`, and what browsers and
 * tools send for a `.csv` file (`application/vnd.ms-excel` on Windows, `text/plain`,
 * `application/csv`). Declared in the route specs, so the OpenAPI document lists what
 * `registerRoutes` accepts, and nothing more.
 */
export const CSV_UPLOAD_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];

/**
 * A table upload: CSV in any of its spellings, XLSX, or `application/octet-stream` (a client
 * that does not know the file's type; the importer tells CSV from XLSX by the content).
 */
export const TABLE_UPLOAD_TYPES = [...CSV_UPLOAD_TYPES, XLSX_MEDIA_TYPE, 'application/octet-stream'];

/** A table upload that may also be a JSON array (the OZG catalogue, offerings). */
export const JSON_TABLE_UPLOAD_TYPES = ['application/json', ...TABLE_UPLOAD_TYPES];

/** FIM XML. */
export const XML_UPLOAD_TYPES = ['application/xml', 'text/xml'];
