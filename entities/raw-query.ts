import type { EntityManager } from 'typeorm';

interface SqliteStatement {
  all(...params: unknown[]): unknown[][];
  raw(toggle: boolean): SqliteStatement;
  columns(): { name: string }[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/** A prepared statement in raw mode (rows as arrays) and the names of its result columns. */
interface PreparedRead {
  statement: SqliteStatement;
  columns: string[];
}

const statements = new WeakMap<object, Map<string, PreparedRead>>();

function prepare(connection: SqliteConnection, sql: string): PreparedRead {
  let cache = statements.get(connection);
  if (!cache) {
    cache = new Map();
    statements.set(connection, cache);
  }
  let read = cache.get(sql);
  if (!read) {
    const statement = connection.prepare(sql).raw(true);
    read = { statement, columns: statement.columns().map((c) => c.name) };
    cache.set(sql, read);
  }
  return read;
}

/**
 * Runs a read query built for this driver (placeholders as TypeORM's query builder produced
 * them) and returns plain rows.
 *
 * NOTE: on SQLite the statement runs directly on better-sqlite3's connection with a cached
 * prepared statement. TypeORM's `query()` wraps every call in async broadcasting and
 * logging that cost as much as the query itself on the hot read paths. Rows come back as
 * arrays and become objects here, in column order (a later column of the same name wins, as
 * with better-sqlite3's own objects): a third cheaper than better-sqlite3 building them. It is
 * the connection of the manager's data source: a transaction's manager reads on the
 * transaction's own connection and sees its writes, any other on the reading connection, which
 * sees only committed data (see `entities/transaction.ts`).
 */
export async function rawQuery<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const driver = manager.connection.driver as unknown as { databaseConnection?: SqliteConnection };
  if (manager.connection.options.type !== 'better-sqlite3' || !driver.databaseConnection) {
    return manager.query(sql, params);
  }
  const { statement, columns } = prepare(driver.databaseConnection, sql);
  const bound = params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  const rows = statement.all(...bound);
  const objects = new Array<T>(rows.length);
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r];
    const object: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c += 1) object[columns[c]] = row[c];
    objects[r] = object as T;
  }
  return objects;
}

/**
 * Like {@link rawQuery}, but rows stay arrays in the order of the select list: for scans of
 * millions of rows that read each value once. On PostgreSQL the driver's objects are turned
 * into arrays (column aliases must be distinct).
 */
export async function rawTuples(manager: EntityManager, sql: string, params: unknown[]): Promise<unknown[][]> {
  const driver = manager.connection.driver as unknown as { databaseConnection?: SqliteConnection };
  if (manager.connection.options.type !== 'better-sqlite3' || !driver.databaseConnection) {
    return ((await manager.query(sql, params)) as Record<string, unknown>[]).map((row) => Object.values(row));
  }
  const bound = params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  return prepare(driver.databaseConnection, sql).statement.all(...bound);
}
