import type { EntityManager } from 'typeorm';
import { withSignal } from '../../lib/cancellation';
import { dataVersion } from '../../services/data-version';

/**
 * How long a report's computation is reused while the data version stays: changes outside the
 * audit log, e.g. responsibility rules edited in the database, show up after that.
 */
export const REPORT_CACHE_TTL_MS = 10 * 60_000;

interface Entry<T> {
  version: string;
  promise: Promise<T>;
  /** When the computation finished; null while it runs. */
  settledAt: number | null;
}

/**
 * Computations of reports, reused across requests at the same data version
 * (`services/data-version.ts`) for at most {@link REPORT_CACHE_TTL_MS}: the gap report of an area
 * (`reports/gaps/cache.ts`, one per app) and the area-wide counts behind the OZG and
 * shared-service maps (one per map kind and thread: the maps are drawn in the compute workers,
 * out of reach of the main thread's cache). Germany takes seconds: without reuse every visit,
 * filter or level change and download would compute it again. Entries are kept per database
 * (tests open several in one process), the least recently used dropped beyond `maxEntries`.
 * Concurrent requests for the same key share one computation; a failed one is not kept.
 */
export class VersionedCache<T> {
  private readonly databases = new WeakMap<object, Map<string, Entry<T>>>();
  private computed = 0;

  /**
   * @param maxEntries entries kept per database; keep it small when a value is large
   * @param now the clock, for tests
   */
  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many computations this cache started (in this thread): reuse is observable without timing. */
  get computations(): number {
    return this.computed;
  }

  /**
   * The value for `key` at the current data version: reused, joined while running, or computed
   * by `compute`. The computation runs without the caller's cancellation signal: one visitor
   * leaving must not cancel it for the others waiting on it.
   */
  async get(manager: EntityManager, key: string, compute: () => Promise<T>): Promise<T> {
    let entries = this.databases.get(manager.connection);
    if (!entries) this.databases.set(manager.connection, (entries = new Map()));
    const version = await dataVersion(manager);
    const hit = entries.get(key);
    if (
      hit &&
      hit.version === version &&
      (hit.settledAt === null || this.now() - hit.settledAt < REPORT_CACHE_TTL_MS)
    ) {
      entries.delete(key);
      entries.set(key, hit);
      return hit.promise;
    }
    this.computed++;
    const own = entries;
    // The callbacks run after `entry` is set (a promise settles on a later turn).
    const promise = withSignal(undefined, compute).then(
      (value) => {
        entry.settledAt = this.now();
        return value;
      },
      (error: unknown) => {
        if (own.get(key) === entry) own.delete(key);
        throw error;
      },
    );
    const entry: Entry<T> = { version, promise, settledAt: null };
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > this.maxEntries) entries.delete(entries.keys().next().value as string);
    return promise;
  }
}
