import { MUNICIPAL_LEVELS, type RegionLevel } from '../keys';
import type { Principal } from '../principal';

/** The columns of a region the write rule reads: its level, its own and its ancestors' keys, whether it is current. */
export interface WriteTarget {
  key: string;
  level: RegionLevel;
  landKey: string;
  rbKey: string | null;
  kreisKey: string | null;
  verbandKey: string | null;
  isCurrent: boolean;
  /** Key of the successor an admin mapped a retired municipality to. */
  successorKey: string | null;
}

/**
 * Why a municipality's data may not be written, as a value: each channel words it itself
 * (the API as a 404/403/409 problem, an import as a row problem).
 * - `not-municipal`: not a Gemeinde, Gemeindeverband or Kreis — it holds no inventory;
 * - `read-only`: the principal only reads;
 * - `outside-scope`: an editor whose scopes do not cover the municipality (`scopes` for the message);
 * - `retired`: no longer in the current Gemeindeverzeichnis — its records stay readable, new
 *   data belongs to its successor (`successorKey` when an admin mapped one).
 */
export type WriteRefusal =
  | { refused: 'not-municipal' }
  | { refused: 'read-only' }
  | { refused: 'outside-scope'; scopes: readonly string[] }
  | { refused: 'retired'; successorKey: string | null };

/** The keys of a region and of all its ancestors: an editor scoped to any of them may write it. */
export function scopeKeysOf(region: Omit<WriteTarget, 'level' | 'isCurrent' | 'successorKey'>): string[] {
  return [region.key, region.landKey, region.rbKey, region.kreisKey, region.verbandKey].filter(
    (k): k is string => typeof k === 'string',
  );
}

/** Why the principal may not write this region's data at all (role and scope), or null. */
export function scopeRefusal(
  principal: Principal,
  region: Omit<WriteTarget, 'level' | 'isCurrent' | 'successorKey'>,
): Extract<WriteRefusal, { refused: 'read-only' | 'outside-scope' }> | null {
  if (principal.role === 'admin') return null;
  if (principal.role !== 'editor') return { refused: 'read-only' };
  const keys = scopeKeysOf(region);
  return principal.scopes.some((scope) => keys.includes(scope))
    ? null
    : { refused: 'outside-scope', scopes: principal.scopes };
}

/**
 * Why the principal may not write this municipality's data, or null when it may. Checked in
 * this order, the order the API answers in: not a municipality, not the principal's to write,
 * retired. The single-record services and the bulk import planners ask here.
 */
export function writeRefusal(principal: Principal, region: WriteTarget): WriteRefusal | null {
  if (!MUNICIPAL_LEVELS.includes(region.level)) return { refused: 'not-municipal' };
  const scope = scopeRefusal(principal, region);
  if (scope) return scope;
  return region.isCurrent ? null : { refused: 'retired', successorKey: region.successorKey };
}
