import type { EntityManager } from 'typeorm';
import { rawQuery } from '../entities/raw-query';
import { isPostgres } from '../entities/transaction';
import type { DelegationCarrier, DelegationLookup, UnitKind, UnitProfile } from '../lib/responsibility';

/**
 * An administrative unit the gap reports count (DOMAIN.md §5a): a Gemeinde (current, not a
 * gemeindefreies Gebiet), a Gemeindeverband that administers its members, or a Landkreis. A
 * kreisfreie Stadt is one unit, its Gemeinde record, carrying Gemeinde and Kreis tasks; its Kreis
 * record is not counted again. A member Gemeinde stays a unit for the tasks it keeps.
 */
export interface AdminUnit extends UnitProfile {
  id: number;
  key: string;
  name: string;
  rbKey: string | null;
  kreisKey: string | null;
  /** The Verband's key: for a member its Verband, for a Verband itself. */
  verbandKey: string | null;
  /** For a Gemeinde in a Verband: the Verband's name (its administration). */
  verbandName: string | null;
  /** For a Verband: its member Gemeinden's region ids (those among the loaded units). */
  memberIds: number[];
  /** For a Verband the sum of its members' (the directory gives Verbände none). */
  population: number;
}

/** Where units are taken from: the whole country, or regions whose column equals a key. */
export type UnitScope =
  | { all: true }
  | { column: 'land_key' | 'rb_key' | 'kreis_key' | 'key' | 'id'; value: string | number; orKey?: string };

interface UnitRow {
  id: number | string;
  key: string;
  name: string;
  level: string;
  textCode: string | null;
  landKey: string;
  rbKey: string | null;
  kreisKey: string | null;
  verbandKey: string | null;
  population: number | string | null;
  verbandType: string | null;
  verbandName: string | null;
  cityStatus: string | null;
}

/** Textkennzeichen of a Große Kreisstadt (GV100AD Gemeinde record). */
const GROSSE_KREISSTADT = '67';
const KREISFREIE_GEMEINDE = ['61', '62'];

// A Gemeinde's Verband is its administration; verbandsfreie Gemeinden have no Verband record.
const UNIT_SQL = `SELECT r.id AS "id", r.key AS "key", r.name AS "name", r.level AS "level", r.text_code AS "textCode",
    r.land_key AS "landKey", r.rb_key AS "rbKey", r.kreis_key AS "kreisKey", r.verband_key AS "verbandKey",
    r.population AS "population", v.text_code AS "verbandType", v.name AS "verbandName", cs.status AS "cityStatus"
  FROM regions r
  LEFT JOIN regions v ON r.level = 'gemeinde' AND v.level = 'gemeindeverband' AND v.key = r.verband_key AND v.is_current = TRUE
  LEFT JOIN city_statuses cs ON cs.ags = r.key
 WHERE r.is_current = TRUE AND r.is_unincorporated = FALSE
   AND (r.level IN ('gemeinde', 'gemeindeverband')
        OR (r.level = 'kreis' AND (r.text_code IS NULL OR r.text_code NOT IN ('41', '42'))))`;

function select<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  let index = 0;
  const text = isPostgres(manager.connection) ? sql.replace(/\?/g, () => `$${(index += 1)}`) : sql;
  return rawQuery<T>(manager, text, params);
}

/** Land keys whose one Gemeinde is the Land itself (Berlin, Hamburg). */
async function cityStates(manager: EntityManager): Promise<Set<string>> {
  const rows = await select<{ landKey: string; n: number | string }>(
    manager,
    `SELECT r.land_key AS "landKey", COUNT(*) AS "n" FROM regions r
      WHERE r.level = 'gemeinde' AND r.is_current = TRUE AND r.is_unincorporated = FALSE GROUP BY r.land_key`,
    [],
  );
  return new Set(rows.filter((r) => Number(r.n) === 1).map((r) => r.landKey));
}

function kindOf(row: UnitRow, cityStateLands: Set<string>): UnitKind {
  if (row.level === 'kreis') return 'kreis';
  if (row.level === 'gemeindeverband') return 'verband';
  if (cityStateLands.has(row.landKey)) return 'stadtstaat';
  return row.textCode && KREISFREIE_GEMEINDE.includes(row.textCode) ? 'kreisfreie-stadt' : 'gemeinde';
}

/**
 * The administrative units in a scope, ordered by region id. A Verband's members are the
 * Gemeinden among them whose Verband it is, and its population is theirs; loading one Verband
 * alone (scope `id`) also loads its members for that.
 */
export async function loadUnits(manager: EntityManager, scope: UnitScope): Promise<AdminUnit[]> {
  const states = await cityStates(manager);
  const [condition, params] =
    'all' in scope
      ? ['1 = 1', []]
      : scope.orKey !== undefined
        ? [`(r.${scope.column} = ? OR r.key = ?)`, [scope.value, scope.orKey]]
        : [`r.${scope.column} = ?`, [scope.value]];
  const rows = await select<UnitRow>(manager, `${UNIT_SQL} AND ${condition} ORDER BY r.id`, params);
  const units = rows.map((row) => toUnit(row, states));
  const verbaende = new Map(units.filter((u) => u.kind === 'verband').map((u) => [u.key, u]));
  if (!('all' in scope) && scope.column === 'id' && verbaende.size === 1) {
    const [verband] = verbaende.values();
    const members = await select<UnitRow>(manager, `${UNIT_SQL} AND r.verband_key = ? AND r.level = 'gemeinde'`, [
      verband.key,
    ]);
    for (const member of members) addMember(verband, toUnit(member, states));
    return units;
  }
  for (const unit of units) {
    const verband =
      unit.kind === 'gemeinde' && unit.verbandType !== null ? verbaende.get(unit.verbandKey ?? '') : undefined;
    if (verband) addMember(verband, unit);
  }
  return units;
}

function addMember(verband: AdminUnit, member: AdminUnit): void {
  verband.memberIds.push(member.id);
  verband.population += member.population;
}

function toUnit(row: UnitRow, states: Set<string>): AdminUnit {
  const kind = kindOf(row, states);
  return {
    id: Number(row.id),
    key: row.key,
    name: row.name,
    kind,
    landKey: row.landKey,
    rbKey: row.rbKey,
    kreisKey: row.kreisKey,
    verbandKey: kind === 'verband' ? row.key : row.verbandKey,
    verbandType: kind === 'verband' ? row.textCode : row.verbandType,
    verbandName: kind === 'gemeinde' ? row.verbandName : null,
    cityStatus: row.textCode === GROSSE_KREISSTADT ? 'grosse-kreisstadt' : row.cityStatus,
    memberIds: [],
    population: kind === 'verband' ? 0 : Number(row.population ?? 0),
  };
}

/** Land law on task delegation (`task_delegation_rules`), as a lookup. */
export async function loadDelegation(manager: EntityManager): Promise<DelegationLookup> {
  const rows = await select<{ landKey: string; unitType: string; taskGroup: string; carrier: DelegationCarrier }>(
    manager,
    `SELECT d.land_key AS "landKey", d.unit_type AS "unitType", d.task_group AS "taskGroup", d.carrier AS "carrier"
       FROM task_delegation_rules d`,
    [],
  );
  const map = new Map(rows.map((r) => [`${r.landKey}|${r.unitType}|${r.taskGroup}`, r.carrier]));
  return (landKey, unitType, group) => map.get(`${landKey}|${unitType}|${group}`);
}
