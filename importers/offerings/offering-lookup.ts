import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../../entities/bulk-write';
import { isPostgres } from '../../entities/transaction';
import type { MaturityModel, OfferingStatus } from '../../lib/maturity';
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

/** The names of the Länder by Land key, for checking a file's `bundesland`. */
export async function loadLandNames(manager: EntityManager): Promise<Map<string, string>> {
  const rows = (await manager.query(
    `SELECT "key", "name" FROM "regions" WHERE "level" = 'land' AND "is_current" = ${isPostgres(manager.connection) ? 'true' : '1'}`,
  )) as { key: string; name: string }[];
  return new Map(rows.map((r) => [r.key, r.name]));
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
