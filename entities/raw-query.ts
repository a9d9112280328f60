import type { EntityManager } from 'typeorm';
import { Database } from './database';

/**
 * Runs a read query built for this driver (placeholders as TypeORM's query builder produced
 * them) and returns plain rows, on the connection of `manager`: a transaction's manager sees
 * the transaction's writes, any other reads committed data only.
 *
 * An entry point kept for existing callers: new code calls `db.sql.rows(manager, sql, params)`
 * on the {@link Database} it was handed (see `entities/database-sql.ts` for why the SQL runs on
 * better-sqlite3's connection directly).
 */
export function rawQuery<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return Database.of(manager.connection).sql.rows<T>(manager, sql, params);
}

/**
 * Like {@link rawQuery}, but rows stay arrays in the order of the select list: for scans of
 * millions of rows that read each value once. On PostgreSQL the driver's objects are turned
 * into arrays (column aliases must be distinct). New code calls `db.sql.tuples(…)`.
 */
export function rawTuples(manager: EntityManager, sql: string, params: unknown[]): Promise<unknown[][]> {
  return Database.of(manager.connection).sql.tuples(manager, sql, params);
}
