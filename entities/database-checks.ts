import { closeSync, existsSync, openSync, readSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSource } from 'typeorm';
import { ServiceUnavailableError } from '../lib/errors';
import { databaseFault } from './db-errors';

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

/**
 * Start-up checks of an opened SQLite database: `PRAGMA quick_check` (a damaged file is refused)
 * and a write test (a header write in a transaction that is rolled back). A file that cannot be
 * written is not refused — it still serves reads — but its reason is returned, and `Database.open` records it, so
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
  return blocked;
}

function sqliteMessage(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
