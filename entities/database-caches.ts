/** How long entries of a {@link NamedCache} live and what empties it. */
export interface CachePolicy {
  /** Entries older than this are gone (milliseconds); without it they stay until cleared. */
  ttlMs?: number;
  /** At this many entries the cache is emptied before the next one goes in. */
  maxEntries?: number;
  /** Emptied after every committed transaction of the {@link Database} (see `Database.transaction`). */
  clearOnCommit?: boolean;
}

/**
 * One named cache of a {@link Database}: a map whose entries expire after the policy's TTL.
 * Caches hold what is read often and changes rarely; what they may not outlive is in their
 * policy, so the invalidation is written next to the cache and not in the code that writes.
 */
export class NamedCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(readonly policy: CachePolicy) {}

  /** The value stored for `key`, unless it expired. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.until <= Date.now()) return undefined;
    return entry.value;
  }

  /** Stores `value` for `key` for the policy's TTL. */
  set(key: K, value: V): void {
    if (this.policy.maxEntries !== undefined && this.entries.size >= this.policy.maxEntries) this.entries.clear();
    this.entries.set(key, { value, until: Date.now() + (this.policy.ttlMs ?? Infinity) });
  }

  /** Forgets `key`. */
  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Forgets every entry whose value matches (e.g. all principals of a revoked token). */
  deleteWhere(matches: (value: V, key: K) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value, key)) this.entries.delete(key);
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }
}

/**
 * The caches of one {@link Database}, by name. A service asks for its cache with its policy
 * (`db.caches.cache('component-catalogue', { ttlMs: 30_000 })`) on each use: the first call
 * creates it, later calls return it. They live and die with the Database, not the process.
 */
export class CacheRegistry {
  private readonly caches = new Map<string, NamedCache<unknown, unknown>>();

  /** The cache named `name`, created with `policy` on first use. */
  cache<K, V>(name: string, policy: CachePolicy): NamedCache<K, V> {
    let cache = this.caches.get(name);
    if (!cache) {
      cache = new NamedCache(policy);
      this.caches.set(name, cache);
    }
    return cache as NamedCache<K, V>;
  }

  /** Called after every committed transaction: empties the caches that must not outlive one. */
  committed(): void {
    for (const cache of this.caches.values()) if (cache.policy.clearOnCommit) cache.clear();
  }

  /** Empties every cache (the Database closes). */
  clear(): void {
    for (const cache of this.caches.values()) cache.clear();
  }
}
