import { In, type EntityManager } from 'typeorm';
import { ComponentRecord, Offering, type Region } from '../entities';
import type { Entry } from './region-successor-plan';

/** `move` re-points the old region's rows to the successor; `copy` leaves them and copies them. */
export type SuccessorMode = 'move' | 'copy';

/** Deletes rows by id; the successor's rows a predecessor's replace, audited by the caller. */
async function deleteRows(
  tx: EntityManager,
  entity: typeof ComponentRecord | typeof Offering,
  rows: Entry<unknown>[],
): Promise<void> {
  if (rows.length > 0) await tx.delete(entity, { id: In(rows.map((r) => r.id)) });
}

/** Re-points rows to the successor (`move`). */
async function repoint(
  tx: EntityManager,
  entity: typeof ComponentRecord | typeof Offering,
  rows: Entry<unknown>[],
  successor: Region,
): Promise<void> {
  await tx
    .createQueryBuilder()
    .update(entity)
    .set({ regionId: successor.id })
    .where('id IN (:...ids)', { ids: rows.map((r) => r.id) })
    .execute();
}

/**
 * Moves or copies component records to the successor, after deleting the successor's records
 * that the predecessor's replace (so the unique key region + component holds throughout).
 */
export async function transferRecords(
  tx: EntityManager,
  rows: Entry<unknown>[],
  replaced: Entry<unknown>[],
  successor: Region,
  mode: SuccessorMode,
): Promise<void> {
  await deleteRows(tx, ComponentRecord, replaced);
  if (rows.length === 0) return;
  if (mode === 'move') {
    await repoint(tx, ComponentRecord, rows, successor);
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

/** Moves or copies offerings to the successor, like {@link transferRecords} (unique key region + Leistung + source). */
export async function transferOfferings(
  tx: EntityManager,
  rows: Entry<unknown>[],
  replaced: Entry<unknown>[],
  successor: Region,
  mode: SuccessorMode,
): Promise<void> {
  await deleteRows(tx, Offering, replaced);
  if (rows.length === 0) return;
  if (mode === 'move') {
    await repoint(tx, Offering, rows, successor);
    return;
  }
  const originals = await tx.findBy(Offering, { id: In(rows.map((r) => r.id)) });
  const copies = originals.map((o) =>
    tx.create(Offering, {
      regionId: successor.id,
      leistungId: o.leistungId,
      source: o.source,
      url: o.url,
      status: o.status,
      maturityModel: o.maturityModel,
      maturityLevel: o.maturityLevel,
      maturityCriteria: o.maturityCriteria,
      flaechendeckend: o.flaechendeckend,
      coverageRaw: o.coverageRaw,
      note: o.note,
      sourceRef: o.sourceRef,
      importRunId: o.importRunId,
    }),
  );
  // NOTE: chunked because SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < copies.length; i += 500) await tx.insert(Offering, copies.slice(i, i + 500));
}
