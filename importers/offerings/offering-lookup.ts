import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../../entities/bulk-write';
import { isPostgres } from '../../entities/transaction';
import { candidateKeysForArs } from '../../lib/keys';
import type { MaturityModel, OfferingStatus } from '../../lib/maturity';
import type { RegionRef } from '../inventory/inventory-lookup';
import type { MaturityValue, OfferingRow } from './offering-rows';

/** An offering's content as the audit log and the diff compare it. */
export interface OfferingSnapshot {
  url: string | null;
  status: OfferingStatus;
  maturity: MaturityValue | null;
  flaechendeckend: boolean;
  coverageRaw: string | null;
  note: string | null;
}

/** A Leistung as the import needs it. */
export interface LeistungRef {
  id: number;
  schluessel: string;
  ozgId: number | null;
  isActive: boolean;
}

const REGION_COLUMNS =
  'SELECT "id", "key", "level", "name", "land_key" AS "landKey", "rb_key" AS "rbKey", "kreis_key" AS "kreisKey", ' +
  '"verband_key" AS "verbandKey", "is_current" AS "isCurrent" FROM "regions"';

/** The Leistungen the rows name, by Leistungsschlüssel. */
export async function loadLeistungen(manager: EntityManager, rows: OfferingRow[]): Promise<Map<string, LeistungRef>> {
  const keys = [...new Set(rows.map((r) => r.key).filter((k): k is string => k !== undefined))];
  const found = await selectWhereIn<{ id: number | string; schluessel: string; ozgId: unknown; isActive: unknown }>(
    manager,
    (list) =>
      `SELECT "id", "schluessel", "ozg_id" AS "ozgId", "is_active" AS "isActive" FROM "leistungen" WHERE "schluessel" IN (${list})`,
    keys,
  );
  return new Map(
    found.map((l) => [
      l.schluessel,
      {
        id: Number(l.id),
        schluessel: l.schluessel,
        ozgId: l.ozgId === null ? null : Number(l.ozgId),
        isActive: Boolean(Number(l.isActive)),
      },
    ]),
  );
}

/**
 * Resolves each area text to a region as `findRegion` does: a key directly; a 12-digit ARS to
 * the Gemeinde with that ARS (a current one first), else to the level its zero padding names
 * (`091840000000` → Kreis 09184, `090000000000` → Land 09). In two queries for the whole file.
 */
export async function loadAreas(
  manager: EntityManager,
  rows: OfferingRow[],
  lock: boolean,
): Promise<Map<string, RegionRef>> {
  const areas = [...new Set(rows.map((r) => r.area).filter((a): a is string => a !== undefined))];
  const ars = areas.filter((a) => a.length === 12);
  const byArs = new Map<string, { key: string; isCurrent: boolean }>();
  const arsRows = await selectWhereIn<{ key: string; ars: string; isCurrent: unknown }>(
    manager,
    (list) => `SELECT "key", "ars", "is_current" AS "isCurrent" FROM "regions" WHERE "ars" IN (${list})`,
    ars,
  );
  for (const r of arsRows) {
    const seen = byArs.get(r.ars);
    const current = Boolean(Number(r.isCurrent));
    if (!seen || (current && !seen.isCurrent)) byArs.set(r.ars, { key: r.key, isCurrent: current });
  }
  const candidates = (area: string) =>
    area.length !== 12 ? [area] : byArs.has(area) ? [byArs.get(area)?.key as string] : candidateKeysForArs(area);
  const keys = [...new Set(areas.flatMap(candidates))].sort();
  // NOTE: on PostgreSQL a real run locks the areas it writes, as the single-offering API does.
  const forUpdate = lock && isPostgres(manager.connection) ? ' FOR UPDATE' : '';
  const regions = await selectWhereIn<RegionRef & { isCurrent: unknown }>(
    manager,
    (list) => `${REGION_COLUMNS} WHERE "key" IN (${list})${forUpdate}`,
    keys,
  );
  const byKey = new Map(
    regions.map((r) => [r.key, { ...r, id: Number(r.id), isCurrent: Boolean(Number(r.isCurrent)) }]),
  );
  const resolved = new Map<string, RegionRef>();
  for (const area of areas) {
    const region = candidates(area)
      .map((k) => byKey.get(k))
      .find((r) => r !== undefined);
    if (region) resolved.set(area, region);
  }
  return resolved;
}

interface StoredRow {
  regionId: number | string;
  leistungId: number | string;
  url: string | null;
  status: OfferingStatus;
  model: MaturityModel | null;
  level: number | string | null;
  criteria: string | null;
  flaechendeckend: unknown;
  coverageRaw: string | null;
  note: string | null;
}

/** Stored `dashboard` offerings of the given regions, by `regionId:leistungId`. */
export async function loadStored(manager: EntityManager, regionIds: number[]): Promise<Map<string, OfferingSnapshot>> {
  const rows = await selectWhereIn<StoredRow>(
    manager,
    (list) =>
      'SELECT "region_id" AS "regionId", "leistung_id" AS "leistungId", "url", "status", "maturity_model" AS "model", ' +
      '"maturity_level" AS "level", "maturity_criteria" AS "criteria", "flaechendeckend", "coverage_raw" AS "coverageRaw", ' +
      `"note" FROM "offerings" WHERE "source" = 'dashboard' AND "region_id" IN (${list})`,
    regionIds,
  );
  return new Map(
    rows.map((r) => [
      `${Number(r.regionId)}:${Number(r.leistungId)}`,
      {
        url: r.url,
        status: r.status,
        maturity: r.model
          ? {
              model: r.model,
              level: r.level === null ? null : Number(r.level),
              criteria: r.criteria ? (JSON.parse(r.criteria) as Record<string, number>) : null,
            }
          : null,
        flaechendeckend: Boolean(Number(r.flaechendeckend)),
        coverageRaw: r.coverageRaw,
        note: r.note,
      },
    ]),
  );
}
