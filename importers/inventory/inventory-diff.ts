import type { Component } from '../../entities';
import {
  cleanText,
  recordRuleProblems,
  servesMembersProblem,
  type RecordSnapshot,
} from '../../services/inventory.service';
import type { RegionRef, StoredRecord } from './inventory-lookup';
import type { OperatorChoice } from './inventory-operators';
import type { RecordChange } from './inventory-plan';
import type { InventoryRow } from './inventory-rows';

/**
 * A record's snapshot inside an `inventory.imported` audit event, whose before/after map the
 * component code to it: the API's RecordSnapshot without the `component` the key already names.
 */
export type ComponentSnapshot = Omit<RecordSnapshot, 'component'>;

/** The snapshot of a stored record (the audit log's `before`). */
export function storedSnapshot(stored: StoredRecord): ComponentSnapshot {
  return {
    status: stored.status,
    operator: stored.operatorId === null ? null : { name: stored.operatorName ?? '', type: stored.operatorType ?? '' },
    product: stored.product,
    validFrom: stored.validFrom,
    validTo: stored.validTo,
    note: stored.note,
    servesMembers: stored.servesMembers,
  };
}

/** The snapshot of a record after the change (the audit log's `after`). */
export function changeSnapshot(change: RecordChange): ComponentSnapshot {
  const { operator } = change;
  return {
    status: change.status,
    operator: operator ? { name: operator.name, type: operator.type } : null,
    product: change.product,
    validFrom: change.validFrom,
    validTo: change.validTo,
    note: change.note,
    servesMembers: change.servesMembers,
  };
}

/** True when the change leaves the stored record as it is (same content as the API compares it). */
function isUnchanged(change: RecordChange, stored: StoredRecord): boolean {
  const operator = change.operator;
  return (
    stored.source !== 'demo' &&
    change.status === stored.status &&
    change.product === stored.product &&
    change.validFrom === stored.validFrom &&
    change.validTo === stored.validTo &&
    change.note === stored.note &&
    change.servesMembers === stored.servesMembers &&
    (operator === null
      ? stored.operatorId === null
      : stored.operatorId !== null && operator.name === stored.operatorName && operator.type === stored.operatorType)
  );
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
 * when the content is equal (whitespace and empty cells as the API treats them), or
 * undefined after reporting a broken rule (`valid_to` before `valid_from`) through `fail`.
 * Columns missing from the file keep the stored values; a stored demo record always changes
 * (to an imported one), and status `not-used` clears operator and product.
 */
export function diffRow(
  row: InventoryRow,
  region: RegionRef,
  component: Component,
  operator: OperatorChoice | undefined,
  stored: StoredRecord | undefined,
  fail: (detail: string) => undefined,
): RecordChange | 'unchanged' | undefined {
  // As the API: "nicht genutzt" has no operator and no product.
  const notUsed = row.status === 'not-used';
  const change: RecordChange = {
    region,
    component,
    stored,
    status: row.status as RecordChange['status'],
    operator: notUsed ? null : operator === undefined ? storedOperator(stored) : operator,
    product: notUsed ? null : cleanText(keep(row.product, stored?.product)),
    validFrom: keep(row.validFrom, stored?.validFrom),
    validTo: keep(row.validTo, stored?.validTo),
    note: cleanText(keep(row.note, stored?.note)),
    servesMembers: row.servesMembers === undefined ? (stored?.servesMembers ?? false) : row.servesMembers === true,
  };
  const servesMembers = servesMembersProblem(region.level, change.servesMembers);
  if (servesMembers)
    return fail(`Für die Gemeinden betrieben geht ${servesMembers}; ${region.key} ist kein Landkreis.`);
  if (
    change.validFrom &&
    change.validTo &&
    recordRuleProblems({ status: change.status, validFrom: change.validFrom, validTo: change.validTo }, '').length > 0
  ) {
    return fail(
      `Das Ende (${change.validTo}) liegt vor dem Beginn (${change.validFrom}); valid_to darf nicht vor valid_from liegen.`,
    );
  }
  return stored && isUnchanged(change, stored) ? 'unchanged' : change;
}
