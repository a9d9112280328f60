import { In, type DataSource, type EntityManager } from 'typeorm';
import { ComponentRecord, Region, type Component } from '../entities';
import { inTransaction, isPostgres } from '../entities/transaction';
import { ConflictError, InputError } from '../lib/errors';
import { MUNICIPAL_LEVELS } from '../lib/keys';
import type { Actor } from '../lib/principal';
import { recordAuditBatch } from './audit.service';
import { componentsByCode } from './component.service';
import { readRecordRows, rowView, snapshotOfView, type RecordRow, type RecordSnapshot } from './inventory-views';
import { findRegion } from './region.service';

/** `move` re-points the old region's records to the successor; `copy` leaves them and copies them. */
export type SuccessorMode = 'move' | 'copy';

/** Input of {@link mapSuccessor}. */
export interface SuccessorInput {
  oldKey: string;
  newKey: string;
  mode: SuccessorMode;
  actor: Actor;
}

/** What a successor mapping did. */
export interface SuccessorSummary {
  from: { key: string; name: string; retiredGebietsstand: string | null };
  to: { key: string; name: string };
  mode: SuccessorMode;
  /** Component codes moved or copied to the successor. */
  transferred: string[];
  /** Component codes the successor already had: its own record was kept, the old one left alone. */
  skipped: string[];
}

/** Why a region cannot be mapped: not retired, successor retired, levels that hold no inventory. */
function assertMappable(old: Region, successor: Region): void {
  if (old.key === successor.key) {
    throw new InputError('Ein Gebiet kann nicht sein eigener Nachfolger sein.', [
      { pointer: '#/successor', detail: 'Nachfolger muss ein anderes Gebiet sein' },
    ]);
  }
  if (!MUNICIPAL_LEVELS.includes(old.level) || old.level !== successor.level) {
    throw new InputError('Nachfolger nur zwischen Gebieten derselben Ebene, die Bestandsdaten haben können.', [
      {
        pointer: '#/successor',
        detail: `${old.name} (${old.key}) ist ${old.level}, ${successor.name} (${successor.key}) ist ${successor.level}; erlaubt sind Gemeinde, Gemeindeverband und Kreis auf derselben Ebene`,
      },
    ]);
  }
  if (old.isCurrent) {
    throw new ConflictError(
      `${old.name} (${old.key}) steht noch im aktuellen Gemeindeverzeichnis; ein Nachfolger lässt sich erst zuordnen, wenn das Gebiet nicht mehr geführt wird.`,
    );
  }
  if (!successor.isCurrent) {
    throw new ConflictError(
      `${successor.name} (${successor.key}) wird selbst nicht mehr geführt und kann kein Nachfolger sein.`,
    );
  }
}

/** Serialises writers of both regions on PostgreSQL (SQLite transactions are queued anyway). */
async function lockRegions(tx: EntityManager, ids: number[]): Promise<void> {
  if (!isPostgres(tx.connection)) return;
  await tx
    .createQueryBuilder(Region, 'r')
    .setLock('pessimistic_write')
    .where('r.id IN (:...ids)', { ids })
    .orderBy('r.id')
    .getMany();
}

/** Moves (re-points) or copies the given records to the successor. */
async function transferRecords(
  tx: EntityManager,
  rows: RecordRow[],
  successor: Region,
  mode: SuccessorMode,
): Promise<void> {
  if (rows.length === 0) return;
  if (mode === 'move') {
    await tx
      .createQueryBuilder()
      .update(ComponentRecord)
      .set({ regionId: successor.id })
      .where('id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .execute();
    return;
  }
  const originals = await tx.findBy(ComponentRecord, { id: In(rows.map((r) => r.id)) });
  const copies = originals.map((r) =>
    tx.create(ComponentRecord, {
      regionId: successor.id,
      componentId: r.componentId,
      status: r.status,
      operatorId: r.operatorId,
      product: r.product,
      validFrom: r.validFrom,
      validTo: r.validTo,
      note: r.note,
      servesMembers: r.servesMembers,
      source: r.source,
    }),
  );
  await tx.insert(ComponentRecord, copies);
}

async function auditMapping(
  tx: EntityManager,
  actor: Actor,
  context: {
    old: Region;
    successor: Region;
    previous: string | null;
    mode: SuccessorMode;
    moved: RecordSnapshot[];
    skipped: string[];
  },
): Promise<void> {
  const { old, successor, previous, mode, moved, skipped } = context;
  await recordAuditBatch(tx, actor, [
    {
      action: 'region.successor-mapped',
      entityType: 'region',
      entityKey: old.key,
      regionId: old.id,
      before: { successorKey: previous },
      after: { successorKey: successor.key, mode, components: moved, skipped },
    },
    {
      action: mode === 'move' ? 'region.records-moved-in' : 'region.records-copied-in',
      entityType: 'region',
      entityKey: successor.key,
      regionId: successor.id,
      before: null,
      after: { predecessorKey: old.key, mode, components: moved, skipped },
    },
  ]);
}

/**
 * Maps a region that is no longer in the Gemeindeverzeichnis to its successor (admin only):
 * sets `successorKey` and moves or copies its component records to the successor. Where the
 * successor already has a record for a component, the successor's record is kept and the
 * component reported as skipped (in `move` mode the old record stays where it is). Both regions
 * get an audit event. The old region must be retired and the successor current, on the same
 * level that can hold an inventory (Gemeinde, Gemeindeverband or Kreis).
 */
export async function mapSuccessor(dataSource: DataSource, input: SuccessorInput): Promise<SuccessorSummary> {
  return inTransaction(dataSource, async (tx) => {
    const old = await findRegion(tx, input.oldKey);
    const successor = await findRegion(tx, input.newKey);
    assertMappable(old, successor);
    await lockRegions(tx, [old.id, successor.id]);
    const catalogue = [...(await componentsByCode(tx)).values()];
    const component = (id: number) => catalogue.find((c) => c.id === id) as Component;
    const taken = new Set((await readRecordRows(tx, successor.id)).map((r) => r.componentId));
    const rows = await readRecordRows(tx, old.id);
    const transfer = rows.filter((r) => !taken.has(r.componentId));
    const skipped = rows.filter((r) => taken.has(r.componentId)).map((r) => component(r.componentId).code);
    await transferRecords(tx, transfer, successor, input.mode);
    await tx.update(Region, { id: old.id }, { successorKey: successor.key });
    const moved = transfer.map((r) => snapshotOfView(rowView(r, component(r.componentId))));
    await auditMapping(tx, input.actor, {
      old,
      successor,
      previous: old.successorKey,
      mode: input.mode,
      moved,
      skipped,
    });
    return {
      from: { key: old.key, name: old.name, retiredGebietsstand: old.retiredGebietsstand },
      to: { key: successor.key, name: successor.name },
      mode: input.mode,
      transferred: moved.map((m) => m.component),
      skipped,
    };
  });
}
