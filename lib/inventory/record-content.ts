import type { ComponentStatus } from '../vocabulary';

/**
 * What a component record says, without ids, timestamps or where it came from: what change
 * detection compares and what the audit log stores. The API's `component-record.*` events
 * carry it with the component code ({@link RecordSnapshot}); an `inventory.imported` event
 * maps each component code to it.
 */
export interface RecordContent {
  status: ComponentStatus;
  operator: { name: string; type: string } | null;
  product: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  servesMembers: boolean;
}

/** The audit snapshot of one record: its content and which component it is for. */
export interface RecordSnapshot extends RecordContent {
  component: string;
}

/** Anything that carries a record's content with its operator as an object (a view, a planned change). */
export interface RecordContentSource extends Omit<RecordContent, 'operator'> {
  operator: { name: string; type: string } | null;
}

/**
 * A stored record as the database returns it: the operator flat (id, name, type) from a
 * join, and `source` (`demo` for generated records).
 */
export interface StoredRecordFields extends Omit<RecordContent, 'operator'> {
  operatorId: number | null;
  operatorName: string | null;
  operatorType: string | null;
  source: string;
}

/** The content of a record, operator reduced to name and type (its id is not content: a merge keeps it). */
export function recordContent(record: RecordContentSource): RecordContent {
  const { operator } = record;
  return {
    status: record.status,
    operator: operator ? { name: operator.name, type: operator.type } : null,
    product: record.product,
    validFrom: record.validFrom,
    validTo: record.validTo,
    note: record.note,
    servesMembers: record.servesMembers,
  };
}

/** The content of a stored record (flat operator columns). */
export function storedRecordContent(stored: StoredRecordFields): RecordContent {
  return recordContent({
    ...stored,
    operator: stored.operatorId === null ? null : { name: stored.operatorName ?? '', type: stored.operatorType ?? '' },
  });
}

/** The snapshot of a record for the audit log of a single-record write. */
export function recordSnapshot(component: string, record: RecordContentSource): RecordSnapshot {
  return { component, ...recordContent(record) };
}

/** True when two records say the same: every content field equal, operators by name and type. */
export function sameRecordContent(a: RecordContent, b: RecordContent): boolean {
  return (
    a.status === b.status &&
    a.product === b.product &&
    a.validFrom === b.validFrom &&
    a.validTo === b.validTo &&
    a.note === b.note &&
    a.servesMembers === b.servesMembers &&
    (a.operator === null || b.operator === null
      ? a.operator === b.operator
      : a.operator.name === b.operator.name && a.operator.type === b.operator.type)
  );
}

/**
 * True when writing `next` would leave the stored record as it is, so nothing is written and
 * nothing audited. A demo record is never unchanged: whoever saves or imports it vouches for
 * it, and it stops being demo data even with the same content. The API and the import ask here.
 */
export function leavesRecordUnchanged(stored: StoredRecordFields | undefined, next: RecordContent): boolean {
  return stored !== undefined && stored.source !== 'demo' && sameRecordContent(storedRecordContent(stored), next);
}
