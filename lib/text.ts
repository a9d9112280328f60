/**
 * Folds a German name to a search key: lower case, umlauts and ß spelled out, other
 * diacritics removed. "Münster" and "Muenster" then match the same key; the same function
 * is applied to stored names and to queries.
 */
export function searchKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes `%`, `_` and the escape character itself for a SQL `LIKE … ESCAPE '\'` pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
