import { closeSync, existsSync, openSync, readSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import type { DatabaseConfig, DatabaseLimits } from '../config';
import { DEFAULT_DATABASE_LIMITS } from '../config';
import { ServiceUnavailableError } from '../lib/errors';
import { databaseFault, databaseFaultMessage } from './db-errors';

/**
 * The database cannot be used at all (0-byte or foreign file, damaged file, unreachable server):
 * the service refuses to start (exit code {@link DatabaseStartupError.exitCode}) and the CLI
 * prints the German message on one line (it is a domain error, see `cli/output.ts`).
 */
export class DatabaseStartupError extends ServiceUnavailableError {
  /** Process exit code of the service for a database that is unusable (2 is a configuration error). */
  readonly exitCode = 3;
  constructor(message: string) {
    super(message, 60, 'damaged');
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Checks an SQLite file before it is opened: a missing file is fine (it will be created), but a
 * 0-byte file or one that does not start with the SQLite header is refused — opening it would
 * silently turn it into a new empty database (0 bytes) or fail on every request (foreign file).
 */
export function inspectSqliteFile(path: string): void {
  if (path === ':memory:' || !existsSync(path)) return;
  const stat = statSync(path);
  if (!stat.isFile()) throw new DatabaseStartupError(`Die Datenbankdatei ${path} ist keine Datei.`);
  if (stat.size === 0) {
    throw new DatabaseStartupError(
      `Die Datenbankdatei ${path} ist leer (0 Byte). Sie wird nicht als neue Datenbank übernommen: ` +
        'aus der Sicherung zurückspielen oder die Datei löschen, dann legt der Dienst eine neue an.',
    );
  }
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new DatabaseStartupError(
      `Die Datei ${path} ist keine SQLite-Datenbank (Dateikopf fehlt). DATABASE_URL prüfen.`,
    );
  }
}

/** Free space in MB on the file system that holds `path` (its folder for a file not yet created). */
export function freeDiskMb(path: string): number {
  const stats = statfsSync(existsSync(path) ? path : dirname(path));
  return (stats.bavail * stats.bsize) / (1024 * 1024);
}

/** Why writes cannot succeed, per data source; absent when they can. */
const writeBlocks = new WeakMap<DataSource, string>();

/** Records that writes on this data source cannot succeed (German reason), or clears it. */
export function setWriteBlock(dataSource: DataSource, reason: string | undefined): void {
  if (reason) writeBlocks.set(dataSource, reason);
  else writeBlocks.delete(dataSource);
}

/** The German reason writes cannot succeed, found at start-up; undefined when they can. */
export function writeBlock(dataSource: DataSource): string | undefined {
  return writeBlocks.get(dataSource);
}

/**
 * Start-up checks of an opened SQLite database: `PRAGMA quick_check` (a damaged file is refused)
 * and a write test (a header write in a transaction that is rolled back). A file that cannot be
 * written is not refused — it still serves reads — but recorded with {@link setWriteBlock}, so
 * `/readyz` says 503 and writes answer 503 (`SQLITE_READONLY`, see `entities/db-errors.ts`).
 * Returns the reason writes are blocked, if they are.
 */
export async function checkSqliteDatabase(dataSource: DataSource): Promise<string | undefined> {
  const path = String(dataSource.options.database);
  let check: { quick_check?: string }[];
  try {
    check = (await dataSource.query('PRAGMA quick_check')) as { quick_check?: string }[];
  } catch (error) {
    throw new DatabaseStartupError(`Die Datenbankdatei ${path} ist beschädigt: ${sqliteMessage(error)}`);
  }
  const verdicts = check.map((row) => Object.values(row)[0]);
  if (verdicts.length !== 1 || verdicts[0] !== 'ok') {
    throw new DatabaseStartupError(
      `Die Datenbankdatei ${path} ist beschädigt (PRAGMA quick_check: ${verdicts.slice(0, 3).join('; ')}). ` +
        'Aus der Sicherung zurückspielen.',
    );
  }
  let blocked: string | undefined;
  try {
    await dataSource.query('BEGIN IMMEDIATE');
    try {
      const [row] = (await dataSource.query('PRAGMA user_version')) as { user_version: number }[];
      await dataSource.query(`PRAGMA user_version = ${Number(row?.user_version ?? 0)}`);
    } finally {
      await dataSource.query('ROLLBACK');
    }
  } catch (error) {
    const fault = databaseFault(error);
    if (!fault) throw error;
    blocked = fault.message;
  }
  setWriteBlock(dataSource, blocked);
  return blocked;
}

function sqliteMessage(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/**
 * Opens the configured database for the service or the CLI, refusing what cannot work with a
 * {@link DatabaseStartupError}: an SQLite file that is empty, foreign or damaged, a server that
 * does not answer. An SQLite file that cannot be written opens read-only-aware (see
 * {@link checkSqliteDatabase}); `log` hears about it.
 */
export async function openDatabase(
  database: DatabaseConfig,
  createDataSource: (database: DatabaseConfig, limits?: DatabaseLimits) => DataSource,
  limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS,
  log: (message: string) => void = () => undefined,
): Promise<DataSource> {
  if (database.type === 'sqlite') inspectSqliteFile(database.path);
  const dataSource = createDataSource(database, limits);
  try {
    await dataSource.initialize();
  } catch (error) {
    const fault = databaseFault(error);
    if (!fault) throw error;
    throw new DatabaseStartupError(
      database.type === 'sqlite' ? `Die Datenbankdatei ${database.path}: ${fault.message}` : fault.message,
    );
  }
  if (database.type === 'sqlite' && database.path !== ':memory:') {
    try {
      const blocked = await checkSqliteDatabase(dataSource);
      if (blocked) log(blocked);
      else if (freeDiskMb(database.path) < limits.minFreeMb) log(databaseFaultMessage('storage-full'));
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw error;
    }
  }
  return dataSource;
}

/** The answer of {@link checkReadiness}. */
export interface Readiness {
  ready: boolean;
  /** German reason when not ready. */
  detail?: string;
}

const probes = new WeakMap<DataSource, Promise<Readiness>>();

async function probe(dataSource: DataSource, timeoutMs: number): Promise<Readiness> {
  if (dataSource.options.type === 'postgres') {
    // The pool's own client with a per-query timeout: a frozen server must not keep a
    // connection of the pool busy for the full statement timeout on every probe.
    const pool = (dataSource.driver as unknown as { master: import('pg').Pool }).master;
    const result = await pool.query<{ standby: boolean; read_only: string }>({
      text: "SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') AS read_only",
      query_timeout: timeoutMs,
    } as import('pg').QueryConfig);
    const row = result.rows[0];
    if (row?.standby || row?.read_only === 'on') return { ready: false, detail: databaseFaultMessage('read-only') };
    return { ready: true };
  }
  await dataSource.query('SELECT 1');
  return { ready: true };
}

/**
 * Readiness: the database answers within `timeoutMs` (default 1 s) and writes can succeed
 * (not read-only, not a standby, at least `minFreeMb` free for an SQLite file). Always settles
 * within the timeout, also when the server is frozen; concurrent probes share one query.
 */
export async function checkReadiness(
  dataSource: DataSource,
  options: { timeoutMs?: number; minFreeMb?: number } = {},
): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const blocked = writeBlock(dataSource);
  if (blocked) return { ready: false, detail: blocked };
  if (!dataSource.isInitialized) return { ready: false, detail: databaseFaultMessage('unreachable') };
  const path = dataSource.options.type === 'better-sqlite3' ? String(dataSource.options.database) : ':memory:';
  if (path !== ':memory:' && freeDiskMb(path) < (options.minFreeMb ?? DEFAULT_DATABASE_LIMITS.minFreeMb)) {
    return { ready: false, detail: databaseFaultMessage('storage-full') };
  }
  let running = probes.get(dataSource);
  if (!running) {
    running = probe(dataSource, timeoutMs).catch((error: unknown) => ({
      ready: false,
      detail: databaseFault(error)?.message ?? databaseFaultMessage('unreachable'),
    }));
    probes.set(dataSource, running);
    const settled = running;
    void settled.finally(() => {
      if (probes.get(dataSource) === settled) probes.delete(dataSource);
    });
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, detail: databaseFaultMessage('timeout') }), timeoutMs);
  });
  try {
    return await Promise.race([running, late]);
  } finally {
    clearTimeout(timer);
  }
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
