import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../entities/bulk-write';
import { componentStateKey, type ComponentState } from '../lib/attainable';
import type { AdminUnit } from './administrative-units';
import { loadLiveServices } from './connectable-services';

/**
 * Where a component the unit does not record itself comes from: the Verband that administers
 * it, its Landkreis, or a live connection to a federal, Land or EfA service (`key` is then the
 * service code).
 */
export interface ComponentOrigin {
  key: string;
  name: string;
  via: 'verband' | 'kreis' | 'anschluss';
}

/** The base components a unit has in use, those recorded as not in use, and which it inherits. */
export interface ComponentsInUse extends ComponentState {
  /** Components in use (own or inherited); the same set as `inUse`. */
  codes: Set<string>;
  /** Components recorded as planned, not used or retired (own, or its Verband's); anything else has no data. */
  notInUse: Set<string>;
  /** Stable key of the state, so units with the same state share computations. */
  key: string;
  /** Component code → the Verband or Kreis whose record the unit uses (absent for its own records). */
  inherited: Map<string, ComponentOrigin>;
}

/** Records with a known status: in use, or recorded as not in use. `unknown` is no data. */
const NOT_IN_USE = new Set(['planned', 'not-used', 'retired']);

/** Records of larger administrations that count for units below them, per region key. */
async function sharedComponents(
  manager: EntityManager,
  keys: string[],
  condition: string,
): Promise<Map<string, { name: string; codes: string[]; notInUse: string[] }>> {
  const rows = await selectWhereIn<{ regionKey: string; name: string; code: string; status: string }>(
    manager,
    (list) =>
      `SELECT g."key" AS "regionKey", g."name" AS "name", c."code" AS "code", cr."status" AS "status"
         FROM "component_records" cr
         JOIN "components" c ON c."id" = cr."component_id"
         JOIN "regions" g ON g."id" = cr."region_id"
        WHERE ${condition} AND g."key" IN (${list})`,
    keys,
  );
  const out = new Map<string, { name: string; codes: string[]; notInUse: string[] }>();
  for (const row of rows) {
    const entry = out.get(row.regionKey) ?? { name: row.name, codes: [], notInUse: [] };
    if (row.status === 'in-use') entry.codes.push(row.code);
    else if (NOT_IN_USE.has(row.status)) entry.notInUse.push(row.code);
    out.set(row.regionKey, entry);
  }
  return out;
}

/**
 * The base components each unit has in use (status `in-use`) and those recorded as not in use. A
 * member Gemeinde also uses what its Verband runs, and lacks what its Verband records as not in
 * use (the Verband is its administration); a Gemeinde or Verband of a Landkreis also uses what
 * the Kreis runs for its Gemeinden (records marked `servesMembers`; the Kreis's records of
 * components it does not run say nothing about its Gemeinden). An own record with a known status
 * overrides what a unit would inherit; a Verband's record overrides the Kreis's. Status
 * `unknown` counts as no record.
 */
export async function loadComponentsInUse(
  manager: EntityManager,
  units: AdminUnit[],
): Promise<Map<number, ComponentsInUse>> {
  const own = await selectWhereIn<{ regionId: number | string; code: string; status: string }>(
    manager,
    (list) =>
      `SELECT cr."region_id" AS "regionId", c."code" AS "code", cr."status" AS "status" FROM "component_records" cr
         JOIN "components" c ON c."id" = cr."component_id"
        WHERE cr."region_id" IN (${list})`,
    units.map((u) => u.id),
  );
  const members = units.filter((u) => u.kind === 'gemeinde' || u.kind === 'verband');
  const ofVerband = await sharedComponents(
    manager,
    [
      ...new Set(
        members.filter((u) => u.kind === 'gemeinde' && u.verbandType !== null).map((u) => u.verbandKey as string),
      ),
    ],
    `g."level" = 'gemeindeverband'`,
  );
  const ofKreis = await sharedComponents(
    manager,
    [...new Set(members.map((u) => u.kreisKey).filter((k): k is string => k !== null))],
    `g."level" = 'kreis' AND cr."serves_members" = TRUE AND cr."status" = 'in-use'`,
  );
  const live = await loadLiveServices(manager, units);
  const recorded = new Map<number, Set<string>>();
  const inUse = new Map<number, Set<string>>();
  const notInUse = new Map<number, Set<string>>();
  for (const row of own) {
    const id = Number(row.regionId);
    if (row.status === 'in-use') inUse.set(id, (inUse.get(id) ?? new Set<string>()).add(row.code));
    else if (NOT_IN_USE.has(row.status)) notInUse.set(id, (notInUse.get(id) ?? new Set<string>()).add(row.code));
    else continue;
    recorded.set(id, (recorded.get(id) ?? new Set<string>()).add(row.code));
  }
  const out = new Map<number, ComponentsInUse>();
  for (const unit of units) {
    const codes = new Set(inUse.get(unit.id) ?? []);
    const missing = new Set(notInUse.get(unit.id) ?? []);
    const inherited = new Map<string, ComponentOrigin>();
    // A live connection is a fact about now: it beats an older record of "not used".
    for (const service of live.get(unit.id) ?? []) {
      for (const code of service.components) {
        if (codes.has(code)) continue;
        codes.add(code);
        missing.delete(code);
        inherited.set(code, { key: service.code, name: service.name, via: 'anschluss' });
      }
    }
    const upper: [
      string | null,
      'verband' | 'kreis',
      Map<string, { name: string; codes: string[]; notInUse: string[] }>,
    ][] =
      unit.kind === 'gemeinde'
        ? [
            [unit.verbandType !== null ? unit.verbandKey : null, 'verband', ofVerband],
            [unit.kreisKey, 'kreis', ofKreis],
          ]
        : unit.kind === 'verband'
          ? [[unit.kreisKey, 'kreis', ofKreis]]
          : [];
    for (const [key, via, source] of upper) {
      const entry = key === null ? undefined : source.get(key);
      for (const code of entry?.codes ?? []) {
        if (recorded.get(unit.id)?.has(code) || inherited.has(code) || missing.has(code)) continue;
        codes.add(code);
        inherited.set(code, { key: key as string, name: entry?.name ?? '', via });
      }
      for (const code of entry?.notInUse ?? []) {
        if (!recorded.get(unit.id)?.has(code) && !codes.has(code)) missing.add(code);
      }
    }
    const state = { inUse: codes, notInUse: missing };
    out.set(unit.id, { codes, inUse: codes, notInUse: missing, key: componentStateKey(state), inherited });
  }
  return out;
}
