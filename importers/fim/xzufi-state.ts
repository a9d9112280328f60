import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../../entities/bulk-write';
import type { FimOutcome } from './fim-report';
import { refKey, type XzufiRef, type XzufiRow } from './xzufi-rows';

/** What the run knows of a stored (or already planned) object. */
export interface KnownObject {
  /** Database id; null while the object is only planned. */
  id: number | null;
  hash: string;
  active: boolean;
}

/** The state an object is to be left in when the batch is written. */
export interface PendingObject<Row extends XzufiRow> {
  ref: XzufiRef;
  /** New content to write; null when only the active flag changes. */
  row: Row | null;
  active: boolean;
  /** Database id when the row exists already (stored before the run or written by an earlier batch). */
  storedId: number | null;
}

interface StoredRow {
  id: number | string;
  redaktion: string;
  fimId: string;
  hash: string;
  active: boolean | number;
}

/**
 * The objects of one XZuFi table as this run sees them: what is stored (fetched once per key),
 * overlaid by what earlier blocks of the run wrote, and what the next write must change. Blocks
 * are applied in document order, so `schreibe` then `loesche` of the same object ends inactive.
 */
export class XzufiObjectTable<Row extends XzufiRow> {
  private readonly known = new Map<string, KnownObject>();
  private readonly fetched = new Set<string>();
  readonly pending = new Map<string, PendingObject<Row>>();

  constructor(readonly table: string) {}

  /** Loads the stored state of every ref not seen before, in one query per chunk. */
  async prefetch(manager: EntityManager, refs: XzufiRef[]): Promise<void> {
    const wanted = new Map<string, XzufiRef>();
    for (const ref of refs) {
      const key = refKey(ref);
      if (!this.fetched.has(key)) wanted.set(key, ref);
    }
    if (wanted.size === 0) return;
    const rows = await selectWhereIn<StoredRow>(
      manager,
      (list) =>
        `SELECT "id", "redaktion", "fim_id" AS "fimId", "content_sha256" AS "hash", "is_active" AS "active" ` +
        `FROM "${this.table}" WHERE "fim_id" IN (${list})`,
      [...new Set([...wanted.values()].map((ref) => ref.fimId))],
    );
    for (const row of rows) {
      const key = refKey(row);
      if (wanted.has(key)) this.remember(key, { id: Number(row.id), hash: row.hash, active: Boolean(row.active) });
    }
    for (const key of wanted.keys()) this.fetched.add(key);
  }

  /** Records a stored object found by another query (e.g. Zuständigkeiten of a deleted object). */
  remember(key: string, object: KnownObject): void {
    this.fetched.add(key);
    if (!this.known.has(key)) this.known.set(key, object);
  }

  /** A `schreibe`: created, updated (also reactivated) or unchanged. */
  write(row: Row): FimOutcome {
    const key = refKey(row.ref);
    const known = this.known.get(key);
    const outcome: FimOutcome = !known ? 'created' : known.hash === row.hash && known.active ? 'unchanged' : 'updated';
    if (outcome === 'unchanged') return outcome;
    this.known.set(key, { id: known?.id ?? null, hash: row.hash, active: true });
    this.pending.set(key, { ref: row.ref, row, active: true, storedId: this.storedId(key, known) });
    return outcome;
  }

  /** A `loesche`: deactivated, unchanged (already inactive) or skipped (unknown). */
  deactivate(ref: XzufiRef): FimOutcome {
    const key = refKey(ref);
    const known = this.known.get(key);
    if (!known) return 'skipped';
    if (!known.active) return 'unchanged';
    known.active = false;
    const pending = this.pending.get(key);
    this.pending.set(key, {
      ref,
      row: pending?.row ?? null,
      active: false,
      storedId: this.storedId(key, known),
    });
    return 'deactivated';
  }

  /** Takes the pending changes for writing and remembers the ids the writer assigned. */
  drain(): PendingObject<Row>[] {
    const changes = [...this.pending.values()];
    this.pending.clear();
    return changes;
  }

  /** Called by the writer with the ids of newly inserted objects. */
  assignIds(ids: Map<string, number>): void {
    for (const [key, id] of ids) {
      const known = this.known.get(key);
      if (known && known.id === null) known.id = id;
    }
  }

  private storedId(key: string, known: KnownObject | undefined): number | null {
    return this.pending.get(key)?.storedId ?? known?.id ?? null;
  }
}
