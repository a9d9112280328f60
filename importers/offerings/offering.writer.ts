import type { EntityManager } from 'typeorm';
import { bulkInsert, timestampValue, type BulkValue } from '../../entities/bulk-write';
import type { Actor } from '../../lib/principal';
import { recordAuditBatch, type AuditEntry } from '../../services/audit.service';
import type { OfferingChange, OfferingPlan, OfferingSnapshot } from './offering-plan';

const COLUMNS = [
  'region_id',
  'leistung_id',
  'source',
  'url',
  'status',
  'maturity_model',
  'maturity_level',
  'maturity_criteria',
  'flaechendeckend',
  'coverage_raw',
  'note',
  'import_run_id',
  'created_at',
  'updated_at',
];
/** On conflict everything but the key and `created_at` is overwritten. */
const UPDATES = COLUMNS.filter((c) => !['region_id', 'leistung_id', 'source', 'created_at'].includes(c));

function* offeringRows(changes: OfferingChange[], importRunId: number, at: BulkValue): Generator<BulkValue[]> {
  for (const { region, leistung, after } of changes) {
    const { maturity } = after;
    yield [
      region.id,
      leistung.id,
      'dashboard',
      after.url,
      after.status,
      maturity?.model ?? null,
      maturity?.level ?? null,
      maturity?.criteria ? JSON.stringify(maturity.criteria) : null,
      after.flaechendeckend,
      after.coverageRaw,
      after.note,
      importRunId,
      at,
      at,
    ];
  }
}

/** One `offerings.imported` event per area, before/after mapping Leistungsschlüssel → snapshot. */
function auditEntries(changes: OfferingChange[], importRunId: number): AuditEntry[] {
  const byRegion = new Map<number, OfferingChange[]>();
  for (const change of changes) {
    const group = byRegion.get(change.region.id);
    if (group) group.push(change);
    else byRegion.set(change.region.id, [change]);
  }
  return [...byRegion.values()].map((group) => {
    const before: Record<string, OfferingSnapshot | null> = {};
    const after: Record<string, OfferingSnapshot> = {};
    for (const change of group) {
      before[change.leistung.schluessel] = change.before;
      after[change.leistung.schluessel] = change.after;
    }
    const { id, key } = group[0].region;
    return {
      action: 'offerings.imported',
      entityType: 'offerings',
      entityKey: key,
      regionId: id,
      importRunId,
      before,
      after,
    };
  });
}

/**
 * Writes a checked plan inside the caller's transaction: every created or changed offering of
 * source `dashboard` in multi-row upserts (area + Leistung + source), then one audit event per
 * changed area, so an area's history shows the import as one entry.
 */
export async function writeOfferingPlan(
  tx: EntityManager,
  plan: OfferingPlan,
  context: { actor: Actor; importRunId: number; now: Date },
): Promise<void> {
  const at = timestampValue(tx, context.now);
  await bulkInsert(tx, {
    table: 'offerings',
    columns: COLUMNS,
    rows: offeringRows(plan.changes, context.importRunId, at),
    onConflict: { target: ['region_id', 'leistung_id', 'source'], update: UPDATES },
  });
  await recordAuditBatch(tx, context.actor, auditEntries(plan.changes, context.importRunId));
}
