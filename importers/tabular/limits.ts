/**
 * Limits on what an import file may unpack to. A 12 KB XLSX can describe a cell in column
 * XFD on every row and a 2 MB one can inflate to 400 MB of XML, so the readers check these
 * before they build anything. Each limit is configurable (`config.ts`) and named in the
 * German message that refuses a file.
 */
export interface ImportLimits {
  /** Most rows in a worksheet (`IMPORT_MAX_ROWS`). */
  maxRows: number;
  /** Last column a cell with content may stand in (`IMPORT_MAX_COLUMNS`; our widest format has about 30). */
  maxColumns: number;
  /** Most cells (and shared strings) in a workbook (`IMPORT_MAX_CELLS`). */
  maxCells: number;
  /** Most bytes the parts of an XLSX file may unpack to, together (`IMPORT_MAX_UNPACKED_MB`). */
  maxUnpackedBytes: number;
  /** Most problems an answer lists one by one; the rest are counted (`IMPORT_MAX_LISTED_PROBLEMS`). */
  maxListedProblems: number;
}

/** The limits when nothing is configured. */
export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxRows: 500_000,
  maxColumns: 200,
  maxCells: 5_000_000,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxListedProblems: 1000,
});

let current: ImportLimits = { ...DEFAULT_IMPORT_LIMITS };

/**
 * Sets the limits from the configuration, once at start-up (`createApp`, the CLI). A module
 * setting rather than an option on every importer, because the same readers serve the API,
 * the web import and the CLI through several importers; values missing here keep their default.
 */
export function configureImportLimits(limits: Partial<ImportLimits>): void {
  const defined = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
  current = { ...DEFAULT_IMPORT_LIMITS, ...defined };
}

/** The limits in force. */
export function importLimits(): Readonly<ImportLimits> {
  return current;
}

/** Why an XLSX file is refused before it is opened; the message is German and names the limit. */
export class XlsxLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxLimitError';
  }
}
