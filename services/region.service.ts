import { Brackets, type EntityManager } from 'typeorm';
import { Region } from '../entities';
import { findOneByColumn } from '../entities/fast-find';
import { decodeCursor, encodeCursor, type Page } from '../lib/cursor';
import { BadRequestError, NotFoundError } from '../lib/errors';
import { scopeKeysOf, scopeRefusal } from '../lib/inventory/write-refusal';
import { candidateKeysForArs, isRegionKeyOrArs, MUNICIPAL_LEVELS, type RegionLevel } from '../lib/keys';
import type { Principal } from '../lib/principal';
import { escapeLike, searchKey, searchKeyMatches } from '../lib/text';
import { notMunicipalDetail, retiredError, scopeRefusalError } from './write-refusal';

/** A region as the API shows it. */
export interface RegionView {
  key: string;
  level: RegionLevel;
  name: string;
  type: string | null;
  textCode: string | null;
  ars: string | null;
  seat: string | null;
  parentKey: string | null;
  landKey: string;
  regierungsbezirkKey: string | null;
  kreisKey: string | null;
  gemeindeverbandKey: string | null;
  population: number | null;
  areaHa: number | null;
  postcode: string | null;
  unincorporated: boolean;
  current: boolean;
  gebietsstand: string;
  retiredGebietsstand: string | null;
  successorKey: string | null;
}

/** Maps a region entity to its API representation. */
export function regionView(region: Region): RegionView {
  return {
    key: region.key,
    level: region.level,
    name: region.name,
    type: region.typeLabel,
    textCode: region.textCode,
    ars: region.ars,
    seat: region.seat,
    parentKey: region.parentKey,
    landKey: region.landKey,
    regierungsbezirkKey: region.rbKey,
    kreisKey: region.kreisKey,
    gemeindeverbandKey: region.verbandKey,
    population: region.population,
    areaHa: region.areaHa,
    postcode: region.postcode,
    unincorporated: region.isUnincorporated,
    current: region.isCurrent,
    gebietsstand: region.gebietsstand,
    retiredGebietsstand: region.retiredGebietsstand,
    successorKey: region.successorKey,
  };
}

/**
 * Finds a region by its key (AGS for a Gemeinde) or by a 12-digit ARS, also the
 * zero-padded ARS of a higher level. Throws NotFoundError if there is none.
 */
export async function findRegion(manager: EntityManager, keyOrArs: string): Promise<Region> {
  const notFound = () => new NotFoundError(`Kein Gebiet mit dem Schlüssel ${keyOrArs}.`);
  if (!isRegionKeyOrArs(keyOrArs)) throw notFound();
  if (keyOrArs.length !== 12) {
    const region = await findOneByColumn(manager, Region, 'key', keyOrArs);
    if (!region) throw notFound();
    return region;
  }
  const byArs = await manager.find(Region, { where: { ars: keyOrArs }, order: { isCurrent: 'DESC', id: 'DESC' } });
  if (byArs.length > 0) return byArs[0];
  for (const key of candidateKeysForArs(keyOrArs)) {
    const region = await findOneByColumn(manager, Region, 'key', key);
    if (region) return region;
  }
  throw notFound();
}

/**
 * Finds a region that can hold a component inventory: a Gemeinde, Gemeindeverband or Kreis.
 */
export async function findMunicipality(manager: EntityManager, keyOrArs: string): Promise<Region> {
  const region = await findRegion(manager, keyOrArs);
  if (!MUNICIPAL_LEVELS.includes(region.level)) {
    throw new NotFoundError(notMunicipalDetail(region));
  }
  return region;
}

/** The keys of a region and of all its ancestors, for scope checks (`lib/inventory/write-refusal.ts`). */
export function regionScopeKeys(region: Region): string[] {
  return scopeKeysOf(region);
}

/** Throws NotAllowedError unless the principal may write data of this municipality (the one rule: `scopeRefusal`). */
export function assertMayWrite(principal: Principal, region: Region): void {
  const refusal = scopeRefusal(principal, region);
  if (refusal) throw scopeRefusalError(region, refusal);
}

/**
 * Throws ConflictError for a region no longer in the current Gemeindeverzeichnis: its records
 * stay readable, but new data belongs to its successor (`services/write-refusal.ts#retiredError`).
 */
export async function assertCurrent(manager: EntityManager, region: Region): Promise<void> {
  if (!region.isCurrent) throw await retiredError(manager, region);
}

/** Filters for {@link listRegions}. */
export interface RegionQuery {
  level?: RegionLevel;
  /** Any ancestor key: Land, Regierungsbezirk, Kreis or Gemeindeverband. */
  parent?: string;
  /** Name search (case- and umlaut-insensitive substring), or a key prefix if all digits. */
  q?: string;
  /** Include regions no longer in the current directory. */
  includeRetired?: boolean;
  limit: number;
  cursor?: string;
}

const ANCESTOR_COLUMN_BY_LENGTH: Record<number, string> = {
  2: 'landKey',
  3: 'rbKey',
  5: 'kreisKey',
  9: 'verbandKey',
};

/** The answer to a cursor that decodes but cannot come from a previous page. */
export function invalidCursor(): BadRequestError {
  return new BadRequestError('Ungültiger Cursor.', [
    { parameter: 'cursor', detail: 'ist kein gültiger Cursor aus einer vorherigen Antwort' },
  ]);
}

/** Lists regions ordered by key, one page at a time (keyset pagination). */
export async function listRegions(manager: EntityManager, query: RegionQuery): Promise<Page<RegionView>> {
  const qb = manager
    .createQueryBuilder(Region, 'r')
    .orderBy('r.key', 'ASC')
    .take(query.limit + 1);
  if (query.level) qb.andWhere('r.level = :level', { level: query.level });
  if (query.parent) {
    const column = ANCESTOR_COLUMN_BY_LENGTH[query.parent.length] ?? 'parentKey';
    qb.andWhere(`r.${column} = :parent`, { parent: query.parent });
  }
  if (query.q) {
    const q = query.q.trim();
    if (/^\d+$/.test(q)) {
      qb.andWhere(
        new Brackets((w) => {
          w.where('r.key LIKE :prefix', { prefix: `${q}%` })
            .orWhere('r.ars LIKE :prefix', { prefix: `${q}%` })
            .orWhere('r.postcode LIKE :prefix', { prefix: `${q}%` });
        }),
      );
    } else {
      qb.andWhere(searchKeyMatches('r.nameSearch', 'name'), { name: `%${escapeLike(searchKey(q))}%` });
    }
  }
  if (!query.includeRetired) qb.andWhere('r.isCurrent = :current', { current: true });
  if (query.cursor) {
    const { k } = decodeCursor<{ k: string }>(query.cursor, { k: 'string' });
    // A forged cursor must not reach the database: PostgreSQL fails on NUL in a parameter.
    if (!/^\d{2,12}$/.test(k)) throw invalidCursor();
    qb.andWhere('r.key > :after', { after: k });
  }
  const rows = await qb.getMany();
  const hasMore = rows.length > query.limit;
  const items = rows.slice(0, query.limit);
  return {
    items: items.map(regionView),
    nextCursor: hasMore ? encodeCursor({ k: items[items.length - 1].key }) : null,
  };
}
