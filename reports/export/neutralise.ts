/**
 * Formula-injection protection for spreadsheet exports (OWASP "CSV injection"): a text cell
 * that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula
 * by Excel or LibreOffice, so it gets a leading apostrophe, which spreadsheets show as text.
 * Real numbers are passed as numbers and never touched, so `-3` stays a negative number; a
 * text that is nothing but a plain decimal number (`-3`, `-2,5`) cannot run anything and is
 * left alone too. The test runs on the NFKC form: a full-width `＝` (U+FF1D) or `＋` is turned
 * into `=` or `+` by some spreadsheet imports and input methods, so it counts as a formula start.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+([.,]\d+)?$/;

/** True when a text would be taken for a formula by a spreadsheet. */
export function isFormulaLike(text: string): boolean {
  if (FORMULA_START.test(text)) return !PLAIN_NUMBER.test(text);
  // Only text starting with a non-ASCII character can start differently after NFKC.
  if (text.charCodeAt(0) < 0x80) return false;
  const folded = text.normalize('NFKC');
  return FORMULA_START.test(folded) && !PLAIN_NUMBER.test(folded);
}

/** Prefixes formula-like text with `'`; other text is returned unchanged. */
export function neutraliseText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
