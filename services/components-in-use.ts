import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../entities/bulk-write';
import type { AdminUnit } from './administrative-units';

/** Where an inherited component comes from: the Verband that administers the unit, or its Landkreis. */
export interface ComponentOrigin {
  key: string;
  name: string;
  via: 'verband' | 'kreis';
}

/** The base components a unit has in use, and which of them it inherits. */
export interface ComponentsInUse {
  codes: Set<string>;
  /** Stable key of `codes`, so units with the same set share computations. */
  key: string;
  /** Component code → the Verband or Kreis whose record the unit uses (absent for its own records). */
  inherited: Map<string, ComponentOrigin>;
}

/** In-use records of larger administrations that count for units below them, per region key. */
async function sharedComponents(
  manager: EntityManager,
  keys: string[],
  condition: string,
): Promise<Map<string, { name: string; codes: string[] }>> {
  const rows = await selectWhereIn<{ regionKey: string; name: string; code: string }>(
    manager,
    (list) =>
      `SELECT g."key" AS "regionKey", g."name" AS "name", c."code" AS "code" FROM "component_records" cr
         JOIN "components" c ON c."id" = cr."component_id"
         JOIN "regions" g ON g."id" = cr."region_id"
        WHERE cr."status" = 'in-use' AND ${condition} AND g."key" IN (${list})`,
    keys,
  );
  const out = new Map<string, { name: string; codes: string[] }>();
  for (const row of rows) {
    const entry = out.get(row.regionKey) ?? { name: row.name, codes: [] };
    entry.codes.push(row.code);
    out.set(row.regionKey, entry);
  }
  return out;
}

/**
 * The base components each unit has in use (status `in-use`). A member Gemeinde also uses what its
 * Verband runs (the Verband is its administration); a Gemeinde or Verband of a Landkreis also what
 * the Kreis runs for its Gemeinden (records marked `servesMembers`). An own record overrides what
 * a unit would inherit, whatever its status; a Verband's record overrides the Kreis's.
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
    `g."level" = 'kreis' AND cr."serves_members" = TRUE`,
  );
  const recorded = new Map<number, Set<string>>();
  const inUse = new Map<number, Set<string>>();
  for (const row of own) {
    const id = Number(row.regionId);
    recorded.set(id, (recorded.get(id) ?? new Set<string>()).add(row.code));
    if (row.status === 'in-use') inUse.set(id, (inUse.get(id) ?? new Set<string>()).add(row.code));
  }
  const out = new Map<number, ComponentsInUse>();
  for (const unit of units) {
    const codes = new Set(inUse.get(unit.id) ?? []);
    const inherited = new Map<string, ComponentOrigin>();
    const upper: [string | null, 'verband' | 'kreis', Map<string, { name: string; codes: string[] }>][] =
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
        if (recorded.get(unit.id)?.has(code) || inherited.has(code)) continue;
        codes.add(code);
        inherited.set(code, { key: key as string, name: entry?.name ?? '', via });
      }
    }
    out.set(unit.id, { codes, key: [...codes].sort().join(','), inherited });
  }
  return out;
}
