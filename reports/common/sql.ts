import type { EntityManager } from 'typeorm';
import { rawQuery, rawTuples } from '../../entities/raw-query';
import { isPostgres } from '../../entities/transaction';

/**
 * Helpers for the reports' hand-written, set-based SQL. Reports aggregate thousands of
 * municipalities at once; TypeORM's query builder and entity hydration cost more than the
 * queries themselves there, so they run plain SQL through `rawQuery` (prepared statements on
 * SQLite) and convert the few driver differences here.
 */

/**
 * `?` placeholders as PostgreSQL's `$1`, `$2`, … A pure function, not cached: a conversion costs
 * 1–6 µs (100,000 conversions of a 340- and a 2,450-character report query: 80–100 ms and
 * 500–560 ms on 2 shared cores), far below one query's round trip, and a cache keyed by SQL text
 * would grow with every distinct `IN (?, …)` length that {@link placeholders} produces.
 */
function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${(index += 1)}`);
}

/**
 * Runs a read query written with `?` placeholders (never inside literals) on either database:
 * PostgreSQL gets `$1`, `$2`, … Column aliases must be double-quoted to keep their case.
 */
export function selectRows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return rawQuery<T>(manager, isPostgres(manager.connection) ? numbered(sql) : sql, params);
}

/** Like {@link selectRows}, rows as arrays in select-list order (for scans of millions of rows). */
export function selectTuples(manager: EntityManager, sql: string, params: unknown[] = []): Promise<unknown[][]> {
  return rawTuples(manager, isPostgres(manager.connection) ? numbered(sql) : sql, params);
}

/** COUNT/SUM come back as strings (bigint, numeric) from PostgreSQL and as numbers from SQLite. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

/** Timestamps come back as UTC text from SQLite and as Date from PostgreSQL. */
export function timestamp(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`);
}

/** `?, ?, ?` for an IN list of `count` values (at least one). */
export function placeholders(count: number): string {
  return Array.from({ length: Math.max(1, count) }, () => '?').join(', ');
}

/** The condition that makes a region a municipality for the reports (alias `r`, two parameters). */
export const MUNICIPALITY_CONDITION = "r.level = 'gemeinde' AND r.is_current = ? AND r.is_unincorporated = ?";

/** Parameters of {@link MUNICIPALITY_CONDITION}: current, not a gemeindefreies Gebiet. */
export const MUNICIPALITY_PARAMS: unknown[] = [true, false];
