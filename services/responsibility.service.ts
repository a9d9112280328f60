import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../entities/bulk-write';
import { candidateKeysForArs } from '../lib/keys';
import type { ResponsibilityLevel, ResponsibilitySource } from '../lib/responsibility';

/** A rule as the matcher needs it (see `entities/responsibility-rule.entity.ts`). */
export interface RuleRow {
  id: number;
  typ: string;
  landKey: string;
  ozgId: number | null;
  level: ResponsibilityLevel;
}

/** The level a Leistung falls to in one Land, and why. */
export interface RuleDecision {
  level: ResponsibilityLevel;
  source: Exclude<ResponsibilitySource, 'zustaendigkeit'>;
  ruleId: number | null;
}

/** Most local first: a Leistung typed `1, 2/3` is carried where its most local part is. */
const LOCALITY: ResponsibilityLevel[] = ['gemeinde', 'kreis', 'land', 'bund', 'keine', 'unbekannt'];

/**
 * The Typ codes of a Typisierung as written: `2/3` stays one code, `1, 2/3` gives two, `4a` is
 * Typ 4 (the letter only distinguishes variants of the same split of powers).
 */
export function typCodes(typisierung: string | null): string[] {
  if (!typisierung) return [];
  const codes: string[] = [];
  for (const part of typisierung.split(/[,;]/)) {
    const match = /^\s*(\d{1,2})(?:\s*\/\s*(\d{1,2}))?[a-z]?\s*$/i.exec(part);
    if (match) codes.push(match[2] ? `${match[1]}/${match[2]}` : match[1]);
  }
  return codes;
}

/**
 * The most specific rule for one Typ code: a rule for this OZG-Leistung beats one for all, a rule
 * for this Land beats one for all Länder, a rule for this Typ beats one for every Typ; among equals
 * the older rule (lower id) wins.
 */
function bestRule(rules: RuleRow[], typ: string, landKey: string, ozgId: number | null): RuleRow | undefined {
  let best: RuleRow | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    if (rule.typ !== '' && rule.typ !== typ) continue;
    if (rule.landKey !== '' && rule.landKey !== landKey) continue;
    if (rule.ozgId !== null && rule.ozgId !== ozgId) continue;
    const score = (rule.ozgId !== null ? 4 : 0) + (rule.landKey !== '' ? 2 : 0) + (rule.typ !== '' ? 1 : 0);
    if (score > bestScore || (score === bestScore && best && rule.id < best.id)) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Which level carries a Leistung of this Typisierung and OZG-Leistung in this Land, by the rule
 * table. Several Typ codes (`1, 2/3`): the most local level any of them falls to. No Typ or no
 * matching rule: `unbekannt` (such a Leistung counts for nobody, and reports say so).
 */
export function decideByRules(
  rules: RuleRow[],
  leistung: { typisierung: string | null; ozgId: number | null },
  landKey: string,
): RuleDecision {
  let decision: RuleDecision = { level: 'unbekannt', source: 'typisierung', ruleId: null };
  for (const typ of typCodes(leistung.typisierung)) {
    const rule = bestRule(rules, typ, landKey, leistung.ozgId);
    if (!rule) continue;
    if (LOCALITY.indexOf(rule.level) < LOCALITY.indexOf(decision.level)) {
      decision = {
        level: rule.level,
        source: rule.ozgId !== null || rule.landKey !== '' ? 'regel' : 'typisierung',
        ruleId: rule.id,
      };
    }
  }
  return decision;
}

interface UnitRow {
  id: number | string;
  key: string;
  level: string;
  ars: string | null;
  landKey: string;
  kreisKey: string | null;
  verbandKey: string | null;
  textCode: string | null;
}

/**
 * Finds the administrative units an area of a Zuständigkeit names: a Gemeinde by its ARS; a
 * Kreis-level ARS (`091840000000`) the Landkreis, or for a kreisfreie Stadt its one Gemeinde; a
 * Gemeindeverband its Gemeinden (the Verband acts for them). A Land or Regierungsbezirk names no
 * municipal unit: the Land carries the Leistung there.
 */
export class UnitsByArs {
  private readonly byArs = new Map<string, number>();
  private readonly kreise = new Map<string, { id: number; kreisfrei: boolean }>();
  private readonly gemeindenOfKreis = new Map<string, number[]>();
  private readonly gemeindenOfVerband = new Map<string, number[]>();

  constructor(units: UnitRow[]) {
    for (const u of units) {
      const id = Number(u.id);
      if (u.level === 'gemeinde') {
        if (u.ars) this.byArs.set(u.ars, id);
        if (u.kreisKey) this.gemeindenOfKreis.set(u.kreisKey, [...(this.gemeindenOfKreis.get(u.kreisKey) ?? []), id]);
        if (u.verbandKey) {
          this.gemeindenOfVerband.set(u.verbandKey, [...(this.gemeindenOfVerband.get(u.verbandKey) ?? []), id]);
        }
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
      if (key.length === 9 && this.gemeindenOfVerband.has(key)) return this.gemeindenOfVerband.get(key) ?? [];
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

/**
 * Rebuilds the derived responsibility (`leistung_responsibilities`, `unit_responsibilities`)
 * inside the caller's transaction, from the catalogue, the rule table and the active imported
 * Zuständigkeiten. Where a Leistung has Zuständigkeit data for an area in a Land, that data
 * decides for the whole Land (source `zustaendigkeit`, level `explicit`): only the units it
 * names are responsible. Elsewhere the rule table decides. Called by every importer that changes
 * one of the inputs, so reports never see a stale derivation.
 */
export async function rebuildResponsibility(tx: EntityManager): Promise<ResponsibilityStats> {
  const rules = (
    await tx.query(
      'SELECT "id", "typ", "land_key" AS "landKey", "ozg_id" AS "ozgId", "level" FROM "responsibility_rules"',
    )
  ).map((r: RuleRow) => ({ ...r, id: Number(r.id), ozgId: r.ozgId === null ? null : Number(r.ozgId) })) as RuleRow[];
  const leistungen = (await tx.query(
    'SELECT "id", "schluessel", "typisierung", "ozg_id" AS "ozgId" FROM "leistungen" WHERE "ozg_id" IS NOT NULL AND "is_active" = TRUE',
  )) as { id: number | string; schluessel: string; typisierung: string | null; ozgId: number | string }[];
  const laender = (
    (await tx.query(`SELECT "key" FROM "regions" WHERE "level" = 'land' ORDER BY "key"`)) as { key: string }[]
  ).map((r) => r.key);
  const units = (await tx.query(
    `SELECT "id", "key", "level", "ars", "land_key" AS "landKey", "kreis_key" AS "kreisKey", "verband_key" AS "verbandKey", "text_code" AS "textCode"
       FROM "regions" WHERE "is_current" = TRUE AND "is_unincorporated" = FALSE AND "level" IN ('gemeinde', 'kreis')`,
  )) as UnitRow[];
  const resolver = new UnitsByArs(units);

  // Zuständigkeiten per Leistungsschlüssel: through the Leistung descriptions they name, or directly.
  const zustaendigkeiten = (await tx.query(
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
  const explicitUnits = new Map<string, Set<number>>();
  const explicitLaender = new Map<string, Set<string>>();
  for (const z of zustaendigkeiten) {
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
  const unitLand = new Map(units.map((u) => [Number(u.id), u.landKey]));
  for (const l of leistungen) {
    const id = Number(l.id);
    const explicit = explicitLaender.get(l.schluessel);
    for (const landKey of laender) {
      if (explicit?.has(landKey)) {
        rows.push([id, landKey, 'explicit', 'zustaendigkeit', null]);
        stats.byZustaendigkeit++;
        continue;
      }
      const decision = decideByRules(rules, { typisierung: l.typisierung, ozgId: Number(l.ozgId) }, landKey);
      rows.push([id, landKey, decision.level, decision.source, decision.ruleId]);
      stats.byRule++;
    }
    for (const unitId of explicitUnits.get(l.schluessel) ?? []) {
      if (explicit?.has(unitLand.get(unitId) ?? '')) unitRows.push([id, unitId]);
    }
  }
  stats.unitRows = unitRows.length;
  await tx.query('DELETE FROM "unit_responsibilities"');
  await tx.query('DELETE FROM "leistung_responsibilities"');
  await bulkInsert(tx, {
    table: 'leistung_responsibilities',
    columns: ['leistung_id', 'land_key', 'level', 'source', 'rule_id'],
    rows,
  });
  await bulkInsert(tx, { table: 'unit_responsibilities', columns: ['leistung_id', 'region_id'], rows: unitRows });
  return stats;
}
