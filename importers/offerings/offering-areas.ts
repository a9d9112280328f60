import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../../entities/bulk-write';
import { isPostgres } from '../../entities/transaction';
import { agsFromArs, candidateKeysForArs } from '../../lib/keys';
import type { RegionRef } from '../inventory/inventory-lookup';

/** A region as the offerings import resolves areas: the import's columns plus its current ARS. */
export interface AreaRegion extends RegionRef {
  ars: string | null;
}

/**
 * What an area text of the file names and where its offerings go. `named` is the region the
 * key names (possibly retired); `target` the current region that gets the offering: `named`
 * itself, or the successor an admin mapped it to (followed over several steps), null when a
 * retired region has no current successor. `via` says why `target` is not simply what the file
 * wrote: an ARS the Gemeinde no longer has, or a successor.
 */
export interface AreaResolution {
  named: AreaRegion;
  target: AreaRegion | null;
  via: { oldArs?: string; successorOf?: AreaRegion } | null;
}

const REGION_COLUMNS =
  'SELECT "id", "key", "level", "name", "land_key" AS "landKey", "rb_key" AS "rbKey", "kreis_key" AS "kreisKey", ' +
  '"verband_key" AS "verbandKey", "is_current" AS "isCurrent", "successor_key" AS "successorKey", "ars" FROM "regions"';

/** Successor mappings followed at most this far (an admin could map in a circle by mistake). */
const MAX_SUCCESSOR_STEPS = 10;

async function regionsByKey(manager: EntityManager, keys: string[], lock: boolean): Promise<Map<string, AreaRegion>> {
  // NOTE: on PostgreSQL a real run locks the areas it writes, as the single-offering API does.
  const forUpdate = lock && isPostgres(manager.connection) ? ' FOR UPDATE' : '';
  const rows = await selectWhereIn<AreaRegion & { isCurrent: unknown }>(
    manager,
    (list) => `${REGION_COLUMNS} WHERE "key" IN (${list})${forUpdate}`,
    [...new Set(keys)].sort(),
  );
  return new Map(rows.map((r) => [r.key, { ...r, id: Number(r.id), isCurrent: Boolean(Number(r.isCurrent)) }]));
}

/** The Gemeinde key with each stored ARS (a current Gemeinde first). */
async function keysByArs(manager: EntityManager, ars: string[]): Promise<Map<string, string>> {
  const byArs = new Map<string, { key: string; isCurrent: boolean }>();
  const rows = await selectWhereIn<{ key: string; ars: string; isCurrent: unknown }>(
    manager,
    (list) => `SELECT "key", "ars", "is_current" AS "isCurrent" FROM "regions" WHERE "ars" IN (${list})`,
    ars,
  );
  for (const r of rows) {
    const seen = byArs.get(r.ars);
    const current = Boolean(Number(r.isCurrent));
    if (!seen || (current && !seen.isCurrent)) byArs.set(r.ars, { key: r.key, isCurrent: current });
  }
  return new Map([...byArs].map(([ars, { key }]) => [ars, key]));
}

/**
 * The keys an area text may name, best first: a key directly; a 12-digit ARS as the Gemeinde
 * with that ARS, else the level its zero padding names (`091840000000` → Kreis 09184), else the
 * Gemeinde with the AGS inside it (`agsFromArs`): an ARS that changed because the Gemeinde moved
 * to another Verband still names the same Gemeinde, whose AGS stays.
 */
function candidates(area: string, byArs: Map<string, string>): { keys: string[]; byAgs: string | null } {
  if (area.length !== 12) return { keys: [area], byAgs: null };
  const exact = byArs.get(area);
  if (exact) return { keys: [exact], byAgs: null };
  return { keys: candidateKeysForArs(area), byAgs: agsFromArs(area) };
}

/** The region an area text names: by key or ARS, else a Gemeinde by the AGS inside an old ARS. */
function namedRegion(area: string, byArs: Map<string, string>, named: Map<string, AreaRegion>): AreaRegion | undefined {
  const { keys, byAgs } = candidates(area, byArs);
  const direct = keys.map((k) => named.get(k)).find((r) => r !== undefined);
  if (direct || byAgs === null) return direct;
  const gemeinde = named.get(byAgs);
  return gemeinde?.level === 'gemeinde' ? gemeinde : undefined;
}

async function followSuccessors(
  manager: EntityManager,
  named: Map<string, AreaRegion>,
  lock: boolean,
): Promise<Map<string, AreaRegion>> {
  const all = new Map(named);
  let pending = [...all.values()].filter((r) => !r.isCurrent && r.successorKey && !all.has(r.successorKey));
  for (let step = 0; step < MAX_SUCCESSOR_STEPS && pending.length > 0; step++) {
    const found = await regionsByKey(
      manager,
      pending.map((r) => r.successorKey as string),
      lock,
    );
    for (const [key, region] of found) all.set(key, region);
    pending = [...found.values()].filter((r) => !r.isCurrent && r.successorKey && !all.has(r.successorKey));
  }
  return all;
}

function currentSuccessor(region: AreaRegion, all: Map<string, AreaRegion>): AreaRegion | null {
  let at: AreaRegion | undefined = region;
  for (let step = 0; at && step <= MAX_SUCCESSOR_STEPS; step++) {
    if (at.isCurrent) return at;
    at = at.successorKey ? all.get(at.successorKey) : undefined;
  }
  return null;
}

/**
 * Resolves every area text of a file in a few queries: what it names (as `findRegion` does,
 * plus an outdated Gemeinde ARS by its AGS) and the current region its offerings belong to.
 * Area texts that name no region are missing from the map.
 */
export async function resolveAreas(
  manager: EntityManager,
  areas: string[],
  lock: boolean,
): Promise<Map<string, AreaResolution>> {
  const unique = [...new Set(areas)];
  const byArs = await keysByArs(
    manager,
    unique.filter((a) => a.length === 12),
  );
  const named = await regionsByKey(
    manager,
    unique.flatMap((a) => {
      const { keys, byAgs } = candidates(a, byArs);
      return byAgs === null ? keys : [...keys, byAgs];
    }),
    lock,
  );
  const all = await followSuccessors(manager, named, lock);
  const resolved = new Map<string, AreaResolution>();
  for (const area of unique) {
    const region = namedRegion(area, byArs, named);
    if (!region) continue;
    const oldArs = area.length === 12 && region.level === 'gemeinde' && region.ars !== null && region.ars !== area;
    const target = currentSuccessor(region, all);
    const successorOf = target && target !== region ? region : undefined;
    resolved.set(area, {
      named: region,
      target,
      via: oldArs || successorOf ? { ...(oldArs && { oldArs: area }), ...(successorOf && { successorOf }) } : null,
    });
  }
  return resolved;
}
