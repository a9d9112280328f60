import type { DataSource, EntityManager } from 'typeorm';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in one database transaction and returns its result; on any error everything is
 * rolled back. All writes of a request or an import run go through here.
 *
 * NOTE: TypeORM drives better-sqlite3 through a single shared connection, so two
 * overlapping `dataSource.transaction()` calls would silently nest (the second becomes a
 * savepoint of the first). Transactions on SQLite are therefore queued, one at a time.
 * PostgreSQL gives every transaction its own pooled connection and needs no queue.
 */
export function inTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(
    () => dataSource.transaction(work),
    () => dataSource.transaction(work),
  );
  sqliteQueues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/** True when the data source is PostgreSQL (row locks and `ILIKE` are available). */
export function isPostgres(dataSource: DataSource): boolean {
  return dataSource.options.type === 'postgres';
}
