import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { DEFAULT_DATABASE_LIMITS, type DatabaseConfig, type DatabaseLimits } from '../config';
import { entities } from './index';
import { migrations } from './migrations';

/** node-postgres's type parsers are process-wide: they are set once, by the first PostgreSQL Database. */
let pgTimestampsAsUtc = false;

/**
 * Makes node-postgres read and write `timestamp without time zone` as UTC, whatever the
 * process's time zone. The schema stores UTC wall-clock times (see `columnKit`).
 */
function usePgUtcTimestamps(): void {
  if (pgTimestampsAsUtc) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const TIMESTAMP_OID = 1114;
  const DATE_OID = 1082;
  pg.types.setTypeParser(TIMESTAMP_OID, (text: string) => new Date(`${text.replace(' ', 'T')}Z`));
  // Calendar dates stay `YYYY-MM-DD` text, as on SQLite; a Date at local midnight would shift.
  pg.types.setTypeParser(DATE_OID, (text: string) => text);
  (pg.defaults as { parseInputDatesAsUTC?: boolean }).parseInputDatesAsUTC = true;
  pgTimestampsAsUtc = true;
}

/**
 * node-postgres pool options that bound every wait on the server, so a stopped or frozen
 * PostgreSQL turns into errors (503, see `entities/db-errors.ts`) within seconds instead of
 * requests hanging forever. `query_timeout` is the client-side guard for a server that no longer
 * answers at all (then `statement_timeout` never fires); it is a little longer than the
 * statement timeout so a slow statement is cancelled by the server first, cleanly.
 */
export function pgPoolOptions(limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS): Record<string, number> {
  return {
    max: 10,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    idleTimeoutMillis: limits.idleTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    query_timeout: limits.statementTimeoutMs + 5_000,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
  };
}

/**
 * TypeORM options for the app, the CLI and the tests. Never `synchronize`: the schema comes
 * from the migrations in `entities/migrations/`.
 */
export function buildDataSourceOptions(
  database: DatabaseConfig,
  limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS,
): DataSourceOptions {
  const common = {
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
  } as const;
  if (database.type === 'postgres') {
    usePgUtcTimestamps();
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      ...(database.schema ? { schema: database.schema } : {}),
      extra: pgPoolOptions(limits),
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    // NOTE: WAL lets readers (e.g. `db backup`) run beside the single writer, and a crash
    // mid-transaction leaves the last committed state.
    enableWAL: database.path !== ':memory:',
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
  };
}
