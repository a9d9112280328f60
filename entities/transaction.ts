import { DataSource, type EntityManager } from 'typeorm';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();
const sqliteWriters = new WeakMap<DataSource, Promise<DataSource>>();

/**
 * Runs `work` in one database transaction and returns its result; on any error everything is
 * rolled back. All writes of a request or an import run go through here.
 *
 * NOTE: TypeORM drives better-sqlite3 through a single shared connection, so two
 * overlapping `dataSource.transaction()` calls would silently nest (the second becomes a
 * savepoint of the first), and every read through `dataSource.manager` would see the
 * uncommitted rows of whatever transaction is in progress (a GET during an import could
 * answer with state and ETags that never commit). Transactions on an SQLite file therefore
 * run one at a time on a second connection of their own (see {@link sqliteWriter}), and the
 * data source's connection only ever reads: in WAL mode it sees the last committed state and
 * is never blocked by the writer. Every write must go through here; a write on
 * `dataSource.manager` while a transaction is open would wait for SQLite's lock while
 * blocking the event loop the transaction needs. An in-memory database cannot be opened
 * twice and keeps the single connection (tests). PostgreSQL gives every transaction its own
 * pooled connection and needs neither.
 */
export function inTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const start = async () => (await sqliteWriter(dataSource)).transaction(work);
  const run = previous.then(start, start);
  sqliteQueues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * The data source transactions run on: for an SQLite file in WAL mode a second data source
 * on the same file, opened on first use and closed with the first (after the queued
 * transactions finished); otherwise the data source itself.
 */
function sqliteWriter(dataSource: DataSource): Promise<DataSource> {
  const options = dataSource.options;
  if (options.type !== 'better-sqlite3' || options.database === ':memory:' || !options.enableWAL) {
    return Promise.resolve(dataSource);
  }
  let writer = sqliteWriters.get(dataSource);
  if (!writer) {
    writer = new DataSource(options).initialize();
    sqliteWriters.set(dataSource, writer);
    writer.catch(() => sqliteWriters.delete(dataSource));
    const destroy = dataSource.destroy.bind(dataSource);
    const pending = writer;
    dataSource.destroy = async () => {
      await sqliteQueues.get(dataSource);
      sqliteWriters.delete(dataSource);
      const opened = await pending.catch(() => null);
      if (opened?.isInitialized) await opened.destroy();
      await destroy();
    };
  }
  return writer;
}

/** True when the data source is PostgreSQL (row locks and `ILIKE` are available). */
export function isPostgres(dataSource: DataSource): boolean {
  return dataSource.options.type === 'postgres';
}
