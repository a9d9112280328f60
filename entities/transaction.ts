import type { DataSource, EntityManager } from 'typeorm';
import { Database } from './database';

/**
 * Runs `work` in one database transaction and returns its result; on any error everything is
 * rolled back. All writes of a request or an import run go through here: on SQLite one at a
 * time on the Database's writer connection, so reads through `dataSource.manager` never see
 * uncommitted rows (see `entities/database-writer.ts`).
 *
 * An entry point kept for existing callers: new code calls `db.transaction(work)` on the
 * {@link Database} it was handed. `dataSource` is the Database's reader (or any data source,
 * which is adopted).
 */
export function inTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return Database.of(dataSource).transaction(work);
}

/** True when the data source is PostgreSQL (row locks and `ILIKE` are available). */
export function isPostgres(dataSource: DataSource): boolean {
  return dataSource.options.type === 'postgres';
}
