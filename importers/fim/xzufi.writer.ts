import type { EntityManager } from 'typeorm';
import { bulkInsert, runWhereIn, selectWhereIn, type BulkValue } from '../../entities/bulk-write';
import { searchKey } from '../../lib/text';
import { normaliseName } from '../../lib/unicode';
import type { PendingObject } from './xzufi-state';
import {
  preferredText,
  refKey,
  type LeistungRow,
  type OnlinedienstRow,
  type XzufiRef,
  type XzufiRow,
  type ZustaendigkeitRow,
} from './xzufi-rows';

/** What every write needs: the transaction's timestamp and the import run. */
export interface XzufiWriteContext {
  now: BulkValue;
  importRunId: number;
}

const LIFECYCLE = ['content_sha256', 'is_active', 'deactivated_at', 'import_run_id', 'created_at', 'updated_at'];
/** What an upsert overwrites of the lifecycle columns: all but when the row was first created. */
const LIFECYCLE_UPDATED = LIFECYCLE.filter((column) => column !== 'created_at');
/** The columns of `fim_leistungen` besides its key (`redaktion`, `fim_id`) and the lifecycle. */
const LEISTUNG_COLUMNS = [
  'leistung_id',
  'texts',
  'typisierung',
  'adressat',
  'vertrauensniveau',
  'gueltigkeit',
  'version_info',
  'xzufi_version',
];

function lifecycleValues(change: PendingObject<XzufiRow>, hash: string, ctx: XzufiWriteContext): BulkValue[] {
  return [hash, change.active, change.active ? null : ctx.now, ctx.importRunId, ctx.now, ctx.now];
}

/** Ids of rows by ref, for refs just written. */
async function idsByRef(tx: EntityManager, table: string, refs: XzufiRef[]): Promise<Map<string, number>> {
  const rows = await selectWhereIn<{ id: number | string; redaktion: string; fimId: string }>(
    tx,
    (list) => `SELECT "id", "redaktion", "fim_id" AS "fimId" FROM "${table}" WHERE "fim_id" IN (${list})`,
    [...new Set(refs.map((ref) => ref.fimId))],
  );
  const wanted = new Set(refs.map(refKey));
  const ids = new Map<string, number>();
  for (const row of rows) {
    const key = refKey(row);
    if (wanted.has(key)) ids.set(key, Number(row.id));
  }
  return ids;
}

/** Sets `is_active = false` on objects that only changed their active flag. */
async function deactivateOnly(
  tx: EntityManager,
  table: string,
  changes: PendingObject<XzufiRow>[],
  ctx: XzufiWriteContext,
): Promise<number[]> {
  const ids = changes.filter((c) => c.row === null && c.storedId !== null).map((c) => c.storedId as number);
  if (ids.length > 0) {
    await runWhereIn(
      tx,
      (list, p) =>
        `UPDATE "${table}" SET "is_active" = ${p(1)}, "deactivated_at" = ${p(2)}, "import_run_id" = ${p(3)}, ` +
        `"updated_at" = ${p(4)} WHERE "id" IN (${list})`,
      ids,
      [false, ctx.now, ctx.importRunId, ctx.now],
    );
  }
  return ids;
}

function leistungName(row: LeistungRow): string {
  const name =
    preferredText(row.texts.bezeichnung) ?? preferredText(row.texts.bezeichnung2) ?? `Leistung ${row.schluessel[0]}`;
  // NFKC like every other name (issue 12): a full-width or compatibility form must not reach
  // search and exports as a different-looking name.
  return normaliseName(name).slice(0, 500);
}

/**
 * Makes sure every Leistungsschlüssel of the rows has a `leistungen` row and returns their ids.
 * The primary key of each description takes the description's names and Typisierung (FIM is
 * more current than the 2019 catalogue); a key that is only secondary is created if unknown and
 * otherwise left alone.
 */
async function upsertLeistungen(
  tx: EntityManager,
  rows: LeistungRow[],
  ctx: XzufiWriteContext,
): Promise<Map<string, number>> {
  const primaries = new Map<string, LeistungRow>();
  for (const row of rows) primaries.set(row.schluessel[0], row);
  const secondaries = new Map<string, LeistungRow>();
  for (const row of rows) {
    for (const key of row.schluessel.slice(1)) if (!primaries.has(key)) secondaries.set(key, row);
  }
  const columns = [
    'schluessel',
    'name',
    'name_search',
    'name2',
    'short_text',
    'typisierung',
    'typisierung_source',
    'vertrauensniveau',
    'fee_bearing',
    'from_fim',
    'is_active',
    'in_catalogue',
    'created_at',
    'updated_at',
  ];
  const values = (key: string, row: LeistungRow): BulkValue[] => {
    const name = leistungName(row);
    const typisierung = row.typisierung.join(', ').slice(0, 20) || null;
    return [
      key,
      name,
      searchKey(name).slice(0, 500),
      preferredText(row.texts.bezeichnung2) ?? null,
      preferredText(row.texts.kurztext) ?? null,
      typisierung,
      typisierung ? 'fim' : null,
      row.vertrauensniveau,
      row.feeBearing,
      true,
      true,
      false,
      ctx.now,
      ctx.now,
    ];
  };
  await bulkInsert(tx, {
    table: 'leistungen',
    columns,
    rows: [...primaries].map(([key, row]) => values(key, row)),
    onConflict: {
      target: ['schluessel'],
      update: ['name', 'name_search', 'updated_at'],
      // A description without Typisierung, second name, Kurztext, Vertrauensniveau or a decidable
      // modulKosten keeps what the catalogue (or an earlier description) said.
      updateIfNotNull: ['name2', 'short_text', 'typisierung', 'typisierung_source', 'vertrauensniveau', 'fee_bearing'],
    },
  });
  await bulkInsert(tx, {
    table: 'leistungen',
    columns,
    rows: [...secondaries].map(([key, row]) => values(key, row)),
    onConflict: { target: ['schluessel'], update: [] },
  });
  const found = await selectWhereIn<{ id: number | string; schluessel: string }>(
    tx,
    (list) => `SELECT "id", "schluessel" FROM "leistungen" WHERE "schluessel" IN (${list})`,
    [...primaries.keys(), ...secondaries.keys()],
  );
  return new Map(found.map((r) => [r.schluessel, Number(r.id)]));
}

/**
 * Recomputes `from_fim` and `is_active` of the Leistungen with these keys: described by an
 * active FIM description (as primary or secondary key), or listed in the catalogue.
 */
export async function refreshLeistungFlags(tx: EntityManager, schluessel: string[]): Promise<void> {
  if (schluessel.length === 0) return;
  const described =
    'EXISTS (SELECT 1 FROM "fim_leistung_keys" k JOIN "fim_leistungen" f ON f."id" = k."fim_leistung_id" ' +
    'WHERE k."schluessel" = "leistungen"."schluessel" AND f."is_active" = TRUE)';
  await runWhereIn(
    tx,
    (list) =>
      `UPDATE "leistungen" SET "from_fim" = ${described}, "is_active" = ("in_catalogue" OR ${described}) ` +
      `WHERE "schluessel" IN (${list})`,
    [...new Set(schluessel)],
  );
}

/** Writes pending Leistung descriptions; returns the ids of new rows and the keys whose flags may change. */
export async function writeLeistungen(
  tx: EntityManager,
  changes: PendingObject<LeistungRow>[],
  ctx: XzufiWriteContext,
): Promise<{ ids: Map<string, number>; touchedKeys: string[] }> {
  const written = changes.filter((c): c is PendingObject<LeistungRow> & { row: LeistungRow } => c.row !== null);
  const touchedKeys = written.flatMap((c) => c.row.schluessel);
  const leistungIds = await upsertLeistungen(
    tx,
    written.map((c) => c.row),
    ctx,
  );
  await bulkInsert(tx, {
    table: 'fim_leistungen',
    columns: ['redaktion', 'fim_id', ...LEISTUNG_COLUMNS, ...LIFECYCLE],
    rows: written.map((c) => [
      c.ref.redaktion,
      c.ref.fimId,
      leistungIds.get(c.row.schluessel[0]) ?? null,
      JSON.stringify(c.row.texts),
      JSON.stringify(c.row.typisierung),
      JSON.stringify(c.row.adressat),
      c.row.vertrauensniveau,
      JSON.stringify(c.row.gueltigkeit),
      c.row.versionInfo === null ? null : JSON.stringify(c.row.versionInfo),
      c.row.xzufiVersion,
      ...lifecycleValues(c, c.row.hash, ctx),
    ]),
    onConflict: {
      target: ['redaktion', 'fim_id'],
      update: [...LEISTUNG_COLUMNS, ...LIFECYCLE_UPDATED],
    },
  });
  const ids = await idsByRef(
    tx,
    'fim_leistungen',
    written.map((c) => c.ref),
  );
  const replaced = written.filter((c) => c.storedId !== null).map((c) => c.storedId as number);
  if (replaced.length > 0) {
    await runWhereIn(tx, (list) => `DELETE FROM "fim_leistung_keys" WHERE "fim_leistung_id" IN (${list})`, replaced);
  }
  await bulkInsert(tx, {
    table: 'fim_leistung_keys',
    columns: ['fim_leistung_id', 'schluessel', 'position'],
    rows: written.flatMap((c) => c.row.schluessel.map((key, i) => [ids.get(refKey(c.ref)) ?? null, key, i + 1])),
  });
  const deactivated = await deactivateOnly(tx, 'fim_leistungen', changes, ctx);
  if (deactivated.length > 0) {
    const keys = await selectWhereIn<{ schluessel: string }>(
      tx,
      (list) => `SELECT "schluessel" FROM "fim_leistung_keys" WHERE "fim_leistung_id" IN (${list})`,
      deactivated,
    );
    touchedKeys.push(...keys.map((k) => k.schluessel));
  }
  return { ids, touchedKeys };
}

/** Writes pending Onlinedienste; returns the ids of the rows written. */
export async function writeOnlinedienste(
  tx: EntityManager,
  changes: PendingObject<OnlinedienstRow>[],
  ctx: XzufiWriteContext,
): Promise<Map<string, number>> {
  const written = changes.filter((c): c is PendingObject<OnlinedienstRow> & { row: OnlinedienstRow } => c.row !== null);
  const columns = ['name', 'bezeichnung', 'links', 'leistung_refs', 'vertrauensniveau', 'gueltigkeit', 'xzufi_version'];
  await bulkInsert(tx, {
    table: 'fim_onlinedienste',
    columns: ['redaktion', 'fim_id', ...columns, ...LIFECYCLE],
    rows: written.map((c) => [
      c.ref.redaktion,
      c.ref.fimId,
      c.row.name === null || c.row.name === undefined ? null : normaliseName(c.row.name).slice(0, 500),
      JSON.stringify(c.row.bezeichnung),
      JSON.stringify(c.row.links),
      JSON.stringify(c.row.leistungRefs),
      c.row.vertrauensniveau,
      JSON.stringify(c.row.gueltigkeit),
      c.row.xzufiVersion,
      ...lifecycleValues(c, c.row.hash, ctx),
    ]),
    onConflict: {
      target: ['redaktion', 'fim_id'],
      update: [...columns, ...LIFECYCLE_UPDATED],
    },
  });
  await deactivateOnly(tx, 'fim_onlinedienste', changes, ctx);
  return idsByRef(
    tx,
    'fim_onlinedienste',
    written.map((c) => c.ref),
  );
}

/** Writes pending Zuständigkeiten with their areas; returns the ids of the rows written. */
export async function writeZustaendigkeiten(
  tx: EntityManager,
  changes: PendingObject<ZustaendigkeitRow>[],
  ctx: XzufiWriteContext,
): Promise<Map<string, number>> {
  const written = changes.filter(
    (c): c is PendingObject<ZustaendigkeitRow> & { row: ZustaendigkeitRow } => c.row !== null,
  );
  const columns = [
    'quelle',
    'art',
    'object_redaktion',
    'object_fim_id',
    'leistung_redaktion',
    'leistung_fim_id',
    'leistungsschluessel',
    'rolle',
  ];
  await bulkInsert(tx, {
    table: 'fim_zustaendigkeiten',
    columns: ['redaktion', 'fim_id', ...columns, ...LIFECYCLE],
    rows: written.map((c) => [
      c.ref.redaktion,
      c.ref.fimId,
      c.row.quelle,
      c.row.art,
      c.row.object?.redaktion ?? null,
      c.row.object?.fimId ?? null,
      c.row.leistung.redaktion,
      c.row.leistung.fimId,
      c.row.leistungsschluessel,
      c.row.rolle,
      ...lifecycleValues(c, c.row.hash, ctx),
    ]),
    onConflict: {
      target: ['redaktion', 'fim_id'],
      update: [...columns, ...LIFECYCLE_UPDATED],
    },
  });
  const ids = await idsByRef(
    tx,
    'fim_zustaendigkeiten',
    written.map((c) => c.ref),
  );
  const replaced = written.filter((c) => c.storedId !== null).map((c) => c.storedId as number);
  if (replaced.length > 0) {
    await runWhereIn(
      tx,
      (list) => `DELETE FROM "fim_zustaendigkeit_gebiete" WHERE "zustaendigkeit_id" IN (${list})`,
      replaced,
    );
  }
  await bulkInsert(tx, {
    table: 'fim_zustaendigkeit_gebiete',
    columns: ['zustaendigkeit_id', 'gebiet_id', 'ars'],
    rows: written.flatMap((c) => {
      const id = ids.get(refKey(c.ref)) ?? null;
      const unique = new Map(c.row.gebiete.map((g) => [g.id, g]));
      return [...unique.values()].map((g) => [id, g.id.slice(0, 200), g.ars]);
    }),
  });
  await deactivateOnly(tx, 'fim_zustaendigkeiten', changes, ctx);
  return ids;
}
