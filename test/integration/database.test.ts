import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { Region } from '../../entities';
import { Database } from '../../entities/database';
import { buildDataSourceOptions } from '../../entities/database-options';
import { inTransaction } from '../../entities/transaction';
import { createTestDatabase, testDatabaseKind } from '../helpers/database';
import { makeRegion } from '../helpers/factories';

/** A Database as the service opens it: an SQLite file in WAL mode, or a PostgreSQL schema. */
async function serviceLikeDatabase(): Promise<{ db: Database; path: string | null; close(): Promise<void> }> {
  if (testDatabaseKind() === 'postgres') {
    const test = await createTestDatabase();
    return { db: test.db, path: null, close: () => test.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'atlas-database-'));
  const path = join(dir, 'atlas.sqlite');
  const db = await Database.open({ type: 'sqlite', path });
  await db.reader.runMigrations({ transaction: 'each' });
  return {
    db,
    path,
    async close() {
      if (db.reader.isInitialized) await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sqliteOnly = testDatabaseKind() === 'sqlite' ? it : it.skip;

async function regionNames(db: Database, manager: EntityManager = db.reader.manager): Promise<string[]> {
  const sql = db.isPostgres
    ? 'SELECT "name" AS "name" FROM "regions" WHERE "key" LIKE $1 ORDER BY "key"'
    : 'SELECT "name" AS "name" FROM "regions" WHERE "key" LIKE ? ORDER BY "key"';
  const rows = await db.sql.rows<{ name: string }>(manager, sql, ['08%']);
  return rows.map((row) => row.name);
}

describe('Database', () => {
  let opened: Awaited<ReturnType<typeof serviceLikeDatabase>>;

  beforeEach(async () => {
    opened = await serviceLikeDatabase();
  });
  afterEach(() => opened.close());

  it('shows a write of a transaction to the reader only once it committed', async () => {
    const { db } = opened;
    let seenInside: { reader: string[]; tx: string[] } | undefined;
    await db.transaction(async (tx) => {
      await makeRegion(tx, '08', { name: 'Baden-Württemberg' });
      seenInside = { reader: await regionNames(db), tx: await regionNames(db, tx) };
    });
    expect(seenInside).toEqual({ reader: [], tx: ['Baden-Württemberg'] });
    expect(await regionNames(db)).toEqual(['Baden-Württemberg']);
  });

  it('empties the caches that must not outlive a commit after a commit, not after a rollback', async () => {
    const { db } = opened;
    const perCommit = db.caches.cache<string, string>('test-per-commit', { clearOnCommit: true });
    const kept = db.caches.cache<string, string>('test-kept', { ttlMs: 60_000 });
    perCommit.set('k', 'cached');
    kept.set('k', 'cached');
    await expect(
      db.transaction(async (tx) => {
        await makeRegion(tx, '08', { name: 'Baden-Württemberg' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(perCommit.get('k')).toBe('cached');
    await db.transaction((tx) => makeRegion(tx, '08', { name: 'Baden-Württemberg' }));
    expect(perCommit.get('k')).toBeUndefined();
    expect(kept.get('k')).toBe('cached');
  });

  it('finds an entity by one column on the reader and in a transaction', async () => {
    const { db } = opened;
    await db.transaction(async (tx) => {
      await makeRegion(tx, '08', { name: 'Baden-Württemberg' });
      expect((await db.findOneBy(Region, 'key', '08', tx))?.name).toBe('Baden-Württemberg');
      expect(await db.findOneBy(Region, 'key', '08')).toBeNull();
    });
    const found = await db.findOneBy(Region, 'key', '08');
    expect(found).toBeInstanceOf(Region);
    expect(found?.name).toBe('Baden-Württemberg');
  });

  sqliteOnly('runs transactions on a writer connection of its own, registered as its own', async () => {
    const { db } = opened;
    const writer = await db.transaction(async (tx) => tx.connection);
    expect(writer).not.toBe(db.reader);
    expect(Database.of(writer)).toBe(db);
    expect(writer.isInitialized).toBe(true);
  });

  sqliteOnly('prepares a statement once per connection and SQL text', async () => {
    const { db } = opened;
    const sql = 'SELECT "id" FROM "regions" WHERE "key" = ?';
    const onReader = db.sql.statement(db.reader.manager, sql);
    expect(onReader).toBeDefined();
    expect(db.sql.statement(db.reader.manager, sql)).toBe(onReader);
    const inTransactionStatements = await db.transaction(async (tx) => [
      db.sql.statement(tx, sql),
      db.sql.statement(tx, sql),
    ]);
    expect(inTransactionStatements[0]).toBe(inTransactionStatements[1]);
    expect(inTransactionStatements[0]).not.toBe(onReader);
    let builds = 0;
    const build = () => {
      builds += 1;
      return sql;
    };
    expect([db.sql.built('test', build), db.sql.built('test', build)]).toEqual([sql, sql]);
    expect(builds).toBe(1);
  });

  sqliteOnly('close() closes the writer, then the reader, and the WAL is checkpointed into the file', async () => {
    const { db, path } = opened;
    const writer = await db.transaction(async (tx) => {
      await makeRegion(tx, '08', { name: 'Baden-Württemberg' });
      return tx.connection;
    });
    expect(existsSync(`${path}-wal`)).toBe(true);
    await db.close();
    expect(writer.isInitialized).toBe(false);
    expect(db.reader.isInitialized).toBe(false);
    // SQLite removes the WAL only when the last connection to the file closed.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const again = await Database.open({ type: 'sqlite', path: path as string });
    try {
      expect(await regionNames(again)).toEqual(['Baden-Württemberg']);
    } finally {
      await again.close();
    }
  });

  sqliteOnly('destroy() on the reader closes the whole Database, writer included', async () => {
    const { db, path } = opened;
    const writer = await db.transaction(async (tx) => {
      await makeRegion(tx, '08', { name: 'Baden-Württemberg' });
      return tx.connection;
    });
    await db.reader.destroy();
    expect(writer.isInitialized).toBe(false);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});

describe('a data source opened elsewhere', () => {
  sqliteOnly('is adopted by one Database, whose transactions it then shares', async () => {
    const dataSource = new DataSource(buildDataSourceOptions({ type: 'sqlite', path: ':memory:' }));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const db = Database.of(dataSource);
      expect(Database.of(dataSource)).toBe(db);
      expect(db.reader).toBe(dataSource);
      await inTransaction(dataSource, (tx) => makeRegion(tx, '08', { name: 'Baden-Württemberg' }));
      expect(await regionNames(db)).toEqual(['Baden-Württemberg']);
    } finally {
      await dataSource.destroy();
    }
  });
});
