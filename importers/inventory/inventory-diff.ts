import type { Component } from '../../entities';
import { leavesRecordUnchanged } from '../../lib/inventory/record-content';
import {
  endsBeforeStart,
  recordValues,
  servesMembersProblem,
  type RecordValues,
} from '../../lib/inventory/record-rules';
import type { ComponentStatus } from '../../lib/vocabulary';
import type { RegionRef, StoredRecord } from './inventory-lookup';
import type { OperatorChoice } from './inventory-operators';
import type { InventoryRow } from './inventory-rows';

/** One record to create or update: the values it stores. Its audit snapshots are built when it is written. */
export interface RecordChange extends RecordValues<Exclude<OperatorChoice, null>> {
  region: RegionRef;
  component: Component;
  /** The record as stored; undefined for a new one. */
  stored: StoredRecord | undefined;
}

/** A field of the row, or the stored value when the file has no such column. */
function keep(value: string | null | undefined, stored: string | null | undefined): string | null {
  return value === undefined ? (stored ?? null) : value;
}

function storedOperator(stored: StoredRecord | undefined): OperatorChoice {
  if (!stored || stored.operatorId === null) return null;
  return { id: stored.operatorId, name: stored.operatorName ?? '', type: stored.operatorType ?? '' };
}

/**
 * Compares a checked row with the stored record. Returns the change to write, `'unchanged'`
 * when the content is equal, or undefined after reporting a broken rule (`valid_to` before
 * `valid_from`, `serves_members` outside a Landkreis) through `fail`. Columns missing from the
 * file keep the stored values; the rest follows the API's rules (`lib/inventory/`): what a
 * record stores for an input, and that a stored demo record is never unchanged.
 */
export function diffRow(
  row: InventoryRow,
  region: RegionRef,
  component: Component,
  operator: OperatorChoice | undefined,
  stored: StoredRecord | undefined,
  fail: (detail: string) => undefined,
): RecordChange | 'unchanged' | undefined {
  const change: RecordChange = {
    region,
    component,
    stored,
    ...recordValues({
      status: row.status as ComponentStatus,
      operator: operator === undefined ? storedOperator(stored) : operator,
      product: keep(row.product, stored?.product),
      validFrom: keep(row.validFrom, stored?.validFrom),
      validTo: keep(row.validTo, stored?.validTo),
      note: keep(row.note, stored?.note),
      servesMembers: row.servesMembers === undefined ? (stored?.servesMembers ?? false) : row.servesMembers === true,
    }),
  };
  const servesMembers = servesMembersProblem(region.level, change.servesMembers);
  if (servesMembers)
    return fail(`Für die Gemeinden betrieben geht ${servesMembers}; ${region.key} ist kein Landkreis.`);
  if (endsBeforeStart(change.validFrom, change.validTo)) {
    return fail(
      `Das Ende (${change.validTo}) liegt vor dem Beginn (${change.validFrom}); valid_to darf nicht vor valid_from liegen.`,
    );
  }
  return leavesRecordUnchanged(stored, change) ? 'unchanged' : change;
}
