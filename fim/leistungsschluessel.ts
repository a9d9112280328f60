/**
 * The Leistungsschlüssel (LeiKa key): 14 digits, `99` + Leistungsgruppierung (3) + Kennung (3)
 * + Verrichtung (3) + Detail (3). Always a string: leading digits matter and it is an id.
 */

const KEY = /^\d{14}$/;
const KEY_IN_TEXT = /(?<!\d)99\d{12}(?!\d)/g;

/** True for exactly 14 digits (the structural rule XZuFi codes must follow). */
export function isLeistungsschluessel(value: string): boolean {
  return KEY.test(value);
}

/**
 * Leistungsschlüssel mentioned in free text ("Leistungsschlüssel: 99006053006000",
 * "LeiKa-ID(s) … (99108001001000)"), distinct, in order of appearance. Only 14-digit runs that
 * start with 99 and are not part of a longer number count; anything else is too likely to be a
 * phone or file number.
 */
export function findLeistungsschluesselInText(text: string): string[] {
  if (text.indexOf('99') === -1) return [];
  return [...new Set(text.match(KEY_IN_TEXT) ?? [])];
}
