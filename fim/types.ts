/**
 * Shared result types of the FIM parsers and the union `parseFimDocument` returns.
 * Field names follow the XML element names (German, as in the standards); bookkeeping fields
 * (`path`, `valid`, `problems`, `kind`) are English.
 */
import type { FimLocation } from './errors';
import type { XdfDocument } from './xdatenfelder.types';
import type { XzufiDocument } from './xzufi.types';

/**
 * Codes of problems that concern one record or value rather than the whole document.
 * `error` problems make their record invalid (`valid: false`); `warning` problems do not.
 */
export type FimProblemCode =
  | 'invalid-leistungsschluessel'
  | 'missing-id'
  | 'missing-element'
  | 'invalid-value'
  | 'inconsistent-duplicate'
  | 'version-mismatch'
  | 'unsupported-element';

/** A problem with its location (element path, line/column where known). */
export interface FimProblem extends FimLocation {
  severity: 'error' | 'warning';
  code: FimProblemCode;
  /** German, human-readable. */
  message: string;
}

/** Options of `parseFimDocument`. */
export interface FimParseOptions {
  /** Largest accepted input in bytes (default 100 MiB). */
  maxBytes?: number;
  /** Deepest accepted element nesting, the root counting as 1 (default 64). */
  maxDepth?: number;
  /**
   * What an invalid record does: `flag` (default) keeps it with `valid: false` and its problems,
   * so one bad Leistung does not block 20,000 good ones; `throw` rejects the whole document with
   * a `FimParseError` carrying the first error's code and path.
   */
  onRecordError?: 'flag' | 'throw';
}

/** Text per language, keyed by the lower-cased primary language subtag (`de-DE` → `de`). */
export type LocalizedText = Record<string, string>;

/** Every FIM document the parsers understand. */
export type FimDocument = XzufiDocument | XdfDocument;
