/**
 * The character rules for text that comes in from outside (API bodies, query strings, import
 * cells), in one place: which characters are refused everywhere, which only in names, and how
 * names are normalised. `lib/validation.ts` applies them to every validated value, the tabular
 * import to decoded files.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const C0_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/**
 * C1 control characters. NOTE: they are never typed; they appear when Windows-1252 bytes
 * (€ „ “ – ’ are 0x80–0x9F there) were decoded as ISO-8859-1, and then stay invisible.
 */
const C1_CONTROL = /[\u0080-\u009F]/;

/**
 * Bidirectional embeddings, overrides and isolates: they reorder what a reader sees
 * ("Trojan source"), so a name or note can show something other than what is stored.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** One test for all three, so the usual clean string costs one regular expression. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const REFUSED_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Every invisible format character (Unicode category Cf): bidi controls, zero-width characters, soft hyphen, BOM. */
const FORMAT_CHARACTER = /\p{Cf}/u;

/** German detail for C0 control characters (kept as before: callers and tests know it). */
export const CONTROL_CHARACTER_DETAIL =
  'enthält Steuerzeichen (z. B. NUL); erlaubt sind Text, Tabulator und Zeilenumbruch';
const C1_DETAIL =
  'enthält C1-Steuerzeichen (U+0080–U+009F), meist ein falsch gelesenes Windows-1252-Zeichen wie € oder „';
const BIDI_DETAIL =
  'enthält Steuerzeichen für die Schreibrichtung (U+202A–U+202E, U+2066–U+2069), die den angezeigten Text verfälschen';
const FORMAT_DETAIL =
  'enthält unsichtbare Formatzeichen (z. B. Null-Breite-Leerzeichen, weiches Trennzeichen); in Namen nicht erlaubt';

/** True if `text` holds a C0 control character other than tab, line feed or carriage return. */
export function hasControlCharacter(text: string): boolean {
  return C0_CONTROL.test(text);
}

/** Index of the first C1 control character (U+0080–U+009F) in `text`, or -1. */
export function indexOfC1Control(text: string): number {
  const match = C1_CONTROL.exec(text);
  return match ? match.index : -1;
}

/**
 * Why `text` cannot be stored as free text (notes, descriptions), or undefined: C0 controls
 * other than tab and line breaks, C1 controls and bidirectional controls are refused.
 */
export function textProblem(text: string): string | undefined {
  if (!REFUSED_IN_TEXT.test(text)) return undefined;
  if (C0_CONTROL.test(text)) return CONTROL_CHARACTER_DETAIL;
  if (C1_CONTROL.test(text)) return C1_DETAIL;
  if (BIDI_CONTROL.test(text)) return BIDI_DETAIL;
  return undefined;
}

/**
 * Why `text` cannot be a name, or undefined: everything {@link textProblem} refuses, and any
 * other invisible format character, which would make two names look alike that are not.
 * Expects a name already normalised with {@link normaliseName}.
 */
export function nameProblem(text: string): string | undefined {
  const problem = textProblem(text);
  if (problem) return problem;
  return FORMAT_CHARACTER.test(text) ? FORMAT_DETAIL : undefined;
}

/**
 * Normalises a name with NFKC: full-width and other compatibility forms become their plain
 * characters (`Ｍüller` → `Müller`, `＝` → `=`), so a name cannot look like another one and
 * still be stored as a different operator, and exports see the characters a spreadsheet
 * would act on. Free text is left as written (NFKC would turn `m²` into `m2`).
 */
export function normaliseName(text: string): string {
  // Pure ASCII is already NFKC: skips the work for almost every name.
  // eslint-disable-next-line no-control-regex -- an ASCII range, not control characters
  return /^[\u0000-\u007F]*$/.test(text) ? text : text.normalize('NFKC');
}

/**
 * Property names whose values are names (of operators, products, components, Leistungen),
 * wherever they appear in a body or import row: `name`, `operator`, `product` and any key
 * ending in `Name` (`ozgName`, `operatorName`).
 */
export function isNameKey(key: string): boolean {
  return key === 'name' || key === 'operator' || key === 'product' || key.endsWith('Name');
}

/** Length of the valid UTF-8 multi-byte sequence starting at `i`, or 0 (WHATWG rules). */
export function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  let length: number;
  let min = 0x80;
  let max = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) length = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    length = 3;
    if (b === 0xe0) min = 0xa0;
    if (b === 0xed) max = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    length = 4;
    if (b === 0xf0) min = 0x90;
    if (b === 0xf4) max = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    const c = bytes[i + k];
    if (c === undefined || (k === 1 ? c < min || c > max : c < 0x80 || c > 0xbf)) return 0;
  }
  return length;
}

/**
 * Offset of the first byte that does not belong to a valid UTF-8 sequence (WHATWG rules: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or -1. Call it once `isUtf8` has said
 * no, to name the place.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceAt(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}
