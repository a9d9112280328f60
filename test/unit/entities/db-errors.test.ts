import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryFailedError } from 'typeorm';
import { databaseFault } from '../../../entities/db-errors';
import { ServiceUnavailableError } from '../../../lib/errors';

/** A real better-sqlite3 error, raised by the driver itself. */
function sqliteError(run: (db: Database.Database) => void, readonly = false): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-dberr-'));
  try {
    const path = join(dir, 'x.sqlite');
    new Database(path).exec('CREATE TABLE t (x INTEGER)').close();
    const db = new Database(path, { readonly });
    try {
      run(db);
    } catch (error) {
      return error;
    } finally {
      db.close();
    }
    throw new Error('expected the driver to fail');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A node-postgres style error, as TypeORM wraps it. */
function pgQueryError(code: string, message = 'fehlgeschlagen'): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));
}

describe('databaseFault', () => {
  it('maps SQLite read-only, busy, full, corrupt and I/O errors to 503 with German text', () => {
    const readOnly = sqliteError((db) => db.exec('INSERT INTO t VALUES (1)'), true);
    expect((readOnly as { code: string }).code).toBe('SQLITE_READONLY');
    const fault = databaseFault(new QueryFailedError('INSERT', [], readOnly as Error));
    expect(fault).toBeInstanceOf(ServiceUnavailableError);
    expect(fault?.reason).toBe('read-only');
    expect(fault?.message).toMatch(/schreibgeschützt/);
    expect(fault?.retryAfterSeconds).toBe(60);

    const code = (c: string) => databaseFault(Object.assign(new Error(c), { code: c }))?.reason;
    expect(code('SQLITE_BUSY')).toBe('busy');
    expect(code('SQLITE_BUSY_SNAPSHOT')).toBe('busy');
    expect(code('SQLITE_FULL')).toBe('storage-full');
    expect(databaseFault(Object.assign(new Error(), { code: 'SQLITE_FULL' }))?.message).toMatch(
      /^Speicherplatz erschöpft/,
    );
    expect(code('SQLITE_CORRUPT')).toBe('damaged');
    expect(code('SQLITE_NOTADB')).toBe('damaged');
    expect(code('SQLITE_IOERR_WRITE')).toBe('damaged');
  });

  it('maps PostgreSQL outages: refused, terminated, shutdown, too many connections, timeouts', () => {
    const reason = (error: unknown) => databaseFault(error)?.reason;
    expect(reason(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(
      'unreachable',
    );
    expect(reason(new Error('Connection terminated unexpectedly'))).toBe('unreachable');
    expect(reason(new Error('timeout exceeded when trying to connect'))).toBe('timeout');
    expect(reason(new QueryFailedError('SELECT 1', [], new Error('Query read timeout')))).toBe('timeout');
    expect(reason(pgQueryError('57P01', 'terminating connection due to administrator command'))).toBe('unreachable');
    expect(reason(pgQueryError('53300', 'sorry, too many clients already'))).toBe('busy');
    expect(reason(pgQueryError('57014', 'canceling statement due to statement timeout'))).toBe('timeout');
    expect(reason(pgQueryError('08006'))).toBe('unreachable');
    expect(reason(pgQueryError('53100'))).toBe('storage-full');
  });

  it('leaves query errors and bugs alone (they stay 4xx/500)', () => {
    expect(databaseFault(pgQueryError('23505', 'duplicate key'))).toBeUndefined();
    expect(databaseFault(pgQueryError('42P01', 'relation does not exist'))).toBeUndefined();
    expect(databaseFault(Object.assign(new Error('UNIQUE'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBeUndefined();
    expect(databaseFault(new TypeError('x is undefined'))).toBeUndefined();
    expect(databaseFault('text')).toBeUndefined();
  });
});
