import type { DataSource, EntityManager } from 'typeorm';
import { Region } from '../entities';
import { inTransaction, isPostgres } from '../entities/transaction';
import { ConflictError, InputError } from '../lib/errors';
import { MUNICIPAL_LEVELS } from '../lib/keys';
import type { Actor } from '../lib/principal';
import { recordAuditBatch, type AuditEntry } from './audit.service';
import { findRegion } from './region.service';
import {
  planTransfer,
  rowsToWrite,
  unresolvedConflicts,
  type ConflictResolutions,
  type Entry,
  type KindSplit,
  type OfferingRef,
  type SuccessorConflict,
  type TransferPlan,
} from './region-successor-plan';
import { transferOfferings, transferRecords, type SuccessorMode } from './region-successor-transfer';

export type { SuccessorMode } from './region-successor-transfer';
export type { ConflictResolutions, ConflictSide, SuccessorConflict } from './region-successor-plan';
export { unresolvedConflicts } from './region-successor-plan';

/** Input of {@link mapSuccessor}. */
export interface SuccessorInput {
  oldKey: string;
  newKey: string;
  mode: SuccessorMode;
  actor: Actor;
  /** Compute and report, write nothing. */
  dryRun?: boolean;
  /** Per conflict (component code or Leistungsschlüssel) which side's entry stays. */
  resolutions?: ConflictResolutions;
}

/** What a successor mapping did, or in a dry run would do. */
export interface SuccessorResult {
  from: { key: string; name: string; retiredGebietsstand: string | null };
  to: { key: string; name: string };
  mode: SuccessorMode;
  dryRun: boolean;
  /** False in a dry run and when conflicts lack a choice: then nothing was written. */
  applied: boolean;
  /** Entries the successor lacked, and those it takes over by the admin's choice. */
  transferred: { components: string[]; offerings: OfferingRef[] };
  /** Entries the successor already holds with the same content: nothing to decide, nothing lost. */
  identical: { components: string[]; offerings: OfferingRef[] };
  conflicts: SuccessorConflict[];
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

const offeringRef = (e: Entry<{ source: OfferingRef['source'] }>): OfferingRef => ({
  leistung: e.key,
  source: e.snapshot.source,
});

function resultOf(
  old: Region,
  successor: Region,
  plan: TransferPlan,
  input: SuccessorInput,
  applied: boolean,
): SuccessorResult {
  const resolutions = input.resolutions ?? {};
  const components = rowsToWrite(plan.components, resolutions).transfer;
  const offerings = rowsToWrite(plan.offerings, resolutions).transfer;
  return {
    from: { key: old.key, name: old.name, retiredGebietsstand: old.retiredGebietsstand },
    to: { key: successor.key, name: successor.name },
    mode: input.mode,
    dryRun: input.dryRun ?? false,
    applied,
    transferred: { components: components.map((e) => e.key), offerings: offerings.map(offeringRef) },
    identical: {
      components: plan.components.identical.map((e) => e.key),
      offerings: plan.offerings.identical.map(offeringRef),
    },
    conflicts: plan.conflicts,
  };
}

/** One audit event per successor entry a predecessor's replaced: its history shows the change. */
function replacementEvents<S>(
  successor: Region,
  replaced: { predecessor: Entry<S>; successor: Entry<S> }[],
  action: string,
  entityType: string,
): AuditEntry[] {
  return replaced.map((r) => ({
    action,
    entityType,
    entityKey: `${successor.key}/${r.successor.key}`,
    regionId: successor.id,
    before: r.successor.snapshot as object,
    after: r.predecessor.snapshot as object,
  }));
}

/**
 * The audit trail of a mapping: on the retired region `region.successor-mapped`, on the
 * successor `region.records-moved-in` (or `-copied-in`), both with what was transferred, what
 * was already there and every conflict with both values and the choice, so the side that was
 * not kept stays on record; plus `component-record.replaced` / `offering.replaced` on the
 * successor for each of its entries a predecessor's replaced.
 */
async function auditMapping(
  tx: EntityManager,
  input: SuccessorInput,
  context: { old: Region; successor: Region; plan: TransferPlan },
): Promise<void> {
  const { old, successor, plan } = context;
  const resolutions = input.resolutions ?? {};
  const components = rowsToWrite(plan.components, resolutions);
  const offerings = rowsToWrite(plan.offerings, resolutions);
  const contents = {
    mode: input.mode,
    components: components.transfer.map((e) => e.snapshot),
    offerings: offerings.transfer.map((e) => e.snapshot),
    identical: {
      components: plan.components.identical.map((e) => e.key),
      offerings: plan.offerings.identical.map(offeringRef),
    },
    conflicts: plan.conflicts,
  };
  await recordAuditBatch(tx, input.actor, [
    ...replacementEvents(successor, components.replaced, 'component-record.replaced', 'component-record'),
    ...replacementEvents(successor, offerings.replaced, 'offering.replaced', 'offering'),
    {
      action: 'region.successor-mapped',
      entityType: 'region',
      entityKey: old.key,
      regionId: old.id,
      before: { successorKey: old.successorKey },
      after: { successorKey: successor.key, ...contents },
    },
    {
      action: input.mode === 'move' ? 'region.records-moved-in' : 'region.records-copied-in',
      entityType: 'region',
      entityKey: successor.key,
      regionId: successor.id,
      before: null,
      after: { predecessorKey: old.key, ...contents },
    },
  ]);
}

async function writeKind<S>(
  split: KindSplit<S>,
  resolutions: ConflictResolutions,
  write: (rows: Entry<S>[], replaced: Entry<S>[]) => Promise<void>,
): Promise<void> {
  const { transfer, replaced } = rowsToWrite(split, resolutions);
  await write(
    transfer,
    replaced.map((r) => r.successor),
  );
}

/** Reads both regions and plans the transfer; inside a transaction with both regions locked. */
async function openMapping(
  manager: EntityManager,
  input: SuccessorInput,
  lock: boolean,
): Promise<{ old: Region; successor: Region; plan: TransferPlan }> {
  const old = await findRegion(manager, input.oldKey);
  const successor = await findRegion(manager, input.newKey);
  assertMappable(old, successor);
  if (lock) await lockRegions(manager, [old.id, successor.id]);
  const plan = await planTransfer(manager, old, successor, input.resolutions ?? {});
  return { old, successor, plan };
}

/**
 * Maps a region that is no longer in the Gemeindeverzeichnis to its successor (admin only):
 * sets `successorKey` and moves or copies its component records and online offerings to the
 * successor, in one transaction with the audit events (see `auditMapping`). An entry the
 * successor already holds (from its own data or an earlier predecessor's mapping) is a
 * conflict unless both say the same: then the mapping writes nothing and returns the conflicts
 * with both values (`applied: false`) until `resolutions` names for each which side stays. A
 * kept successor entry leaves the predecessor's where it is (`move`); a kept predecessor entry
 * replaces the successor's. `dryRun` plans and reports the same without writing. The old
 * region must be retired and the successor current, on a level that holds an inventory
 * (Gemeinde, Gemeindeverband or Kreis).
 */
export async function mapSuccessor(dataSource: DataSource, input: SuccessorInput): Promise<SuccessorResult> {
  if (input.dryRun) {
    const { old, successor, plan } = await openMapping(dataSource.manager, input, false);
    return resultOf(old, successor, plan, input, false);
  }
  return inTransaction(dataSource, async (tx) => {
    const { old, successor, plan } = await openMapping(tx, input, true);
    if (unresolvedConflicts(plan.conflicts).length > 0) return resultOf(old, successor, plan, input, false);
    const resolutions = input.resolutions ?? {};
    await writeKind(plan.components, resolutions, (rows, replaced) =>
      transferRecords(tx, rows, replaced, successor, input.mode),
    );
    await writeKind(plan.offerings, resolutions, (rows, replaced) =>
      transferOfferings(tx, rows, replaced, successor, input.mode),
    );
    await tx.update(Region, { id: old.id }, { successorKey: successor.key });
    await auditMapping(tx, input, { old, successor, plan });
    return resultOf(old, successor, plan, input, true);
  });
}

/**
 * The German refusal of a mapping whose conflicts lack a choice: names the keys and how to
 * decide, in the API's terms. Shared by the API (409 detail) and the CLI.
 */
export function unresolvedDetail(result: SuccessorResult): string {
  const open = unresolvedConflicts(result.conflicts);
  const keys = [...new Set(open.map((c) => c.key))];
  return (
    `Zuordnung von ${result.from.name} (${result.from.key}) zu ${result.to.name} (${result.to.key}) nicht ausgeführt: ` +
    `${keys.length === 1 ? 'ein Konflikt' : `${keys.length} Konflikte`} ohne Entscheidung (${keys.join(', ')}). ` +
    `Beide haben dazu einen Eintrag mit unterschiedlichem Inhalt; für jeden Schlüssel angeben, welcher bleibt: ` +
    `„predecessor“ (der von ${result.from.name}) oder „successor“ (der von ${result.to.name}).`
  );
}
