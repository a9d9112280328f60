/**
 * Errors of the FIM parsers. `fim/` imports nothing of ours, so this does not extend the domain
 * errors in `lib/errors.ts`; importers translate a `FimParseError` into an `InputError` (or a
 * `PayloadTooLargeError` for `too-large`) and keep `code` and `location` in the report.
 */

/** Why a whole document was rejected. */
export type FimErrorCode =
  | 'too-large'
  | 'doctype-forbidden'
  | 'too-deep'
  | 'not-well-formed'
  | 'invalid-character'
  | 'unsupported-encoding'
  | 'too-many-attributes'
  | 'unknown-format'
  | 'invalid-structure'
  | 'invalid-leistungsschluessel'
  | 'missing-id';

/** Where in the input something happened: line/column where known, else an element path. */
export interface FimLocation {
  /** 1-based line. */
  line?: number;
  /** 1-based column (UTF-16 code units, as editors count them). */
  column?: number;
  /** Local names with 1-based indexes among same-named siblings, e.g. `/x/schreibe[3]/leistung`. */
  path?: string;
}

/** The document cannot be read at all (or, with `onRecordError: 'throw'`, a record is invalid). */
export class FimParseError extends Error {
  constructor(
    readonly code: FimErrorCode,
    message: string,
    readonly location: FimLocation = {},
  ) {
    super(message);
    this.name = 'FimParseError';
  }
}

/** 1-based line and column of a string offset; only called on the error path, so a scan is fine. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Line and column of a byte offset in UTF-8 text; the column counts UTF-16 code units, as editors do. */
export function lineColumnAtBytes(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: bytes.toString('utf8', lineStart, Math.min(offset, bytes.length)).length + 1 };
}
