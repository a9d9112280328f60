import type { Region } from '../entities';
import { REGION_LEVELS, type RegionLevel } from '../lib/keys';
import { searchKey } from '../lib/text';
import type { Gv100adRegion } from './gv100ad/gv100ad.parser';

/** The stored columns of a region that an edition of the directory determines. */
export type RegionRow = Pick<
  Region,
  | 'key'
  | 'level'
  | 'name'
  | 'nameSearch'
  | 'seat'
  | 'textCode'
  | 'typeLabel'
  | 'ars'
  | 'parentKey'
  | 'landKey'
  | 'rbKey'
  | 'kreisKey'
  | 'verbandKey'
  | 'population'
  | 'areaHa'
  | 'postcode'
  | 'isUnincorporated'
  | 'isCurrent'
  | 'gebietsstand'
  | 'retiredGebietsstand'
>;

/** Attributes compared to decide whether a listed region changed (besides being retired). */
const COMPARED: (keyof RegionRow)[] = [
  'level',
  'name',
  'seat',
  'textCode',
  'typeLabel',
  'ars',
  'parentKey',
  'landKey',
  'rbKey',
  'kreisKey',
  'verbandKey',
  'population',
  'areaHa',
  'postcode',
  'isUnincorporated',
];

/** One region the edition changes, with what it was before. */
export interface RegionChange {
  row: RegionRow;
  before: Region;
  renamed: boolean;
  reactivated: boolean;
}

/** Counts of one level. */
export interface LevelCounts {
  inFile: number;
  added: number;
  changed: number;
  renamed: number;
  reactivated: number;
  retired: number;
  unchanged: number;
}

/** What importing an edition does to the stored regions; computed in memory, written set-based. */
export interface RegionPlan {
  gebietsstand: string;
  added: RegionRow[];
  changed: RegionChange[];
  retired: Region[];
  unchanged: number;
  /** Listed, otherwise unchanged regions whose stored Gebietsstand is another edition's. */
  restamped: number;
  perLevel: Record<RegionLevel, LevelCounts>;
}

/** The row an edition's region record should be stored as. */
export function rowOf(region: Gv100adRegion): RegionRow {
  return {
    key: region.key,
    level: region.level,
    name: region.name,
    nameSearch: searchKey(region.name),
    seat: region.seat,
    textCode: region.textCode,
    typeLabel: region.typeLabel,
    ars: region.ars,
    parentKey: region.parentKey,
    landKey: region.landKey,
    rbKey: region.rbKey,
    kreisKey: region.kreisKey,
    verbandKey: region.verbandKey,
    population: region.population,
    areaHa: region.areaHa,
    postcode: region.postcode,
    isUnincorporated: region.isUnincorporated,
    isCurrent: true,
    gebietsstand: region.gebietsstand,
    retiredGebietsstand: null,
  };
}

function differs(row: RegionRow, stored: Region): boolean {
  // NOTE: null and undefined both mean "not given"; numbers may arrive as strings from some drivers.
  return COMPARED.some((field) => String(row[field] ?? '') !== String(stored[field] ?? ''));
}

function emptyLevelCounts(): Record<RegionLevel, LevelCounts> {
  const zero = (): LevelCounts => ({
    inFile: 0,
    added: 0,
    changed: 0,
    renamed: 0,
    reactivated: 0,
    retired: 0,
    unchanged: 0,
  });
  return Object.fromEntries(REGION_LEVELS.map((level) => [level, zero()])) as Record<RegionLevel, LevelCounts>;
}

/**
 * Compares an edition with the stored regions. Listed regions are added or updated in place
 * (a retired one is reactivated); current regions the edition no longer lists are retired;
 * nothing is ever deleted. Pure: the caller loads `stored` once and writes the plan.
 */
export function planRegionChanges(stored: Region[], edition: Gv100adRegion[], gebietsstand: string): RegionPlan {
  const byKey = new Map(stored.map((r) => [r.key, r]));
  const perLevel = emptyLevelCounts();
  const plan: RegionPlan = { gebietsstand, added: [], changed: [], retired: [], unchanged: 0, restamped: 0, perLevel };
  const listed = new Set<string>();
  for (const region of edition) {
    const row = rowOf(region);
    const counts = perLevel[row.level];
    counts.inFile += 1;
    listed.add(row.key);
    const before = byKey.get(row.key);
    if (!before) {
      plan.added.push(row);
      counts.added += 1;
      continue;
    }
    const renamed = before.name !== row.name;
    const reactivated = !before.isCurrent;
    if (reactivated || differs(row, before)) {
      plan.changed.push({ row, before, renamed, reactivated });
      counts.changed += 1;
      counts.renamed += renamed ? 1 : 0;
      counts.reactivated += reactivated ? 1 : 0;
    } else {
      plan.unchanged += 1;
      counts.unchanged += 1;
      if (before.gebietsstand !== gebietsstand) plan.restamped += 1;
    }
  }
  for (const region of stored) {
    if (region.isCurrent && !listed.has(region.key)) {
      plan.retired.push(region);
      perLevel[region.level].retired += 1;
    }
  }
  return plan;
}

/** True when writing the plan would change nothing at all. */
export function isEmptyPlan(plan: RegionPlan): boolean {
  return plan.added.length === 0 && plan.changed.length === 0 && plan.retired.length === 0 && plan.restamped === 0;
}

/** The newest Gebietsstand among the current regions: the edition imported last. */
export function lastImportedEdition(stored: Region[]): string | null {
  let latest: string | null = null;
  for (const r of stored) if (r.isCurrent && (latest === null || r.gebietsstand > latest)) latest = r.gebietsstand;
  return latest;
}
