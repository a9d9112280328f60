import type { EntityManager } from 'typeorm';
import { searchKey } from '../../lib/text';
import { areaView, resolveArea, UPPER_LEVEL_NOTE, type AreaView } from '../area';
import type { CatalogueEntry, OperatorRef, ReportRecord } from '../common/records';
import { einwohner, formatCount, gemeinden, withDemoNote } from '../common/wording';
import { loadInUseRecords } from './queries';

/**
 * "Small" municipality for the fragmentation report: fewer residents than this. 10,000 is the
 * usual line between Landgemeinden / small towns and medium-sized towns in German municipal
 * statistics, and below it an own operation of a component rarely has the staff behind it.
 */
export const DEFAULT_SMALL_POPULATION = 10_000;

/**
 * A component is highlighted when at least this many small Gemeinden run it separately …
 */
export const HIGHLIGHT_MIN_COUNT = 3;
/** … and they are at least this share of the small Gemeinden that run it at all. */
export const HIGHLIGHT_MIN_SHARE = 0.25;

/** Options of {@link buildFragmentationReport}. */
export interface FragmentationOptions {
  /** Population below which a Gemeinde counts as small (default {@link DEFAULT_SMALL_POPULATION}). */
  smallPopulation?: number;
}

/** How one component is run across the area. */
export interface ComponentFragmentation {
  component: string;
  label: string;
  /** Gemeinden with the component in use, and their population. */
  municipalitiesInUse: number;
  populationInUse: number;
  operatorCount: number;
  productCount: number;
  /** Operators by Gemeinden served (in use), most first; `operator` null = no operator recorded. */
  operators: { operator: OperatorRef | null; municipalities: number; population: number }[];
  /** Products by Gemeinden served, most first (names compared case- and space-insensitively). */
  products: ProductTally[];
  /** Small Gemeinden whose operator serves no other Gemeinde of the area for this component. */
  smallSeparate: { municipalities: number; population: number };
  smallInUse: number;
  highlighted: boolean;
  /** In-use records of Kreise and Gemeindeverbände of the area (shown, not counted above). */
  administrationsInUse: number;
  /** Of `municipalitiesInUse`: records from `demo load` (synthetic). */
  demoRecords: number;
  assessment: string;
}

/** One product of a component: the Gemeinden that use it and their population. */
export interface ProductTally {
  product: string;
  municipalities: number;
  population: number;
}

/** Per component: how many operators and products serve how many municipalities. */
export interface FragmentationReport {
  report: 'fragmentation';
  area: AreaView;
  generatedAt: string;
  notes: string[];
  /** True when demo data are among the records (then the first note says so). */
  demoData: boolean;
  smallPopulation: number;
  components: ComponentFragmentation[];
}

interface Tally {
  municipalities: number;
  population: number;
}

function tallyBy<K>(
  records: ReportRecord[],
  keyOf: (r: ReportRecord) => K,
  population: Map<number, number>,
): Map<K, Tally> {
  const tallies = new Map<K, Tally>();
  for (const record of records) {
    const key = keyOf(record);
    const tally = tallies.get(key) ?? { municipalities: 0, population: 0 };
    tally.municipalities += 1;
    tally.population += population.get(record.regionId) ?? 0;
    tallies.set(key, tally);
  }
  return tallies;
}

function productTallies(records: ReportRecord[], population: Map<number, number>): ProductTally[] {
  const byKey = new Map<string, ProductTally>();
  for (const record of records) {
    if (!record.product) continue;
    const key = searchKey(record.product);
    const entry = byKey.get(key) ?? { product: record.product, municipalities: 0, population: 0 };
    entry.municipalities += 1;
    entry.population += population.get(record.regionId) ?? 0;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      b.municipalities - a.municipalities || b.population - a.population || a.product.localeCompare(b.product, 'de'),
  );
}

function assessment(c: Omit<ComponentFragmentation, 'assessment'>, smallPopulation: number): string {
  if (c.municipalitiesInUse === 0) return `${c.label}: in keiner Gemeinde des Gebiets im Einsatz erfasst.`;
  const base =
    `${c.label}: ${gemeinden(c.municipalitiesInUse)} (${einwohner(c.populationInUse)}) bei ` +
    `${formatCount(c.operatorCount)} ${c.operatorCount === 1 ? 'Betreiber' : 'Betreibern'} mit ` +
    `${formatCount(c.productCount)} ${c.productCount === 1 ? 'Produkt' : 'Produkten'}`;
  if (c.smallSeparate.municipalities === 0) return `${base}.`;
  const one = c.smallSeparate.municipalities === 1;
  const separate =
    `${gemeinden(c.smallSeparate.municipalities)} unter ${formatCount(smallPopulation)} Einwohnern ` +
    `(${one ? '' : 'zusammen '}${einwohner(c.smallSeparate.population)}) ` +
    (one ? 'betreibt die Komponente für sich allein' : 'betreiben die Komponente jeweils für sich allein');
  return c.highlighted ? `Auffällig – ${base}; ${separate}.` : `${base}; ${separate}.`;
}

function fragmentationOf(
  component: CatalogueEntry,
  inUse: ReportRecord[],
  context: {
    operators: Map<number, OperatorRef>;
    population: Map<number, number>;
    smallPopulation: number;
    administrationsInUse: number;
  },
): ComponentFragmentation {
  const { operators, population, smallPopulation } = context;
  const byOperator = tallyBy(inUse, (r) => r.operatorId, population);
  const small = inUse.filter((r) => (population.get(r.regionId) ?? 0) < smallPopulation);
  const separate = small.filter(
    (r) => r.operatorId === null || (byOperator.get(r.operatorId)?.municipalities ?? 0) === 1,
  );
  const smallSeparate = {
    municipalities: separate.length,
    population: separate.reduce((sum, r) => sum + (population.get(r.regionId) ?? 0), 0),
  };
  const products = productTallies(inUse, population);
  const partial = {
    component: component.code,
    label: component.label,
    municipalitiesInUse: inUse.length,
    populationInUse: inUse.reduce((sum, r) => sum + (population.get(r.regionId) ?? 0), 0),
    operatorCount: [...byOperator.keys()].filter((id) => id !== null).length,
    productCount: products.length,
    operators: [...byOperator.entries()]
      .map(([id, tally]) => ({ operator: id === null ? null : (operators.get(id) ?? null), ...tally }))
      .sort((a, b) => b.municipalities - a.municipalities || b.population - a.population),
    products,
    smallSeparate,
    smallInUse: small.length,
    highlighted: separate.length >= HIGHLIGHT_MIN_COUNT && separate.length >= HIGHLIGHT_MIN_SHARE * small.length,
    administrationsInUse: context.administrationsInUse,
    demoRecords: inUse.filter((r) => r.demo).length,
  };
  return { ...partial, assessment: assessment(partial, smallPopulation) };
}

/**
 * Builds the fragmentation report: per component, the distinct operators and products that
 * serve the area's Gemeinden (status `in-use`), the Gemeinden and population they serve, and
 * how many small Gemeinden run the component separately — with an operator that serves no
 * other Gemeinde of the area for it (their own IT, typically) or with no operator recorded.
 */
export async function buildFragmentationReport(
  manager: EntityManager,
  areaText: string,
  options: FragmentationOptions = {},
): Promise<FragmentationReport> {
  const smallPopulation = options.smallPopulation ?? DEFAULT_SMALL_POPULATION;
  const area = await resolveArea(manager, areaText);
  const { catalogue, operators, inUse, upper } = await loadInUseRecords(manager, area);
  const population = new Map(area.municipalities.map((m) => [m.id, m.population]));
  const components = catalogue.map((component) =>
    fragmentationOf(
      component,
      inUse.filter((r) => r.componentId === component.id),
      {
        operators,
        population,
        smallPopulation,
        administrationsInUse: upper.filter((r) => r.componentId === component.id).length,
      },
    ),
  );
  const demoData = inUse.some((r) => r.demo) || upper.some((r) => r.demo);
  return {
    report: 'fragmentation',
    area: areaView(area),
    generatedAt: new Date().toISOString(),
    notes: withDemoNote(demoData, [
      UPPER_LEVEL_NOTE,
      `Klein heißt: weniger als ${einwohner(smallPopulation)}. „Für sich allein“ heißt: der Betreiber versorgt im Gebiet ` +
        'keine weitere Gemeinde mit dieser Komponente, oder es ist kein Betreiber erfasst.',
      `Hervorgehoben sind Komponenten, die mindestens ${HIGHLIGHT_MIN_COUNT} kleine Gemeinden und mindestens ` +
        `${Math.round(HIGHLIGHT_MIN_SHARE * 100)} % der kleinen Gemeinden, die sie nutzen, jeweils für sich allein betreiben.`,
    ]),
    demoData,
    smallPopulation,
    components,
  };
}
