import type { EntityManager } from 'typeorm';
import { rawQuery, rawTuples } from '../../entities/raw-query';
import { isPostgres } from '../../entities/transaction';

/**
 * Helpers for the reports' hand-written, set-based SQL. Reports aggregate thousands of
 * municipalities at once; TypeORM's query builder and entity hydration cost more than the
 * queries themselves there, so they run plain SQL through `rawQuery` (prepared statements on
 * SQLite) and convert the few driver differences here.
 */

const numbered = new Map<string, string>();

/**
 * Runs a read query written with `?` placeholders (never inside literals) on either database:
 * PostgreSQL gets `$1`, `$2`, … Column aliases must be double-quoted to keep their case.
 */
export function selectRows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  if (!isPostgres(manager.connection)) return rawQuery<T>(manager, sql, params);
  let converted = numbered.get(sql);
  if (!converted) {
    let index = 0;
    converted = sql.replace(/\?/g, () => `$${(index += 1)}`);
    numbered.set(sql, converted);
  }
  return rawQuery<T>(manager, converted, params);
}

/** Like {@link selectRows}, rows as arrays in select-list order (for scans of millions of rows). */
export function selectTuples(manager: EntityManager, sql: string, params: unknown[] = []): Promise<unknown[][]> {
  if (!isPostgres(manager.connection)) return rawTuples(manager, sql, params);
  let index = 0;
  return rawTuples(
    manager,
    sql.replace(/\?/g, () => `$${(index += 1)}`),
    params,
  );
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
