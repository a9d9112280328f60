import type { EntityManager } from 'typeorm';
import { ComponentRecord, Operator } from '../entities';
import { isPostgres } from '../entities/transaction';
import { InputError, NotAllowedError, NotFoundError } from '../lib/errors';
import type { Actor } from '../lib/principal';
import { operatorSnapshot } from '../lib/inventory/operator-snapshot';
import { recordSnapshot } from '../lib/inventory/record-content';
import { searchKey } from '../lib/text';
import { recordAuditBatch, type AuditEntry } from './audit.service';
import { getOperator, type OperatorView } from './operator.service';

/** Which operator goes into which: `from` is the duplicate, `into` the one that stays. */
export interface MergeRequest {
  from: number;
  into: number;
}

/** What a merge did. */
export interface MergeResult {
  /** The operator that stays, with its new usage counts. */
  operator: OperatorView;
  etag: string;
  /** The duplicate, which no longer exists. */
  merged: { id: number; name: string };
  /** Component records that named the duplicate and now name `operator`. */
  movedRecords: number;
  /** Municipalities those records belong to. */
  municipalities: number;
}

/** Longest short name the operators table holds (`short_name varchar(60)`). */
const SHORT_NAME_MAX = 60;

/**
 * Reads an operator for the merge; locked on PostgreSQL, so a record written meanwhile cannot
 * name the duplicate after its records moved (its foreign-key check waits for the lock, then
 * fails instead of the delete), and two merges of the same pair run one after the other.
 */
async function lockOperator(tx: EntityManager, id: number): Promise<Operator | null> {
  return tx.findOne(Operator, {
    where: { id },
    ...(isPostgres(tx.connection) ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}

/**
 * What the duplicate adds to the operator that stays, without overwriting anything: its name
 * (or short name) becomes the short name when there is none, so imports and the form that
 * still write the old name find the operator (`findByName` matches short names); its Länder
 * are added; its website is taken when the other has none.
 */
function absorb(into: Operator, from: Operator): void {
  const alias = from.shortName?.trim() || from.name.trim();
  if (!into.shortName && alias.length <= SHORT_NAME_MAX && searchKey(alias) !== into.nameKey) {
    into.shortName = alias;
  }
  const lands = new Set([...(into.landKeys ?? []), ...(from.landKeys ?? [])]);
  into.landKeys = lands.size > 0 ? [...lands].sort() : into.landKeys;
  into.website ??= from.website;
}

/**
 * Merges a duplicate operator into another (admin only: it changes records of many
 * municipalities, beyond any editor's scope): every
 * component record naming `from` names `into` afterwards, `from` is deleted. The records keep
 * their status, product, dates and source: only who runs the component changes.
 *
 * Audited as one `component-record.updated` per moved record (in its municipality's history,
 * "Betreiber: KIV → KIV Thüringen", because the audit log stores operator names, not ids, and so
 * reads the same after the duplicate is gone) and one `operator.merged` with both operators
 * before, the one that stays after, and the moved records' keys.
 */
export async function mergeOperators(tx: EntityManager, request: MergeRequest, actor: Actor): Promise<MergeResult> {
  if (actor.principal.role !== 'admin') {
    throw new NotAllowedError('Betreiber zusammenführen nur Administratorinnen und Administratoren.');
  }
  if (request.from === request.into) {
    throw new InputError('Zusammenführen nicht möglich.', [
      { pointer: '#/into', detail: 'Ein Betreiber kann nicht mit sich selbst zusammengeführt werden' },
    ]);
  }
  // Locked in id order, so two merges of the same pair in opposite directions cannot deadlock.
  const [first, second] = [request.from, request.into].sort((a, b) => a - b);
  const locked = new Map<number, Operator | null>();
  for (const id of [first, second]) locked.set(id, await lockOperator(tx, id));
  const from = locked.get(request.from);
  const into = locked.get(request.into);
  if (!from) throw new NotFoundError(`Kein Betreiber mit der Nummer ${request.from}.`);
  if (!into) {
    throw new InputError('Zusammenführen nicht möglich.', [
      { pointer: '#/into', detail: `Einen Betreiber mit der Nummer ${request.into} gibt es nicht` },
    ]);
  }

  const records = await tx.find(ComponentRecord, {
    where: { operatorId: from.id },
    relations: { region: true, component: true },
    order: { id: 'ASC' },
  });
  const intoBefore = operatorSnapshot(into);
  const entries: AuditEntry[] = records.map((r) => {
    const content = { ...r, servesMembers: Boolean(r.servesMembers) };
    return {
      action: 'component-record.updated',
      entityType: 'component-record',
      entityKey: `${r.region!.key}/${r.component!.code}`,
      regionId: r.regionId,
      before: recordSnapshot(r.component!.code, { ...content, operator: from }),
      after: recordSnapshot(r.component!.code, { ...content, operator: into }),
    };
  });
  if (records.length > 0) {
    await tx
      .createQueryBuilder()
      .update(ComponentRecord)
      .set({ operatorId: into.id, updatedAt: new Date() })
      .where('operatorId = :from', { from: from.id })
      .execute();
  }
  await tx.delete(Operator, { id: from.id });
  absorb(into, from);
  await tx.save(into);
  entries.push({
    action: 'operator.merged',
    entityType: 'operator',
    entityKey: String(into.id),
    before: { merged: { id: from.id, ...operatorSnapshot(from) }, into: intoBefore },
    after: { into: operatorSnapshot(into), movedRecords: entries.map((e) => e.entityKey) },
  });
  await recordAuditBatch(tx, actor, entries);

  const { view, etag } = await getOperator(tx, into.id);
  return {
    operator: view,
    etag,
    merged: { id: from.id, name: from.name },
    movedRecords: records.length,
    municipalities: new Set(records.map((r) => r.regionId)).size,
  };
}
