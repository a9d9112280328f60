import type { DataSource, QueryRunner } from 'typeorm';
import type { DatabaseConfig, DatabaseLimits } from '../config';
import { DEFAULT_DATABASE_LIMITS } from '../config';
import { Database } from './database';
import type { Readiness } from './database-health';

export { DatabaseStartupError, checkSqliteDatabase, freeDiskMb, inspectSqliteFile } from './database-checks';
export type { Readiness } from './database-health';

/*
 * Entry points kept for existing callers: the write block and the readiness probe belong to the
 * Database (`db.health`), opening to `Database.open`. New code uses the Database it was handed.
 */

/** Records that writes on this data source's Database cannot succeed (German reason), or clears it. */
export function setWriteBlock(dataSource: DataSource, reason: string | undefined): void {
  Database.of(dataSource).health.writeBlock = reason;
}

/** The German reason writes cannot succeed, found at start-up; undefined when they can. */
export function writeBlock(dataSource: DataSource): string | undefined {
  return Database.of(dataSource).health.writeBlock;
}

/**
 * Opens the configured database like `Database.open` and returns its reader; `createDataSource`
 * builds the (uninitialised) data source, which is adopted by a Database unless it is one's.
 */
export async function openDatabase(
  database: DatabaseConfig,
  createDataSource: (database: DatabaseConfig, limits?: DatabaseLimits) => DataSource,
  limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS,
  log: (message: string) => void = () => undefined,
): Promise<DataSource> {
  return (await Database.open(database, limits, log, createDataSource)).reader;
}

/**
 * Readiness of the data source's Database (`db.health.readiness`): the database answers within
 * `timeoutMs` (default 1 s) and writes can succeed. Always settles within the timeout.
 */
export function checkReadiness(
  dataSource: DataSource,
  options: { timeoutMs?: number; minFreeMb?: number } = {},
): Promise<Readiness> {
  return Database.of(dataSource).health.readiness(options);
}

/** A PostgreSQL session that holds an advisory lock; released with {@link releaseLock}. */
async function lockSession(dataSource: DataSource, name: string, wait: boolean): Promise<QueryRunner | undefined> {
  const runner = dataSource.createQueryRunner();
  // Keyed by name and schema: installations sharing a database in different schemas do not block each other.
  const key = `hashtext('egov-atlas/' || $1 || '/' || current_schema())`;
  try {
    for (;;) {
      const [row] = (await runner.query(`SELECT pg_try_advisory_lock(${key}) AS locked`, [name])) as {
        locked: boolean;
      }[];
      if (row?.locked) return runner;
      if (!wait) break;
      // Polling instead of pg_advisory_lock: a blocking wait would run into statement_timeout
      // while another instance takes longer than that to migrate and load the reference data.
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    await runner.release();
    throw error;
  }
  await runner.release();
  return undefined;
}

async function releaseLock(runner: QueryRunner, name: string): Promise<void> {
  try {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('egov-atlas/' || $1 || '/' || current_schema()))`, [name]);
  } finally {
    await runner.release();
  }
}

/**
 * Runs the start-up work (migrations, reference data) of one instance at a time: on PostgreSQL
 * under a session advisory lock, so instances starting together wait for the first and then
 * find everything done. On SQLite the work runs as is: the file belongs to one host, migrations
 * and reference loading write in transactions, and a second process on the same file waits on
 * SQLite's write lock (`busy_timeout`); running two servers on one SQLite file is not supported.
 */
export async function withStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return work();
  const runner = (await lockSession(dataSource, 'startup', true)) as QueryRunner;
  try {
    return await work();
  } finally {
    await releaseLock(runner, 'startup');
  }
}

/**
 * Runs a background job once per cluster: on PostgreSQL only if no other instance runs the job
 * `name` right now (advisory try-lock), otherwise skips it and returns `{ ran: false }`. On SQLite
 * there is one process per file, so the job always runs.
 */
export async function withClusterJobLock<T>(
  dataSource: DataSource,
  name: string,
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  if (dataSource.options.type !== 'postgres') return { ran: true, result: await work() };
  const runner = await lockSession(dataSource, `job/${name}`, false);
  if (!runner) return { ran: false };
  try {
    return { ran: true, result: await work() };
  } finally {
    await releaseLock(runner, `job/${name}`);
  }
}
