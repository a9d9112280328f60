import { CacheRegistry } from '../../../entities/database-caches';

describe('the caches of a Database', () => {
  afterEach(() => jest.useRealTimers());

  it('returns the same cache for a name and empties only the clearOnCommit ones after a commit', () => {
    const caches = new CacheRegistry();
    const perCommit = caches.cache<string, number>('per-commit', { clearOnCommit: true });
    const kept = caches.cache<string, number>('kept', { ttlMs: 60_000 });
    expect(caches.cache('per-commit', { clearOnCommit: true })).toBe(perCommit);
    perCommit.set('a', 1);
    kept.set('a', 2);
    caches.committed();
    expect(perCommit.get('a')).toBeUndefined();
    expect(kept.get('a')).toBe(2);
  });

  it('forgets an entry once its time to live has passed', () => {
    jest.useFakeTimers({ now: new Date('2026-12-07T10:00:00Z') });
    const cache = new CacheRegistry().cache<string, string>('ttl', { ttlMs: 30_000 });
    cache.set('k', 'v');
    jest.setSystemTime(new Date('2026-12-07T10:00:29.999Z'));
    expect(cache.get('k')).toBe('v');
    jest.setSystemTime(new Date('2026-12-07T10:00:30Z'));
    expect(cache.get('k')).toBeUndefined();
  });

  it('empties itself at maxEntries and deletes by value', () => {
    const cache = new CacheRegistry().cache<string, { id: string }>('bounded', { maxEntries: 2 });
    cache.set('a', { id: '1' });
    cache.set('b', { id: '2' });
    cache.deleteWhere((value) => value.id === '1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toEqual({ id: '2' });
    cache.set('c', { id: '3' });
    cache.set('d', { id: '4' });
    // 'b' and 'c' filled it: 'd' went into an emptied cache.
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('d')).toEqual({ id: '4' });
  });
});
