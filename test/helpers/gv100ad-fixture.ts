import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The shipped editions of the Gemeindeverzeichnis (DOMAIN.md §4). */
export const GV100AD_DIR = path.resolve(__dirname, '../../../shared/data');
export const GV100AD_2023 = path.join(GV100AD_DIR, 'GV100AD_301123.txt');
export const GV100AD_2025 = path.join(GV100AD_DIR, 'GV100AD_31082025.txt');

/**
 * Record lines of an edition (without BOM and newline) whose key field, from position 11 on,
 * starts with one of the prefixes: `'16 '` is the Land record of Thüringen only, `'16061'` the
 * Kreis Eichsfeld with its Verbände and Gemeinden.
 */
export function editionLines(file: string, prefixes: string[]): string[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return text.split('\n').filter((l) => l.length > 0 && prefixes.some((p) => l.slice(10).startsWith(p)));
}

/** A record line with a field replaced, at its 1-based position as the GV100AD layout counts. */
export function patchField(line: string, position: number, value: string): string {
  const at = position - 1;
  return line.slice(0, at) + value + line.slice(at + value.length);
}

/** The lines as another edition: Gebietsstand (positions 3–10) set to `yyyymmdd`. */
export function asEdition(lines: string[], yyyymmdd: string): string[] {
  return lines.map((l) => patchField(l, 3, yyyymmdd));
}

/** The file bytes of record lines. */
export function fixtureFile(lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}
