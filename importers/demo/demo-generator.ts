import type { ComponentStatus, OperatorType } from '../../lib/vocabulary';
import {
  DEFAULT_OPERATOR_WEIGHTS,
  DEFAULT_POPULARITY,
  HOME_PRODUCT_SHARE,
  HOME_PROVIDER_SHARE,
  KREIS_COMPONENTS,
  NO_DATA_SHARE,
  NOT_IN_USE,
  OPERATOR_TYPE_ORDER,
  OPERATOR_WEIGHTS,
  POPULARITY,
  productsFor,
  STALE_SHARE,
  TARGET_SHARES,
  WELL_POSITIONED_MUNICIPAL_BOOST,
} from './demo-profile';
import { deriveSeed, Random } from './prng';

/**
 * Pure generator of a synthetic component landscape for the real municipalities of a Land.
 * No database: it returns records that name operators by slot; the writer resolves slots to
 * operator rows. Same input and seed → same output.
 */

/** A municipality to generate data for. */
export interface DemoMunicipality {
  key: string;
  name: string;
  population: number;
  kreisKey: string | null;
}

/** Which operator runs a record, before the writer resolves it to an operator row. */
export type DemoOperatorSlot =
  | { type: 'own-it'; regionKey: string }
  | { type: 'municipal-provider'; index: number }
  | { type: 'private-provider'; index: number }
  | { type: 'state' }
  | { type: 'federal' };

/** One generated record of a Gemeinde or (for a Landkreis) of a Kreis. */
export interface DemoRecord {
  regionKey: string;
  component: string;
  status: ComponentStatus;
  operator: DemoOperatorSlot | null;
  product: string | null;
  /** How many days before the load the record counts as last updated. */
  ageDays: number;
}

/** The survey class a municipality was drawn into. */
export type DemoBucket = 'none' | 'oneToTwo' | 'threePlus';

/** What the generator needs. */
export interface DemoInput {
  seed: number;
  landKey: string;
  /** Component codes in catalogue order. */
  components: readonly string[];
  municipalities: readonly DemoMunicipality[];
  /** Municipal providers available in the Land (at least 1). */
  municipalProviders: number;
  /** Private providers in the pool (at least 1). */
  privateProviders: number;
}

/** The generated landscape. */
export interface DemoLandscape {
  records: DemoRecord[];
  /** Survey class per municipality with data. */
  buckets: Map<string, DemoBucket>;
  /** Municipalities deliberately left without records. */
  noData: string[];
}

interface Drawn {
  m: DemoMunicipality;
  rng: Random;
  score: number;
}

/**
 * Ranks municipalities by size with noise and cuts the ranking at the survey's shares, so the
 * distribution is exact while larger municipalities are more often well equipped.
 */
function assignBuckets(drawn: Drawn[]): Map<string, DemoBucket> {
  const sorted = [...drawn].sort((a, b) => a.score - b.score || a.m.key.localeCompare(b.m.key));
  const noneEnd = Math.round(sorted.length * TARGET_SHARES.none);
  const fewEnd = Math.round(sorted.length * (TARGET_SHARES.none + TARGET_SHARES.oneToTwo));
  return new Map(sorted.map((d, i) => [d.m.key, i < noneEnd ? 'none' : i < fewEnd ? 'oneToTwo' : 'threePlus']));
}

/** How many components in use, by class and (for the upper class) by size rank in [0, 1]. */
function inUseCount(bucket: DemoBucket, sizeRank: number, rng: Random, max: number): number {
  if (bucket === 'none') return 0;
  if (bucket === 'oneToTwo') return Math.min(max, rng.chance(0.4 + 0.2 * sizeRank) ? 2 : 1);
  return Math.min(max, 3 + Math.floor(rng.float() * (2 + 5 * sizeRank)));
}

/** Draws `count` components without replacement, weighted by popularity. */
function chooseComponents(components: readonly string[], count: number, rng: Random): Set<string> {
  const pool = [...components];
  const chosen = new Set<string>();
  while (chosen.size < count && pool.length > 0) {
    const index = rng.weighted(pool.map((c) => POPULARITY[c] ?? DEFAULT_POPULARITY));
    chosen.add(pool[index]);
    pool.splice(index, 1);
  }
  return chosen;
}

function operatorSlot(
  code: string,
  m: DemoMunicipality,
  bucket: DemoBucket,
  rng: Random,
  input: DemoInput,
): DemoOperatorSlot {
  const weights = [...(OPERATOR_WEIGHTS[code] ?? DEFAULT_OPERATOR_WEIGHTS)];
  if (bucket === 'threePlus') {
    weights[0] *= WELL_POSITIONED_MUNICIPAL_BOOST;
    weights[1] *= WELL_POSITIONED_MUNICIPAL_BOOST;
  }
  const type = OPERATOR_TYPE_ORDER[rng.weighted(weights)];
  switch (type) {
    case 'own-it':
      return { type, regionKey: m.key };
    case 'municipal-provider':
      return { type, index: municipalIndex(m.kreisKey ?? m.key, rng, input) };
    case 'private-provider':
      return { type, index: rng.int(0, input.privateProviders - 1) };
    default:
      return { type };
  }
}

/** Most Gemeinden of a Kreis use the Kreis's usual provider; some use another one of the Land. */
function municipalIndex(kreisKey: string, rng: Random, input: DemoInput): number {
  const home = deriveSeed(input.seed, `provider:${kreisKey}`) % input.municipalProviders;
  return rng.chance(HOME_PROVIDER_SHARE) ? home : rng.int(0, input.municipalProviders - 1);
}

function productFor(code: string, type: OperatorType, kreisKey: string, rng: Random, input: DemoInput): string | null {
  const products = productsFor(code, type, input.landKey);
  if (products.length === 0) return null;
  const home = products[deriveSeed(input.seed, `product:${kreisKey}:${code}`) % products.length];
  return rng.chance(HOME_PRODUCT_SHARE) ? home : rng.pick(products);
}

/** A status for a component that is not in use, or null for "no record". */
function notInUseStatus(code: string, rng: Random): ComponentStatus | null {
  const u = rng.float();
  if (code === 'de-mail' && u < NOT_IN_USE.deMailRetired) return 'retired';
  if (u < NOT_IN_USE.planned) return 'planned';
  if (u < NOT_IN_USE.planned + NOT_IN_USE.notUsed) return 'not-used';
  if (u < NOT_IN_USE.planned + NOT_IN_USE.notUsed + NOT_IN_USE.unknown) return 'unknown';
  return null;
}

function municipalityRecords(d: Drawn, bucket: DemoBucket, sizeRank: number, input: DemoInput): DemoRecord[] {
  const { m, rng } = d;
  const stale = rng.chance(STALE_SHARE);
  const age = () => (stale ? rng.int(400, 1000) : rng.int(0, 300));
  const inUse = chooseComponents(input.components, inUseCount(bucket, sizeRank, rng, input.components.length), rng);
  const records: DemoRecord[] = [];
  for (const code of input.components) {
    if (inUse.has(code)) {
      const operator = operatorSlot(code, m, bucket, rng, input);
      const product = productFor(code, operator.type, m.kreisKey ?? m.key, rng, input);
      records.push({ regionKey: m.key, component: code, status: 'in-use', operator, product, ageDays: age() });
      continue;
    }
    const status = notInUseStatus(code, rng);
    if (status)
      records.push({ regionKey: m.key, component: code, status, operator: null, product: null, ageDays: age() });
  }
  if (records.length === 0) {
    // Every municipality with data has at least one record, or it would count as "no data".
    const code = [...input.components].sort((a, b) => (POPULARITY[b] ?? 0) - (POPULARITY[a] ?? 0))[0];
    records.push({
      regionKey: m.key,
      component: code,
      status: rng.chance(0.5) ? 'planned' : 'not-used',
      operator: null,
      product: null,
      ageDays: age(),
    });
  }
  return records;
}

/** Records a Landkreis keeps for its own administration, run by its usual municipal provider. */
function kreisRecords(kreisKey: string, input: DemoInput): DemoRecord[] {
  const rng = new Random(deriveSeed(input.seed, `kreis:${kreisKey}`));
  const home = deriveSeed(input.seed, `provider:${kreisKey}`) % input.municipalProviders;
  const records: DemoRecord[] = [];
  for (const code of input.components) {
    const p = KREIS_COMPONENTS[code];
    if (!p || !rng.chance(p)) continue;
    const operator: DemoOperatorSlot =
      code === 'service-account' ? { type: 'federal' } : { type: 'municipal-provider', index: home };
    const product = productFor(code, operator.type, kreisKey, rng, input);
    records.push({
      regionKey: kreisKey,
      component: code,
      status: 'in-use',
      operator,
      product,
      ageDays: rng.int(0, 300),
    });
  }
  return records;
}

/**
 * Generates the landscape: a few municipalities without data; the rest split exactly into the
 * survey's classes (none / one–two / three or more components in use) by a noisy size ranking;
 * components, operator types and products drawn per municipality from its own seeded stream;
 * Landkreise (Kreise with more than one Gemeinde) get records of their own.
 */
export function generateDemoLandscape(input: DemoInput): DemoLandscape {
  const noData: string[] = [];
  const drawn: Drawn[] = [];
  for (const m of [...input.municipalities].sort((a, b) => a.key.localeCompare(b.key))) {
    const rng = new Random(deriveSeed(input.seed, m.key));
    const score = Math.log10(Math.max(m.population, 1) + 10) + 0.6 * rng.noise();
    if (rng.chance(NO_DATA_SHARE)) noData.push(m.key);
    else drawn.push({ m, rng, score });
  }
  const buckets = assignBuckets(drawn);
  const bySize = [...drawn].sort((a, b) => a.m.population - b.m.population || a.m.key.localeCompare(b.m.key));
  const sizeRank = new Map(bySize.map((d, i) => [d.m.key, bySize.length > 1 ? i / (bySize.length - 1) : 1]));
  const records = drawn.flatMap((d) =>
    municipalityRecords(d, buckets.get(d.m.key) as DemoBucket, sizeRank.get(d.m.key) as number, input),
  );
  const perKreis = new Map<string, number>();
  for (const m of input.municipalities) if (m.kreisKey) perKreis.set(m.kreisKey, (perKreis.get(m.kreisKey) ?? 0) + 1);
  for (const [kreisKey, count] of [...perKreis.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (count > 1) records.push(...kreisRecords(kreisKey, input));
  }
  return { records, buckets, noData };
}
