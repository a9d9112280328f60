import type { EntityManager } from 'typeorm';
import { loadPlaceNames, type Area } from '../area';
import { classify, COUNT_CLASSES } from './classes';
import { groupUnits, outlineLabelOf } from './units';
import type { MapLevel, MapReport, MapUnit } from './report';
import { buildOpportunitiesReport, type OpportunityScope } from '../opportunities/report';
import type { CatalogueEntry } from '../common/records';
import { MUNICIPALITY_CONDITION, MUNICIPALITY_PARAMS, num, selectRows } from '../common/sql';
import { VersionedCache } from '../common/versioned-cache';

/**
 * Shared-service opportunities on the map: per Gemeinde, how many of the components it lacks an
 * operator nearby could provide — gaps of the opportunities report with at least one operator
 * suggestion of the same Kreis, an adjacent Gemeinde or its own operator of other components.
 * Services to connect to (every Gemeinde of a Land could) and operators from elsewhere in the
 * Land are left out: they do not say where sharing is close at hand. The counts per Gemeinde
 * are kept per thread ({@link opportunityMapCache}) and reused at the same data version.
 */

/** The measure: `?karte=nachnutzung`. */
export const OPPORTUNITY_MEASURE = 'nachnutzung';

/** The scopes that count as "nearby". */
const NEARBY: ReadonlySet<OpportunityScope> = new Set(['kreis', 'neighbour', 'customer']);

/**
 * Suggestions per gap asked of the report: enough that no operator suggestion is cut off behind
 * the services to connect to, which come first.
 */
const ALL_SUGGESTIONS = 100;

/** Per Gemeinde of an area: the components (catalogue codes) with a nearby operator, demo data, records. */
export interface OpportunityMapCounts {
  components: Map<string, Set<string>>;
  demo: Set<string>;
  rows: Map<string, { key: string; verbandKey: string | null; recorded: number }>;
}

/** The shared-service maps' counts in this thread, by area (`reports/common/versioned-cache.ts`). */
export const opportunityMapCache = new VersionedCache<OpportunityMapCounts>(8);

/** Per Gemeinde: the components (catalogue codes) with a nearby operator, and whether it has records. */
async function perGemeinde(manager: EntityManager, area: Area): Promise<OpportunityMapCounts> {
  const report = await buildOpportunitiesReport(manager, area.key, { candidates: ALL_SUGGESTIONS });
  const components = new Map<string, Set<string>>();
  const demo = new Set<string>();
  for (const o of report.opportunities) {
    if (o.kind !== 'operator' || !NEARBY.has(o.scope)) continue;
    const key = o.municipality.key;
    let set = components.get(key);
    if (!set) components.set(key, (set = new Set()));
    set.add(o.component);
    if (o.demo) demo.add(key);
  }
  // A Gemeinde without any record is "keine Angaben": every component counts as lacking there.
  const rows = await selectRows<{ key: string; verbandKey: string | null; recorded: unknown }>(
    manager,
    `SELECT r.key AS "key", r.verband_key AS "verbandKey", COUNT(cr.id) AS "recorded"
       FROM regions r LEFT JOIN component_records cr ON cr.region_id = r.id
      WHERE ${MUNICIPALITY_CONDITION} AND (${area.condition}) GROUP BY r.key, r.verband_key`,
    [...MUNICIPALITY_PARAMS, ...area.params],
  );
  return { components, demo, rows: new Map(rows.map((r) => [r.key, { ...r, recorded: num(r.recorded) }])) };
}

const oneDecimal = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 1 });

/** Builds the opportunities map: one opportunities report for the area, counted per unit. */
export async function buildOpportunityMapReport(
  manager: EntityManager,
  area: Area,
  level: MapLevel,
  components: CatalogueEntry[],
): Promise<MapReport> {
  const {
    components: byGemeinde,
    demo,
    rows,
  } = await opportunityMapCache.get(manager, area.key, () => perGemeinde(manager, area));
  const names = await loadPlaceNames(manager, area.landKeys);
  const perUnit = groupUnits(
    area,
    level,
    names,
    (m) => rows.get(m.key)?.verbandKey ?? null,
    () => ({ withData: 0, sum: 0, demo: false }),
    (state, m) => {
      state.demo ||= demo.has(m.key);
      if ((rows.get(m.key)?.recorded ?? 0) === 0) return;
      state.withData += 1;
      state.sum += byGemeinde.get(m.key)?.size ?? 0;
    },
  );
  const n = components.length;
  const units: MapUnit[] = [...perUnit].map(([key, { state: u, ...shell }]) => {
    const value = u.withData === 0 ? null : u.sum / u.withData;
    const text =
      value === null
        ? 'keine Angaben'
        : level === 'gemeinde'
          ? `${value} von ${n} Komponenten von einem Betreiber in der Nähe`
          : `im Mittel ${oneDecimal(value)} von ${n} Komponenten von einem Betreiber in der Nähe`;
    return {
      key,
      name: shell.name,
      href: shell.href,
      group: shell.group,
      members: shell.members,
      value,
      valueText: text,
      classIndex: classify(COUNT_CLASSES, value),
      demo: u.demo,
    };
  });
  return {
    areaKey: area.key,
    areaLabel: area.label,
    level,
    measure: OPPORTUNITY_MEASURE,
    measureLabel: `Nachnutzung: fehlende Komponenten, die ein Betreiber in der Nähe schon betreibt (von ${n})`,
    outlineLabel: outlineLabelOf(area, level),
    classes: COUNT_CLASSES,
    palette: 'sequential',
    units,
    components,
    demoData: units.some((u) => u.demo),
  };
}
