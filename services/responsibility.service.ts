import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../entities/bulk-write';
import { candidateKeysForArs } from '../lib/keys';
import type { ResponsibilityLevel } from '../lib/responsibility';
import { RuleIndex, type RuleRow } from './responsibility-rules';

interface UnitRow {
  id: number | string;
  key: string;
  level: string;
  ars: string | null;
  landKey: string;
  kreisKey: string | null;
  textCode: string | null;
}

/**
 * Finds the administrative units an area of a Zuständigkeit names: a Gemeinde by its ARS; a
 * Gemeindeverband ARS (`097795470000`-style, padded) the Verband, which is a unit of its own; a
 * Kreis-level ARS (`091840000000`) the Landkreis, or for a kreisfreie Stadt its one Gemeinde. A
 * Land or Regierungsbezirk names no municipal unit: the Land carries the Leistung there.
 */
export class UnitsByArs {
  private readonly byArs = new Map<string, number>();
  private readonly verbaende = new Map<string, number>();
  private readonly kreise = new Map<string, { id: number; kreisfrei: boolean }>();
  private readonly gemeindenOfKreis = new Map<string, number[]>();

  constructor(units: UnitRow[]) {
    for (const u of units) {
      const id = Number(u.id);
      if (u.level === 'gemeinde') {
        if (u.ars) this.byArs.set(u.ars, id);
        if (u.kreisKey) this.gemeindenOfKreis.set(u.kreisKey, [...(this.gemeindenOfKreis.get(u.kreisKey) ?? []), id]);
      } else if (u.level === 'gemeindeverband') {
        this.verbaende.set(u.key, id);
      } else if (u.level === 'kreis') {
        this.kreise.set(u.key, { id, kreisfrei: u.textCode === '41' || u.textCode === '42' });
      }
    }
  }

  /** Unit ids of the area; empty for a Land, an unknown ARS or a non-ARS id. */
  resolve(ars: string | null): number[] {
    if (!ars) return [];
    const gemeinde = this.byArs.get(ars);
    if (gemeinde !== undefined) return [gemeinde];
    for (const key of candidateKeysForArs(ars)) {
      const verband = key.length === 9 ? this.verbaende.get(key) : undefined;
      if (verband !== undefined) return [verband];
      if (key.length === 5) {
        const kreis = this.kreise.get(key);
        if (!kreis) continue;
        return kreis.kreisfrei ? (this.gemeindenOfKreis.get(key) ?? []) : [kreis.id];
      }
    }
    return [];
  }
}

/** Counts of a rebuild, for import reports and logs. */
export interface ResponsibilityStats {
  leistungen: number;
  laender: number;
  byRule: number;
  byZustaendigkeit: number;
  unitRows: number;
}

async function loadRules(tx: EntityManager): Promise<RuleIndex> {
  const rows = (await tx.query(
    `SELECT "id", "leistungsschluessel", "ozg_scope" AS "ozgScope", "typ", "land_key" AS "landKey", "level",
            "task_group" AS "taskGroup" FROM "responsibility_rules"`,
  )) as (Omit<RuleRow, 'id' | 'ozgScope'> & { id: number | string; ozgScope: number | string })[];
  return new RuleIndex(rows.map((r) => ({ ...r, id: Number(r.id), ozgScope: Number(r.ozgScope) })));
}

/** Zuständigkeiten per Leistungsschlüssel, through the Leistung descriptions they name or directly. */
async function loadZustaendigkeiten(
  tx: EntityManager,
): Promise<{ schluessel: string; ars: string | null; gebietId: string }[]> {
  return (await tx.query(
    `SELECT k."schluessel" AS "schluessel", g."ars" AS "ars", g."gebiet_id" AS "gebietId"
       FROM "fim_zustaendigkeiten" z
       JOIN "fim_zustaendigkeit_gebiete" g ON g."zustaendigkeit_id" = z."id"
       JOIN "fim_leistungen" f ON f."redaktion" = z."leistung_redaktion" AND f."fim_id" = z."leistung_fim_id"
       JOIN "fim_leistung_keys" k ON k."fim_leistung_id" = f."id"
      WHERE z."is_active" = TRUE AND f."is_active" = TRUE
     UNION
     SELECT z."leistungsschluessel", g."ars", g."gebiet_id"
       FROM "fim_zustaendigkeiten" z JOIN "fim_zustaendigkeit_gebiete" g ON g."zustaendigkeit_id" = z."id"
      WHERE z."is_active" = TRUE AND z."leistungsschluessel" IS NOT NULL`,
  )) as { schluessel: string; ars: string | null; gebietId: string }[];
}

/**
 * Rebuilds the derived responsibility (`leistung_responsibilities`, `unit_responsibilities`)
 * inside the caller's transaction, from the catalogue, the rule table and the active imported
 * Zuständigkeiten. The rules decide per Leistung and Land (level, task group, rule); units named
 * by Zuständigkeit data are responsible in addition — data for one Kreis never take a Leistung
 * from the other Kreise. Only in a Land whose Zuständigkeit data an administrator marked complete
 * do the data decide alone, for the Leistungen they cover there (level `explicit`). Called by
 * every importer and every rule change, so reports never see a stale derivation.
 */
export async function rebuildResponsibility(tx: EntityManager): Promise<ResponsibilityStats> {
  const rules = await loadRules(tx);
  const leistungen = (await tx.query(
    'SELECT "id", "schluessel", "typisierung", "ozg_id" AS "ozgId" FROM "leistungen" WHERE "ozg_id" IS NOT NULL AND "is_active" = TRUE',
  )) as { id: number | string; schluessel: string; typisierung: string | null; ozgId: number | string }[];
  const laender = (
    (await tx.query(`SELECT "key" FROM "regions" WHERE "level" = 'land' ORDER BY "key"`)) as { key: string }[]
  ).map((r) => r.key);
  const complete = new Set(
    (
      (await tx.query('SELECT "land_key" AS "landKey" FROM "complete_zustaendigkeit_laender"')) as { landKey: string }[]
    ).map((r) => r.landKey),
  );
  const units = (await tx.query(
    `SELECT "id", "key", "level", "ars", "land_key" AS "landKey", "kreis_key" AS "kreisKey", "text_code" AS "textCode"
       FROM "regions" WHERE "is_current" = TRUE AND "is_unincorporated" = FALSE
        AND "level" IN ('gemeinde', 'gemeindeverband', 'kreis')`,
  )) as UnitRow[];
  const resolver = new UnitsByArs(units);

  const explicitUnits = new Map<string, Set<number>>();
  const explicitLaender = new Map<string, Set<string>>();
  for (const z of await loadZustaendigkeiten(tx)) {
    const landKey = z.ars?.slice(0, 2) ?? (/^\d{2}/.exec(z.gebietId)?.[0] as string | undefined);
    if (!landKey) continue;
    const laenderOf = explicitLaender.get(z.schluessel) ?? new Set<string>();
    laenderOf.add(landKey);
    explicitLaender.set(z.schluessel, laenderOf);
    const unitsOf = explicitUnits.get(z.schluessel) ?? new Set<number>();
    for (const id of resolver.resolve(z.ars)) unitsOf.add(id);
    explicitUnits.set(z.schluessel, unitsOf);
  }

  const rows: (string | number | null)[][] = [];
  const unitRows: number[][] = [];
  const stats: ResponsibilityStats = {
    leistungen: leistungen.length,
    laender: laender.length,
    byRule: 0,
    byZustaendigkeit: 0,
    unitRows: 0,
  };
  for (const l of leistungen) {
    const id = Number(l.id);
    const explicit = explicitLaender.get(l.schluessel);
    for (const landKey of laender) {
      if (explicit?.has(landKey) && complete.has(landKey)) {
        rows.push([id, landKey, 'explicit' satisfies ResponsibilityLevel | 'explicit', '', 'zustaendigkeit', null]);
        stats.byZustaendigkeit++;
        continue;
      }
      const decision = rules.decide(
        { schluessel: l.schluessel, typisierung: l.typisierung, ozgId: Number(l.ozgId) },
        landKey,
      );
      rows.push([id, landKey, decision.level, decision.taskGroup, decision.source, decision.ruleId]);
      stats.byRule++;
    }
    for (const unitId of explicitUnits.get(l.schluessel) ?? []) unitRows.push([id, unitId]);
  }
  stats.unitRows = unitRows.length;
  await tx.query('DELETE FROM "unit_responsibilities"');
  await tx.query('DELETE FROM "leistung_responsibilities"');
  await bulkInsert(tx, {
    table: 'leistung_responsibilities',
    columns: ['leistung_id', 'land_key', 'level', 'task_group', 'source', 'rule_id'],
    rows,
  });
  await bulkInsert(tx, { table: 'unit_responsibilities', columns: ['leistung_id', 'region_id'], rows: unitRows });
  return stats;
}
