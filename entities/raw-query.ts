import type { EntityManager } from 'typeorm';

interface SqliteStatement {
  all(...params: unknown[]): unknown[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

const statements = new WeakMap<object, Map<string, SqliteStatement>>();

/**
 * Runs a read query built for this driver (placeholders as TypeORM's query builder produced
 * them) and returns plain rows.
 *
 * NOTE: on SQLite the statement runs directly on better-sqlite3's connection with a cached
 * prepared statement. TypeORM's `query()` wraps every call in async broadcasting and
 * logging that cost as much as the query itself on the hot read paths. It is the connection
 * of the manager's data source: a transaction's manager reads on the transaction's own
 * connection and sees its writes, any other on the reading connection, which sees only
 * committed data (see `entities/transaction.ts`).
 */
export async function rawQuery<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const driver = manager.connection.driver as unknown as { databaseConnection?: SqliteConnection };
  if (manager.connection.options.type !== 'better-sqlite3' || !driver.databaseConnection) {
    return manager.query(sql, params);
  }
  const connection = driver.databaseConnection;
  let cache = statements.get(connection);
  if (!cache) {
    cache = new Map();
    statements.set(connection, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    cache.set(sql, statement);
  }
  const bound = params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  return statement.all(...bound) as T[];
}
