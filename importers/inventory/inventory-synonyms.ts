import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDataDir } from '../../lib/paths';
import { searchKey } from '../../lib/text';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../lib/vocabulary';

/** One row of `data/reference/inventar-synonyme.csv`: a common German name of a component or status. */
export interface InventorySynonym {
  kind: 'komponente' | 'status';
  code: string;
  synonym: string;
  source: string;
}

/** The shipped synonym table (see data/reference/SOURCES.md). */
export const INVENTORY_SYNONYMS_FILE = join(referenceDataDir, 'inventar-synonyme.csv');

/**
 * Parses the synonym table: `art,code,synonym,quelle`, the source last (it may hold commas).
 * Refuses a synonym given for two codes: a file cell must mean one thing.
 */
export function parseInventorySynonyms(text: string): InventorySynonym[] {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '');
  const seen = new Map<string, string>();
  return rows.map((line, index) => {
    const [kind, code, synonym, ...source] = line.split(',');
    if ((kind !== 'komponente' && kind !== 'status') || !code || !synonym || source.length === 0) {
      throw new Error(`inventar-synonyme.csv line ${index + 2}: expected art,code,synonym,quelle`);
    }
    if (kind === 'status' && !COMPONENT_STATUSES.includes(code as ComponentStatus)) {
      throw new Error(`inventar-synonyme.csv line ${index + 2}: unknown status ${code}`);
    }
    const key = `${kind}\u0000${searchKey(synonym)}`;
    const other = seen.get(key);
    if (other !== undefined && other !== code) {
      throw new Error(`inventar-synonyme.csv line ${index + 2}: "${synonym}" means both ${other} and ${code}`);
    }
    seen.set(key, code);
    return { kind, code, synonym: synonym.trim(), source: source.join(',').trim() };
  });
}

let loaded: InventorySynonym[] | undefined;

/** The shipped synonyms, read once. */
export function inventorySynonyms(): InventorySynonym[] {
  loaded ??= parseInventorySynonyms(readFileSync(INVENTORY_SYNONYMS_FILE, 'utf8'));
  return loaded;
}

/** Component synonyms by folded text → component code ("Servicekonto" → service-account). */
export function componentSynonyms(): Map<string, string> {
  return new Map(
    inventorySynonyms()
      .filter((s) => s.kind === 'komponente')
      .map((s) => [searchKey(s.synonym), s.code]),
  );
}

/** Status synonyms as `STATUS_ALIASES` extras ("in Planung" → planned). */
export function statusSynonyms(): Record<string, ComponentStatus> {
  return Object.fromEntries(
    inventorySynonyms()
      .filter((s) => s.kind === 'status')
      .map((s) => [s.synonym, s.code as ComponentStatus]),
  );
}
