import type { EntityManager } from 'typeorm';
import { bulkInsert, selectWhereIn, timestampValue, type BulkValue } from '../../entities/bulk-write';
import { operatorSnapshot } from '../../lib/inventory/operator-snapshot';
import { recordContent, storedRecordContent, type RecordContent } from '../../lib/inventory/record-content';
import type { Actor } from '../../lib/principal';
import type { Progress } from '../progress';
import type { PlannedOperator } from './inventory-operators';
import type { InventoryPlan, RecordChange } from './inventory-plan';

/** What the writer needs besides the plan. */
export interface InventoryWriteContext {
  actor: Actor;
  importRunId: number;
  progress: Progress;
  now: Date;
}

const RECORD_COLUMNS = [
  'region_id',
  'component_id',
  'status',
  'operator_id',
  'product',
  'valid_from',
  'valid_to',
  'note',
  'serves_members',
  'source',
  'created_at',
  'updated_at',
];
/** On conflict everything but the key and `created_at` is overwritten. */
const RECORD_UPDATES = RECORD_COLUMNS.filter((c) => !['region_id', 'component_id', 'created_at'].includes(c));

const AUDIT_COLUMNS = [
  'occurred_at',
  'actor',
  'actor_kind',
  'request_id',
  'action',
  'entity_type',
  'entity_key',
  'region_id',
  'import_run_id',
  'before',
  'after',
];

/** Creates the planned operators and fills in their ids. */
async function insertOperators(tx: EntityManager, operators: PlannedOperator[], now: BulkValue): Promise<void> {
  if (operators.length === 0) return;
  await bulkInsert(tx, {
    table: 'operators',
    columns: ['name', 'name_key', 'type', 'origin', 'created_at', 'updated_at'],
    rows: operators.map((o) => [o.name, o.nameKey, o.type, 'user', now, now]),
  });
  const ids = await selectWhereIn<{ id: number | string; nameKey: string }>(
    tx,
    (list) => `SELECT "id", "name_key" AS "nameKey" FROM "operators" WHERE "name_key" IN (${list})`,
    operators.map((o) => o.nameKey),
  );
  const byKey = new Map(ids.map((r) => [r.nameKey, Number(r.id)]));
  for (const operator of operators) operator.id = byKey.get(operator.nameKey);
}

function operatorId(change: RecordChange): number | null {
  if (change.operator === null) return null;
  const id = change.operator.id;
  if (id === undefined) throw new Error(`operator ${change.operator.name} was not created`);
  return id;
}

function* recordRows(changes: RecordChange[], now: BulkValue): Generator<BulkValue[]> {
  for (const c of changes) {
    yield [
      c.region.id,
      c.component.id,
      c.status,
      operatorId(c),
      c.product,
      c.validFrom,
      c.validTo,
      c.note,
      c.servesMembers,
      'import',
      now,
      now,
    ];
  }
}

async function upsertRecords(
  tx: EntityManager,
  changes: RecordChange[],
  now: BulkValue,
  progress: Progress,
): Promise<void> {
  await bulkInsert(
    tx,
    {
      table: 'component_records',
      columns: RECORD_COLUMNS,
      rows: recordRows(changes, now),
      onConflict: { target: ['region_id', 'component_id'], update: RECORD_UPDATES },
    },
    (n) => progress.advance(n),
  );
}

/** The changes of each municipality, in file order. */
function byMunicipality(changes: RecordChange[]): RecordChange[][] {
  const groups = new Map<number, RecordChange[]>();
  for (const change of changes) {
    const group = groups.get(change.region.id);
    if (group) group.push(change);
    else groups.set(change.region.id, [change]);
  }
  return [...groups.values()];
}

/**
 * The audit rows: one `operator.created` per new operator, then one `inventory.imported` per
 * municipality whose before/after map component → snapshot of the changed components only.
 * Built one at a time while they are written (see {@link BulkInsert.rows}).
 */
function* auditRows(plan: InventoryPlan, context: InventoryWriteContext, at: BulkValue): Generator<BulkValue[]> {
  const { name, kind } = context.actor.principal;
  const { requestId } = context.actor;
  const run = context.importRunId;
  for (const o of plan.newOperators) {
    const after = JSON.stringify(operatorSnapshot(o));
    yield [at, name, kind, requestId, 'operator.created', 'operator', String(o.id), null, run, null, after];
  }
  for (const group of byMunicipality(plan.changes)) {
    const before: Record<string, RecordContent | null> = {};
    const after: Record<string, RecordContent> = {};
    for (const change of group) {
      before[change.component.code] = change.stored ? storedRecordContent(change.stored) : null;
      after[change.component.code] = recordContent(change);
    }
    const { id, key } = group[0].region;
    yield [
      at,
      name,
      kind,
      requestId,
      'inventory.imported',
      'inventory',
      key,
      id,
      run,
      JSON.stringify(before),
      JSON.stringify(after),
    ];
  }
}

/**
 * Writes a checked plan inside the caller's transaction: new operators first (their ids are
 * needed), then every created or changed record in multi-row upserts, then the audit log —
 * one `operator.created` per new operator and one `inventory.imported` per municipality, so
 * a municipality's history shows the import as one entry.
 */
export async function writeInventoryPlan(
  tx: EntityManager,
  plan: InventoryPlan,
  context: InventoryWriteContext,
): Promise<void> {
  const now = timestampValue(tx, context.now);
  context.progress.start(plan.changes.length, 'Bestand schreiben');
  try {
    await insertOperators(tx, plan.newOperators, now);
    await upsertRecords(tx, plan.changes, now, context.progress);
    await bulkInsert(tx, { table: 'audit_events', columns: AUDIT_COLUMNS, rows: auditRows(plan, context, now) });
  } finally {
    context.progress.stop();
  }
}
