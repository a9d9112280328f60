import { editDistance } from '../../lib/edit-distance';
import { searchKey } from '../../lib/text';
import type { ImportProblem } from '../import-report';
import type { TabularSheet } from './tabular-sheet';

/** One column an importer understands. */
export interface ColumnSpec {
  /** Canonical header, as the template writes it, e.g. `valid_from`. */
  name: string;
  /** Other headers that mean the same, e.g. `gültig ab`; compared after {@link normaliseHeader}. */
  aliases: string[];
  required: boolean;
}

/** Where each known column is in the file, and under which header the user wrote it. */
export interface HeaderMapping {
  /** Column index by canonical name; absent columns are missing from the map. */
  index: Map<string, number>;
  /** The header text as written in the file, by canonical name (for problem messages). */
  header: Map<string, string>;
  problems: ImportProblem[];
}

/**
 * Folds a header for comparison: case, umlauts (`gültig` = `gueltig`), spaces and hyphens
 * (`Betreiber-Typ` = `betreiber_typ`), a trailing `*` and a hint in parentheses are ignored.
 */
export function normaliseHeader(header: string): string {
  return searchKey(header.replace(/\(.*\)\s*$/, '').replace(/\*+\s*$/, ''))
    .replace(/[\s\-.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Excel's letter for a 0-based column index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function unnamedColumnProblems(sheet: TabularSheet, unnamed: number[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const index of unnamed) {
    const first = sheet.rows.find((r) => (r.cells[index] ?? '').trim() !== '');
    if (!first) continue;
    problems.push({
      severity: 'error',
      row: first.row,
      column: columnLetter(index),
      detail: `Spalte ${columnLetter(index)} hat keine Überschrift, enthält aber Werte (zuerst in Zeile ${first.row}).`,
    });
  }
  return problems;
}

/** A column as a person reads it: its German name first, the template's name after it. */
export function columnTitle(spec: ColumnSpec): string {
  const german = spec.aliases[0];
  return german && normaliseHeader(german) !== normaliseHeader(spec.name) ? `${german} (${spec.name})` : spec.name;
}

/**
 * The known column an unknown header was probably meant to be: the one with the closest name
 * or alias, within a few typos (one per four letters, at least one), ignoring `_`.
 */
export function closestColumn(header: string, specs: ColumnSpec[]): ColumnSpec | null {
  const typed = normaliseHeader(header).replace(/_/g, '');
  if (typed.length < 2) return null;
  const allowed = Math.max(1, Math.floor(typed.length / 4));
  let best: { spec: ColumnSpec; distance: number } | null = null;
  for (const spec of specs) {
    for (const alias of [spec.name, ...spec.aliases]) {
      const distance = editDistance(typed, normaliseHeader(alias).replace(/_/g, ''), allowed);
      if (distance <= allowed && (!best || distance < best.distance)) best = { spec, distance };
    }
  }
  return best?.spec ?? null;
}

/**
 * Matches the header row against the known columns. Unknown and duplicate columns are
 * errors (a typo must not silently drop data); all missing required columns make one
 * error; a column without header is ignored unless it holds values.
 */
export function mapHeaders(sheet: TabularSheet, specs: ColumnSpec[]): HeaderMapping {
  const byAlias = new Map<string, ColumnSpec>();
  for (const spec of specs) for (const alias of [spec.name, ...spec.aliases]) byAlias.set(normaliseHeader(alias), spec);
  const index = new Map<string, number>();
  const header = new Map<string, string>();
  const problems: ImportProblem[] = [];
  const unnamed: number[] = [];
  const at = { severity: 'error' as const, row: sheet.headerRow };
  sheet.headers.forEach((text, i) => {
    if (text === '') {
      unnamed.push(i);
      return;
    }
    const spec = byAlias.get(normaliseHeader(text));
    if (!spec) {
      const known = specs.map(columnTitle).join(', ');
      const near = closestColumn(text, specs);
      const hint = near ? ` Meinten Sie „${columnTitle(near)}“?` : '';
      problems.push({ ...at, column: text, detail: `Unbekannte Spalte „${text}“.${hint} Erlaubt sind: ${known}.` });
    } else if (index.has(spec.name)) {
      problems.push({
        ...at,
        column: text,
        detail: `Die Spalte ${columnTitle(spec)} kommt doppelt vor („${header.get(spec.name)}“ und „${text}“).`,
      });
    } else {
      index.set(spec.name, i);
      header.set(spec.name, text);
    }
  });
  const missing = specs.filter((s) => s.required && !index.has(s.name)).map(columnTitle);
  if (missing.length > 0) {
    problems.push({
      ...at,
      detail: `Pflichtspalten fehlen: ${missing.join(', ')}. Die Kopfzeile (Zeile ${sheet.headerRow}) muss mindestens ${specs
        .filter((s) => s.required)
        .map(columnTitle)
        .join(', ')} enthalten.`,
    });
  }
  return { index, header, problems: [...problems, ...unnamedColumnProblems(sheet, unnamed)] };
}
