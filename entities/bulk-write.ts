import type { EntityManager } from 'typeorm';
import { Database } from './database';
import type { SqliteStatement } from './database-sql';
import { isPostgres } from './transaction';

/**
 * Set-based reads and writes for importers that touch tens of thousands of rows.
 *
 * NOTE: TypeORM's insert builder and `manager.query` cost more than the database itself at
 * this scale (parameter bookkeeping grows with every row, every call is wrapped in async
 * broadcasting). On SQLite these helpers therefore run the Database's prepared statements
 * (`db.sql.statement`) on the connection of the manager's data source — for a transaction's
 * manager the transaction's own connection (see `inTransaction`), so they run inside the open
 * transaction and a thrown error still rolls everything back. On PostgreSQL they
 * send multi-row statements through the transaction's own query runner.
 */

/** A value as the driver binds it: callers convert dates and JSON first (see {@link timestampValue}). */
export type BulkValue = string | number | boolean | Date | null;

/** Bound parameters per statement: SQLite allows 32,766 by default, PostgreSQL 65,535. */
const MAX_PARAMETERS = 32_000;
const MAX_PARAMETERS_POSTGRES = 65_000;
/** Rows per prepared INSERT on SQLite; larger statements gain nothing once prepared. */
const SQLITE_ROWS_PER_STATEMENT = 100;
/** Values per `IN (…)` list; chunks are padded to a power of two so few statements get prepared. */
const MAX_IN_LIST = 4096;

/** True when the manager's connection is SQLite (statements are prepared, booleans bound as 0/1). */
function onSqlite(manager: EntityManager): boolean {
  return manager.connection.options.type === 'better-sqlite3';
}

/** The Database's prepared statement for `sql` on the manager's SQLite connection. */
function prepared(manager: EntityManager, sql: string): SqliteStatement {
  return Database.of(manager.connection).sql.statement(manager, sql) as SqliteStatement;
}

function assertInTransaction(manager: EntityManager): void {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('bulk writes must run inside inTransaction(), with its EntityManager');
  }
}

/**
 * A timestamp in the form the driver stores for `Date` columns: UTC text on SQLite (as
 * TypeORM writes it), a `Date` on PostgreSQL (read back as UTC, see ormconfig.ts).
 */
export function timestampValue(manager: EntityManager, date: Date): BulkValue {
  if (isPostgres(manager.connection)) return date;
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A multi-row insert, optionally an upsert on a unique key. */
export interface BulkInsert {
  table: string;
  /** Database column names, in the order of the values in each row. */
  columns: string[];
  /**
   * The rows, values in column order. Any iterable: a generator that builds each row when it
   * is written keeps 100,000 row arrays from living (and being garbage-collected) at once.
   */
  rows: Iterable<BulkValue[]>;
  /**
   * `ON CONFLICT (target) DO UPDATE SET column = excluded.column` for the `update` columns;
   * `DO NOTHING` when `update` is empty. (PostgreSQL refuses a statement that updates one row
   * twice: callers pass each key once.)
   */
  onConflict?: {
    target: string[];
    update: string[];
    /** Columns updated only where the new value is not null (`COALESCE(excluded.c, table.c)`). */
    updateIfNotNull?: string[];
  };
}

function quote(identifier: string): string {
  return `"${identifier}"`;
}

function insertSql(spec: BulkInsert, rowCount: number, postgres: boolean): string {
  let n = 0;
  const tuple = () => `(${spec.columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`;
  const values = Array.from({ length: rowCount }, tuple).join(', ');
  let sql = `INSERT INTO ${quote(spec.table)} (${spec.columns.map(quote).join(', ')}) VALUES ${values}`;
  if (spec.onConflict) {
    const target = spec.onConflict.target.map(quote).join(', ');
    const updates = [
      ...spec.onConflict.update.map((c) => `${quote(c)} = excluded.${quote(c)}`),
      ...(spec.onConflict.updateIfNotNull ?? []).map(
        (c) => `${quote(c)} = COALESCE(excluded.${quote(c)}, ${quote(spec.table)}.${quote(c)})`,
      ),
    ].join(', ');
    sql += updates ? ` ON CONFLICT (${target}) DO UPDATE SET ${updates}` : ` ON CONFLICT (${target}) DO NOTHING`;
  }
  return sql;
}

/** Runs chunks of an insert: SQL built once per call, prepared once per connection (SQLite). */
function chunkRunner(
  tx: EntityManager,
  spec: BulkInsert,
  size: number,
): (rowCount: number, params: unknown[]) => Promise<void> {
  if (!onSqlite(tx)) {
    const fullSql = insertSql(spec, size, true);
    return async (rowCount, params) => {
      await tx.query(rowCount === size ? fullSql : insertSql(spec, rowCount, true), params);
    };
  }
  const many = prepared(tx, insertSql(spec, size, false));
  const one = prepared(tx, insertSql(spec, 1, false));
  const width = spec.columns.length;
  return async (rowCount, params) => {
    if (rowCount === size) {
      many.run(params);
      return;
    }
    // A last, partial chunk runs row by row, so no statement is prepared per remainder size.
    for (let r = 0; r < rowCount; r += 1) one.run(params.slice(r * width, (r + 1) * width));
  };
}

/**
 * Inserts (or upserts) many rows in chunked multi-row statements inside the caller's
 * transaction. `onChunk` is called with the number of rows after each statement (progress).
 */
export async function bulkInsert(
  tx: EntityManager,
  spec: BulkInsert,
  onChunk: (rows: number) => void = () => undefined,
): Promise<void> {
  assertInTransaction(tx);
  const sqlite = onSqlite(tx);
  const width = spec.columns.length;
  const size = sqlite
    ? Math.min(SQLITE_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / width))
    : Math.floor(MAX_PARAMETERS_POSTGRES / width);
  const run = chunkRunner(tx, spec, size);
  let params: unknown[] = [];
  let rowCount = 0;
  for (const row of spec.rows) {
    // better-sqlite3 binds no booleans; SQLite stores them as 0/1, as TypeORM does.
    for (const value of row) params.push(sqlite && typeof value === 'boolean' ? Number(value) : value);
    rowCount += 1;
    if (rowCount === size) {
      await run(rowCount, params);
      onChunk(rowCount);
      params = [];
      rowCount = 0;
    }
  }
  if (rowCount > 0) {
    await run(rowCount, params);
    onChunk(rowCount);
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * Runs a query once per chunk of `values` and returns all rows. `sql` receives the
 * placeholder list for `IN (…)`, e.g. `(list) => \`SELECT … WHERE "key" IN (${list})\``.
 * Each chunk is padded with its last value to a power of two, so on SQLite only a handful
 * of statements is ever prepared.
 */
export async function selectWhereIn<T>(
  manager: EntityManager,
  sql: (list: string) => string,
  values: (string | number)[],
): Promise<T[]> {
  const out: T[] = [];
  const sqlite = onSqlite(manager);
  for (let i = 0; i < values.length; i += MAX_IN_LIST) {
    const chunk = values.slice(i, i + MAX_IN_LIST);
    const size = Math.min(MAX_IN_LIST, nextPowerOfTwo(chunk.length));
    while (chunk.length < size) chunk.push(chunk[chunk.length - 1]);
    const rows = sqlite
      ? (prepared(manager, sql(chunk.map(() => '?').join(', '))).all(chunk) as T[])
      : ((await manager.query(sql(chunk.map((_, k) => `$${k + 1}`).join(', ')), chunk)) as T[]);
    for (const row of rows) out.push(row);
  }
  return out;
}

/**
 * Runs an UPDATE or DELETE once per chunk of `values`, like {@link selectWhereIn}. `params` are
 * bound before the list: `sql` gets the placeholder list and `param(n)` for the n-th of them
 * (1-based), and must use the params before the list.
 */
export async function runWhereIn(
  manager: EntityManager,
  sql: (list: string, param: (n: number) => string) => string,
  values: (string | number)[],
  params: BulkValue[] = [],
): Promise<void> {
  assertInTransaction(manager);
  const sqlite = onSqlite(manager);
  const bound = params.map((value) => (sqlite && typeof value === 'boolean' ? Number(value) : value));
  for (let i = 0; i < values.length; i += MAX_IN_LIST) {
    const chunk = values.slice(i, i + MAX_IN_LIST);
    const size = Math.min(MAX_IN_LIST, nextPowerOfTwo(chunk.length));
    while (chunk.length < size) chunk.push(chunk[chunk.length - 1]);
    if (sqlite) {
      prepared(
        manager,
        sql(chunk.map(() => '?').join(', '), () => '?'),
      ).run([...bound, ...chunk]);
    } else {
      const list = chunk.map((_, k) => `$${bound.length + k + 1}`).join(', ');
      await manager.query(
        sql(list, (n) => `$${n}`),
        [...bound, ...chunk],
      );
    }
  }
}
