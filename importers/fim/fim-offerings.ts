import type { EntityManager } from 'typeorm';
import { bulkInsert, runWhereIn, type BulkValue } from '../../entities/bulk-write';
import type { FimLeistungRef, FimOnlinedienstLink } from '../../entities/fim-onlinedienst.entity';
import { candidateKeysForArs } from '../../lib/keys';
import { isWebUrl } from '../../lib/url';

/** What a sync of the FIM-derived offerings changed. */
export interface FimOfferingStats {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Onlinedienste that name no area through a Zuständigkeit, so they cannot be placed. */
  withoutArea: number;
  /** Links that are not http(s) (`javascript:`, `data:`, relative): never made an offering's URL. */
  linksSkipped: number;
  /** German warnings naming the first {@link MAX_LINK_WARNINGS} skipped links. */
  warnings: string[];
}

/** Skipped links named in the report; the rest are counted only. */
const MAX_LINK_WARNINGS = 50;

interface Desired {
  regionId: number;
  leistungId: number;
  url: string | null;
  sourceRef: string;
}

const key = (regionId: number, leistungId: number) => `${regionId}:${leistungId}`;

/**
 * The URL people open: the first web link of type `01` (Antrag), else the first web link.
 * Links that are not http(s) are left out and passed to `skip`: a `javascript:` target from a
 * FIM Redaktion must never become a link on our pages or in the API.
 */
function mainUrl(links: FimOnlinedienstLink[], skip: (url: string) => void): string | null {
  const web = links.filter((link) => {
    const ok = typeof link.url === 'string' && isWebUrl(link.url.trim());
    if (!ok) skip(String(link.url));
    return ok;
  });
  return (web.find((link) => link.typ === '01') ?? web[0])?.url.trim().slice(0, 1000) ?? null;
}

async function regionResolver(tx: EntityManager): Promise<(ars: string) => number | undefined> {
  const rows = (await tx.query('SELECT "id", "key", "ars", "level" FROM "regions" WHERE "is_current" = TRUE')) as {
    id: number | string;
    key: string;
    ars: string | null;
    level: string;
  }[];
  const byArs = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const row of rows) {
    byKey.set(row.key, Number(row.id));
    if (row.level === 'gemeinde' && row.ars) byArs.set(row.ars, Number(row.id));
  }
  return (ars) =>
    byArs.get(ars) ??
    candidateKeysForArs(ars)
      .map((k) => byKey.get(k))
      .find((id) => id !== undefined);
}

/** The offerings the active FIM data describe: Onlinedienst × the areas and Leistungen of its Zuständigkeiten. */
async function desiredOfferings(
  tx: EntityManager,
): Promise<{ rows: Map<string, Desired>; withoutArea: number; linksSkipped: number; warnings: string[] }> {
  const dienste = (await tx.query(
    'SELECT "redaktion", "fim_id" AS "fimId", "links", "leistung_refs" AS "refs" FROM "fim_onlinedienste" WHERE "is_active" = TRUE',
  )) as { redaktion: string; fimId: string; links: string; refs: string }[];
  const areas = (await tx.query(
    `SELECT z."object_redaktion" AS "redaktion", z."object_fim_id" AS "fimId", z."leistung_redaktion" AS "leistungRedaktion",
            z."leistung_fim_id" AS "leistungFimId", g."ars" AS "ars"
       FROM "fim_zustaendigkeiten" z JOIN "fim_zustaendigkeit_gebiete" g ON g."zustaendigkeit_id" = z."id"
      WHERE z."is_active" = TRUE AND z."quelle" = 'onlinedienst' AND g."ars" IS NOT NULL`,
  )) as { redaktion: string; fimId: string; leistungRedaktion: string; leistungFimId: string; ars: string }[];
  const keys = (await tx.query(
    `SELECT f."redaktion" AS "redaktion", f."fim_id" AS "fimId", l."id" AS "leistungId"
       FROM "fim_leistungen" f JOIN "fim_leistung_keys" k ON k."fim_leistung_id" = f."id"
       JOIN "leistungen" l ON l."schluessel" = k."schluessel" WHERE f."is_active" = TRUE`,
  )) as { redaktion: string; fimId: string; leistungId: number | string }[];
  const leistungenOf = new Map<string, number[]>();
  for (const row of keys) {
    const ref = `${row.redaktion}\u0000${row.fimId}`;
    leistungenOf.set(ref, [...(leistungenOf.get(ref) ?? []), Number(row.leistungId)]);
  }
  const areasOf = new Map<string, { leistung: string; ars: string }[]>();
  for (const row of areas) {
    const ref = `${row.redaktion}\u0000${row.fimId}`;
    areasOf.set(ref, [
      ...(areasOf.get(ref) ?? []),
      { leistung: `${row.leistungRedaktion}\u0000${row.leistungFimId}`, ars: row.ars },
    ]);
  }
  const resolve = await regionResolver(tx);
  const rows = new Map<string, Desired>();
  let withoutArea = 0;
  let linksSkipped = 0;
  const warnings: string[] = [];
  for (const dienst of dienste) {
    const ref = `${dienst.redaktion}\u0000${dienst.fimId}`;
    const placed = areasOf.get(ref) ?? [];
    if (placed.length === 0) {
      withoutArea++;
      continue;
    }
    const url = mainUrl(JSON.parse(dienst.links) as FimOnlinedienstLink[], (skipped) => {
      linksSkipped++;
      if (warnings.length < MAX_LINK_WARNINGS) {
        warnings.push(
          `Onlinedienst ${dienst.redaktion}:${dienst.fimId}: Link „${skipped.slice(0, 80)}“ ist keine http(s)-Adresse und wurde nicht übernommen.`,
        );
      }
    });
    const ownRefs = (JSON.parse(dienst.refs) as FimLeistungRef[]).map((r) => `${r.redaktion}\u0000${r.fimId}`);
    for (const { leistung, ars } of placed) {
      const regionId = resolve(ars);
      if (regionId === undefined) continue;
      for (const leistungRef of new Set([leistung, ...ownRefs])) {
        for (const leistungId of leistungenOf.get(leistungRef) ?? []) {
          const k = key(regionId, leistungId);
          if (!rows.has(k))
            rows.set(k, { regionId, leistungId, url, sourceRef: `${dienst.redaktion}:${dienst.fimId}`.slice(0, 300) });
        }
      }
    }
  }
  return { rows, withoutArea, linksSkipped, warnings };
}

/**
 * Brings the offerings of source `fim` in line with the active FIM data, inside the import's
 * transaction: an Onlinedienst offers its Leistungen (every Leistungsschlüssel of their
 * descriptions) online for the areas its Zuständigkeiten name, flächendeckend for that area, with
 * no Reifegrad (XZuFi does not carry one). Only the difference is written, so re-importing the
 * same files changes nothing.
 */
export async function syncFimOfferings(
  tx: EntityManager,
  now: BulkValue,
  importRunId: number,
): Promise<FimOfferingStats> {
  const { rows: desired, withoutArea, linksSkipped, warnings } = await desiredOfferings(tx);
  const existing = (await tx.query(
    `SELECT "id", "region_id" AS "regionId", "leistung_id" AS "leistungId", "url", "source_ref" AS "sourceRef" FROM "offerings" WHERE "source" = 'fim'`,
  )) as {
    id: number | string;
    regionId: number | string;
    leistungId: number | string;
    url: string | null;
    sourceRef: string | null;
  }[];
  const stats: FimOfferingStats = {
    created: 0,
    updated: 0,
    removed: 0,
    unchanged: 0,
    withoutArea,
    linksSkipped,
    warnings,
  };
  const removed: number[] = [];
  const changed: { id: number; row: Desired }[] = [];
  for (const row of existing) {
    const wanted = desired.get(key(Number(row.regionId), Number(row.leistungId)));
    if (!wanted) removed.push(Number(row.id));
    else if (wanted.url !== row.url || wanted.sourceRef !== row.sourceRef)
      changed.push({ id: Number(row.id), row: wanted });
    else stats.unchanged++;
    desired.delete(key(Number(row.regionId), Number(row.leistungId)));
  }
  if (removed.length > 0) await runWhereIn(tx, (list) => `DELETE FROM "offerings" WHERE "id" IN (${list})`, removed);
  for (const { id, row } of changed) {
    await runWhereIn(
      tx,
      (list, p) =>
        `UPDATE "offerings" SET "url" = ${p(1)}, "source_ref" = ${p(2)}, "import_run_id" = ${p(3)}, "updated_at" = ${p(4)} WHERE "id" IN (${list})`,
      [id],
      [row.url, row.sourceRef, importRunId, now],
    );
  }
  await bulkInsert(tx, {
    table: 'offerings',
    columns: [
      'region_id',
      'leistung_id',
      'source',
      'url',
      'status',
      'flaechendeckend',
      'source_ref',
      'import_run_id',
      'created_at',
      'updated_at',
    ],
    rows: [...desired.values()].map((row) => [
      row.regionId,
      row.leistungId,
      'fim',
      row.url,
      'online',
      true,
      row.sourceRef,
      importRunId,
      now,
      now,
    ]),
  });
  stats.created = desired.size;
  stats.updated = changed.length;
  stats.removed = removed.length;
  return stats;
}
