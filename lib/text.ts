/**
 * Folds a German name to a search key: compatibility forms folded (NFKC: full-width `Ｍ` is
 * `m`), lower case, umlauts and ß spelled out, other diacritics removed. "Münster" and
 * "Muenster" then match the same key; the same function is applied to stored names and to queries.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKC')
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

/**
 * SQL for a column holding a {@link searchKey} with the spelled-out umlauts folded to plain
 * vowels ("muenchen" → "munchen"), for people who type "Munchen" on a keyboard without
 * umlauts. Queries compare it with the query's own search key in addition to the stored key:
 * "munchen" then finds "München", while "muenchen" still finds only names with "ü"/"ue" (not
 * a plain "Munchen"). The stored keys stay as the importers write them, so existing rows need
 * no recomputation. Valid on SQLite and PostgreSQL; `column` is SQL, never input.
 */
export function plainSearchKeySql(column: string): string {
  return `REPLACE(REPLACE(REPLACE(${column}, 'ae', 'a'), 'oe', 'o'), 'ue', 'u')`;
}

/**
 * A SQL condition on a search-key column: the `LIKE` pattern in `:parameter` (built with
 * {@link escapeLike} from a {@link searchKey}) matches the stored key or its plain-vowel form
 * ({@link plainSearchKeySql}). Both are needed: "el" is in "muelheim" but not in "mulheim".
 */
export function searchKeyMatches(column: string, parameter: string): string {
  const pattern = `:${parameter} ESCAPE '\\'`;
  return `(${column} LIKE ${pattern} OR ${plainSearchKeySql(column)} LIKE ${pattern})`;
}

/** Escapes `%`, `_` and the escape character itself for a SQL `LIKE … ESCAPE '\'` pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
