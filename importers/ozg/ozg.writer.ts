import type { EntityManager } from 'typeorm';
import { bulkInsert, runWhereIn, timestampValue } from '../../entities/bulk-write';
import { isPostgres } from '../../entities/transaction';
import { searchKey } from '../../lib/text';
import type { CataloguePlan } from './ozg-plan';

const OZG_COLUMNS = [
  'ozg_id',
  'name',
  'themenfeld_id',
  'themenfeld',
  'lebenslage_id',
  'lebenslage',
  'fokus',
  'fokus_source',
  'efa',
  'efa_source',
  'edition',
  'is_active',
];

const LEISTUNG_UPDATES = [
  'name',
  'name_search',
  'typisierung',
  'typisierung_source',
  'vertrauensniveau',
  'fee_bearing',
  'ozg_id',
  'in_catalogue',
  'is_active',
  'legal_basis',
  'sdg_relevant',
  'updated_at',
];

/**
 * Locks the catalogue tables against other writers for the rest of the transaction (PostgreSQL;
 * SQLite runs one transaction at a time anyway).
 * NOTE: the plan reads `from_fim` and `typisierung_source` to decide what FIM owns; a FIM import
 * committing between that read and the write would otherwise lose its name or Typisierung.
 * SHARE ROW EXCLUSIVE blocks other writers, not readers.
 */
export async function lockCatalogue(tx: EntityManager): Promise<void> {
  if (!isPostgres(tx.connection)) return;
  await tx.query('LOCK TABLE "ozg_leistungen", "leistungen" IN SHARE ROW EXCLUSIVE MODE');
}

/**
 * Writes a checked catalogue plan inside the caller's transaction: OZG-Leistungen upserted by
 * OZG-ID and the unlisted ones deactivated; Leistungen upserted by Leistungsschlüssel (new ones
 * created) and the unlisted ones taken out of the catalogue — no OZG-ID, `in_catalogue` false,
 * active only while a FIM description still names them.
 */
export async function writeCataloguePlan(tx: EntityManager, plan: CataloguePlan, now: Date): Promise<void> {
  const at = timestampValue(tx, now);
  await bulkInsert(tx, {
    table: 'ozg_leistungen',
    columns: OZG_COLUMNS,
    rows: plan.ozgWrites.map((o) => [
      o.ozgId,
      o.name,
      o.themenfeldId,
      o.themenfeld,
      o.lebenslageId,
      o.lebenslage,
      o.fokus,
      o.fokusSource,
      o.efa,
      o.efaSource,
      o.edition,
      o.isActive,
    ]),
    onConflict: { target: ['ozg_id'], update: OZG_COLUMNS.slice(1) },
  });
  await runWhereIn(
    tx,
    (list, p) => `UPDATE "ozg_leistungen" SET "is_active" = ${p(1)} WHERE "ozg_id" IN (${list})`,
    plan.ozgDeactivations,
    [false],
  );
  await bulkInsert(tx, {
    table: 'leistungen',
    columns: ['schluessel', 'from_fim', 'created_at', ...LEISTUNG_UPDATES],
    rows: plan.leistungWrites.map((l) => [
      l.schluessel,
      false,
      at,
      l.name,
      searchKey(l.name).slice(0, 500),
      l.typisierung,
      l.typisierungSource,
      l.vertrauensniveau,
      l.feeBearing,
      l.ozgId,
      l.inCatalogue,
      l.isActive,
      l.legalBasis,
      l.sdgRelevant,
      at,
    ]),
    // `from_fim` and `created_at` are only set for new rows: FIM owns the flag.
    onConflict: { target: ['schluessel'], update: LEISTUNG_UPDATES },
  });
  await runWhereIn(
    tx,
    (list, p) =>
      `UPDATE "leistungen" SET "in_catalogue" = ${p(1)}, "ozg_id" = NULL, "is_active" = "from_fim", "updated_at" = ${p(2)} ` +
      `WHERE "id" IN (${list})`,
    plan.leistungRemovals,
    [false, at],
  );
}

/**
 * Writes the catalogue's history for one import run: a row per OZG-Leistung it added, changed,
 * reactivated or deactivated, with the changed fields' old and new values.
 */
export async function writeCatalogueHistory(
  tx: EntityManager,
  plan: Pick<CataloguePlan, 'ozgChanges'>,
  importRunId: number,
  now: Date,
): Promise<void> {
  const at = timestampValue(tx, now);
  await bulkInsert(tx, {
    table: 'ozg_catalogue_changes',
    columns: ['import_run_id', 'ozg_id', 'change', 'fields', 'changed_at'],
    rows: plan.ozgChanges.map((c) => [
      importRunId,
      c.ozgId,
      c.change,
      c.fields === null ? null : JSON.stringify(c.fields),
      at,
    ]),
  });
}
