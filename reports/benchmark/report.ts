import type { EntityManager } from 'typeorm';
import { OPERATOR_TYPES, type OperatorType } from '../../lib/vocabulary';
import { areaView, loadPlaceNames, resolveArea, type AreaMunicipality, type AreaView } from '../area';
import { loadActivity, loadOperatorTypeCounts, type Activity, type OperatorTypeCount } from './queries';
import { benchmarkNotes, benchmarkSummary } from './wording';
import { loadCatalogue, type CatalogueEntry } from '../common/records';
import {
  KGST_SIZE_CLASSES,
  SIZE_CLASS_SOURCE,
  sizeClassOf,
  sizeClassTitle,
  UNKNOWN_SIZE_CLASS,
  type SizeClass,
} from '../common/size-classes';
import { SURVEY_2019, surveyClass, type SurveyReference } from '../common/survey';

/**
 * A municipality's data are stale when for this many months (unless asked otherwise) no
 * record changed and nobody confirmed them as complete and current.
 */
export const DEFAULT_STALE_MONTHS = 12;

/** Survey figures for one group of municipalities. */
export interface BenchmarkRow {
  /** The whole area, a Land, a Kreis, or a population size class (`key` = `gk1` … `gk7`, `unknown`). */
  scope: 'area' | 'land' | 'kreis' | 'sizeClass';
  key: string;
  name: string;
  /** Gemeinden of the group (the units compared). */
  municipalities: number;
  /** Gemeinden with at least one record (any status). */
  withData: number;
  noData: number;
  /** Of `withData`: no record changed and no confirmation within the stale period. */
  stale: number;
  none: number;
  oneToTwo: number;
  threePlus: number;
  /** "gut aufgestellt": three or more components in use (= `threePlus`). */
  wellPositioned: number;
  /** Percentages of `withData` (one decimal); null without data. */
  shares: { none: number; oneToTwo: number; threePlus: number } | null;
  /** Of `withData`: Gemeinden with records from `demo load` (synthetic, counted like real ones). */
  demoMunicipalities: number;
}

/** Who runs a component, by operator type, over the in-use records of the area's Gemeinden. */
export interface OperatorTypeShares {
  component: string;
  label: string;
  inUse: number;
  /** Per operator type and `unknown` (no operator recorded): count and percentage of `inUse`. */
  types: Record<OperatorType | 'unknown', { count: number; share: number | null }>;
}

/** The survey benchmark of an area. */
export interface BenchmarkReport {
  report: 'benchmark';
  area: AreaView;
  generatedAt: string;
  notes: string[];
  /** True when demo data are among the records (then the first note says so). */
  demoData: boolean;
  staleMonths: number;
  /** Data whose last change and last confirmation both lie before this instant are stale. */
  staleBefore: string;
  /** The survey: sample, source, and each figure with its `derived` flag and note. */
  survey: SurveyReference;
  total: BenchmarkRow;
  byLand: BenchmarkRow[];
  byKreis: BenchmarkRow[];
  /**
   * The area's Gemeinden per KGSt size class (all seven, largest first; `unknown` only when some
   * Gemeinde lacks a population). The survey published no figures per class, so each class is
   * set beside the survey's total figures.
   */
  bySizeClass: BenchmarkRow[];
  sizeClasses: { title: string; url: string; note: string; classes: SizeClass[] };
  operatorTypes: OperatorTypeShares[];
  summary: string;
}

/** Options of {@link buildBenchmarkReport}. */
export interface BenchmarkOptions {
  /** Months without a change or confirmation after which data count as stale (default {@link DEFAULT_STALE_MONTHS}). */
  staleMonths?: number;
  /** The reference instant (tests); default now. */
  now?: Date;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
}

function rowOf(
  scope: BenchmarkRow['scope'],
  key: string,
  name: string,
  members: AreaMunicipality[],
  activity: Map<number, Activity>,
  staleBefore: Date,
): BenchmarkRow {
  const counts = { withData: 0, stale: 0, none: 0, oneToTwo: 0, threePlus: 0 };
  let demoMunicipalities = 0;
  for (const m of members) {
    const a = activity.get(m.id);
    if (!a) continue;
    counts.withData += 1;
    if (a.demo) demoMunicipalities += 1;
    if (!a.lastActivity || a.lastActivity < staleBefore) counts.stale += 1;
    counts[surveyClass(a.inUse)] += 1;
  }
  const shares =
    counts.withData === 0
      ? null
      : {
          none: percent(counts.none, counts.withData) as number,
          oneToTwo: percent(counts.oneToTwo, counts.withData) as number,
          threePlus: percent(counts.threePlus, counts.withData) as number,
        };
  return {
    scope,
    key,
    name,
    municipalities: members.length,
    ...counts,
    noData: members.length - counts.withData,
    wellPositioned: counts.threePlus,
    shares,
    demoMunicipalities,
  };
}

function groupBy(
  municipalities: AreaMunicipality[],
  keyOf: (m: AreaMunicipality) => string | null,
): Map<string, AreaMunicipality[]> {
  const groups = new Map<string, AreaMunicipality[]>();
  for (const m of municipalities) {
    const key = keyOf(m);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** One row per KGSt size class, largest first; Gemeinden without a population last, if any. */
function sizeClassRows(
  municipalities: AreaMunicipality[],
  activity: Map<number, Activity>,
  staleBefore: Date,
): BenchmarkRow[] {
  const members = groupBy(municipalities, (m) => sizeClassOf(m.population).key);
  const classes = members.has('unknown') ? [...KGST_SIZE_CLASSES, UNKNOWN_SIZE_CLASS] : KGST_SIZE_CLASSES;
  return classes.map((c) =>
    rowOf('sizeClass', c.key, sizeClassTitle(c), members.get(c.key) ?? [], activity, staleBefore),
  );
}

/** Who runs each component, by operator type, from the counted in-use records. */
function operatorTypeShares(rows: OperatorTypeCount[], catalogue: CatalogueEntry[]): OperatorTypeShares[] {
  return catalogue.map((component) => {
    const mine = rows.filter((r) => r.componentId === component.id);
    const inUse = mine.reduce((sum, r) => sum + r.records, 0);
    const types = Object.fromEntries(
      [...OPERATOR_TYPES, 'unknown' as const].map((type) => {
        const count = mine.filter((r) => (r.type ?? 'unknown') === type).reduce((sum, r) => sum + r.records, 0);
        return [type, { count, share: percent(count, inUse) }];
      }),
    ) as OperatorTypeShares['types'];
    return { component: component.code, label: component.label, inUse, types };
  });
}

/** The instant `months` calendar months before `now` (UTC). */
export function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Builds the survey benchmark: the share of Gemeinden with none / one–two / three or more
 * components in use, for the area, every Kreis of it, every KGSt size class and (for Germany or
 * an operator's area) every Land, beside the 2019 survey figures (the three-or-more figure is
 * derived, see {@link SURVEY_2019}); operator-type shares per component; and how many Gemeinden
 * have no data or stale data. Shares are computed over the Gemeinden WITH data, so missing data
 * never reads as missing components.
 */
export async function buildBenchmarkReport(
  manager: EntityManager,
  areaText: string,
  options: BenchmarkOptions = {},
): Promise<BenchmarkReport> {
  const staleMonths = options.staleMonths ?? DEFAULT_STALE_MONTHS;
  const staleBefore = monthsBefore(options.now ?? new Date(), staleMonths);
  const area = await resolveArea(manager, areaText);
  const activity = await loadActivity(manager, area);
  const names = await loadPlaceNames(manager, area.landKeys);
  const total = rowOf('area', area.key, area.label, area.municipalities, activity, staleBefore);
  const byKreis = [...groupBy(area.municipalities, (m) => m.kreisKey).entries()].map(([key, members]) =>
    rowOf('kreis', key, names.kreise.get(key)?.name ?? key, members, activity, staleBefore),
  );
  const byLand =
    area.kind === 'germany' || area.kind === 'operator'
      ? [...groupBy(area.municipalities, (m) => m.landKey).entries()].map(([key, members]) =>
          rowOf('land', key, names.laender.get(key) ?? key, members, activity, staleBefore),
        )
      : [];
  const bySizeClass = sizeClassRows(area.municipalities, activity, staleBefore);
  const demoData = total.demoMunicipalities > 0;
  return {
    report: 'benchmark',
    area: areaView(area),
    generatedAt: new Date().toISOString(),
    notes: benchmarkNotes({ demoData, staleBefore, staleMonths }),
    demoData,
    staleMonths,
    staleBefore: staleBefore.toISOString(),
    survey: SURVEY_2019,
    total,
    byLand,
    byKreis,
    bySizeClass,
    sizeClasses: { ...SIZE_CLASS_SOURCE, classes: [...KGST_SIZE_CLASSES] },
    operatorTypes: operatorTypeShares(await loadOperatorTypeCounts(manager, area), await loadCatalogue(manager)),
    summary: benchmarkSummary(area, total, staleMonths),
  };
}
