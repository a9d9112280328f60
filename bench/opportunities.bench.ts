import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { rawQuery } from '../entities/raw-query';
import { loadDemoData } from '../importers/demo/demo.writer';
import { ensureReferenceData } from '../importers/reference-data';
import { SYSTEM_PRINCIPAL } from '../lib/principal';
import { createDataSource } from '../ormconfig';
import {
  buildOpportunitiesReport,
  DEFAULT_CANDIDATES_PER_GAP,
  type Opportunity,
  type OpportunitiesReport,
} from '../reports/opportunities/report';
import { loadConnectableServices, servicesProviding } from '../services/connectable-services';
import { median, printFigure, timed } from './figures';

const RUNS = 5;

/**
 * The floor: one hand-written SQL statement computing the same operator suggestions as the
 * report — for every gap (Gemeinde × component without `in-use`/`unknown`, De-Mail never), the
 * operators (own IT, federal and Land operators excluded) serving the component in the same
 * Kreis, then in the same Land, ranked by Gemeinden served, population and id, top N. The
 * candidates depend only on the Kreis and the component, so they are aggregated and ranked once
 * per Kreis × component and then joined to the gaps: the least work a database needs for this
 * result. Gaps where the report suggests connecting to a service first (a connectable service
 * provides the component in the Land — `svc`, from the shipped table — or a federal or Land
 * operator runs it there) are left out of the comparison on both sides: their operator ranks
 * start after the services; so are gaps where the report suggests the Gemeinde's own operator or
 * one of an adjacent Gemeinde across the Kreis border (geometry the SQL does not have). The bench
 * checks that both give the very same suggestions (Gemeinde, component, operator, rank, scope)
 * for the others.
 */
function floorSql(areaCondition: string, connectable: string): string {
  return `
WITH svc(land_key, component_id) AS (${connectable}),
m AS (
  SELECT r.id, r.key, r.kreis_key, r.land_key, COALESCE(r.population, 0) AS population FROM regions r
   WHERE r.level = 'gemeinde' AND r.is_current = 1 AND r.is_unincorporated = 0
),
served AS (
  SELECT m.land_key, m.kreis_key, cr.component_id, cr.operator_id, COUNT(*) AS n, SUM(m.population) AS pop
    FROM component_records cr JOIN m ON m.id = cr.region_id JOIN operators o ON o.id = cr.operator_id
   WHERE cr.status = 'in-use' AND o.type NOT IN ('own-it', 'federal', 'state')
   GROUP BY m.land_key, m.kreis_key, cr.component_id, cr.operator_id
),
service_operated AS (
  SELECT DISTINCT m.land_key, cr.component_id
    FROM component_records cr JOIN m ON m.id = cr.region_id JOIN operators o ON o.id = cr.operator_id
   WHERE cr.status = 'in-use' AND o.type IN ('federal', 'state')
),
in_land AS (
  SELECT land_key, component_id, operator_id, SUM(n) AS n, SUM(pop) AS pop FROM served
   GROUP BY land_key, component_id, operator_id
),
gaps AS (
  SELECT m.key, m.kreis_key, m.land_key, c.id AS component_id
    FROM m CROSS JOIN components c
    LEFT JOIN component_records cr ON cr.region_id = m.id AND cr.component_id = c.id
   WHERE (${areaCondition}) AND (cr.id IS NULL OR cr.status IN ('not-used', 'planned', 'retired'))
     AND c.code <> 'de-mail'
     AND NOT EXISTS (SELECT 1 FROM svc WHERE svc.land_key = m.land_key AND svc.component_id = c.id)
     AND NOT EXISTS (SELECT 1 FROM service_operated so WHERE so.land_key = m.land_key AND so.component_id = c.id)
),
cells AS (SELECT DISTINCT land_key, kreis_key, component_id FROM gaps),
candidates AS (
  SELECT c.land_key, c.kreis_key, c.component_id, s.operator_id, 0 AS scope, s.n, s.pop
    FROM cells c JOIN served s ON s.kreis_key = c.kreis_key AND s.component_id = c.component_id
  UNION ALL
  SELECT c.land_key, c.kreis_key, c.component_id, l.operator_id, 1 AS scope, l.n, l.pop
    FROM cells c JOIN in_land l ON l.land_key = c.land_key AND l.component_id = c.component_id
   WHERE NOT EXISTS (SELECT 1 FROM served s WHERE s.kreis_key = c.kreis_key AND s.component_id = c.component_id
                        AND s.operator_id = l.operator_id)
),
ranked AS (
  SELECT * FROM (
    SELECT candidates.*, ROW_NUMBER() OVER (
             PARTITION BY land_key, kreis_key, component_id ORDER BY scope, n DESC, pop DESC, operator_id) AS rank
      FROM candidates
  ) WHERE rank <= ${DEFAULT_CANDIDATES_PER_GAP}
)
SELECT g.key, g.component_id AS "componentId", k.operator_id AS "operatorId", k.scope, k.rank
  FROM gaps g JOIN ranked k
    ON k.land_key = g.land_key AND k.kreis_key IS g.kreis_key AND k.component_id = g.component_id`;
}

interface FloorRow {
  key: string;
  componentId: number;
  operatorId: number;
  scope: number;
  rank: number;
}

/** The suggestions of the report and of the floor as comparable lines; throws unless they are the same. */
function assertSameSuggestions(
  name: string,
  report: Pick<Opportunity, 'municipality' | 'component' | 'kind' | 'operator' | 'rank' | 'scope'>[],
  floor: FloorRow[],
  componentIds: Map<string, number>,
): void {
  // Gaps the floor cannot rank are left out on both sides: a service to connect to comes first,
  // and the Gemeinde's own operator ('customer') or one of an adjacent Gemeinde across the Kreis
  // border ('neighbour', from the map geometry) shift the ranks of the Kreis and Land operators.
  const unranked = new Set(
    report
      .filter((o) => o.kind === 'connect' || (o.scope !== 'kreis' && o.scope !== 'land'))
      .map((o) => `${o.municipality.key}|${componentIds.get(o.component)}`),
  );
  const fromReport = new Set(
    report
      .filter((o) => !unranked.has(`${o.municipality.key}|${componentIds.get(o.component)}`))
      .map((o) => `${o.municipality.key}|${componentIds.get(o.component)}|${o.operator?.id}|${o.rank}|${o.scope}`),
  );
  const ranked = floor.filter((r) => !unranked.has(`${r.key}|${r.componentId}`));
  const differing = ranked.filter(
    (r) => !fromReport.has(`${r.key}|${r.componentId}|${r.operatorId}|${r.rank}|${r.scope === 0 ? 'kreis' : 'land'}`),
  );
  if (fromReport.size !== ranked.length || differing.length > 0) {
    throw new Error(
      `${name}: report has ${fromReport.size} suggestions, floor SQL ${ranked.length}, ${differing.length} differ`,
    );
  }
  printFigure(`opportunities_${name}_compared`, ranked.length, 'count');
}

/** `VALUES` of the (Land, component) pairs a connectable service provides, for {@link floorSql}. */
async function connectablePairs(dataSource: DataSource, components: { id: number; code: string }[]): Promise<string> {
  const services = await loadConnectableServices(dataSource.manager);
  const pairs: string[] = [];
  for (let land = 1; land <= 16; land += 1) {
    const landKey = String(land).padStart(2, '0');
    for (const c of components) {
      if (servicesProviding(services, landKey, c.code).length > 0) pairs.push(`('${landKey}', ${Number(c.id)})`);
    }
  }
  return pairs.length > 0 ? `VALUES ${pairs.join(', ')}` : 'SELECT NULL, NULL WHERE 0';
}

/**
 * Medians of {@link RUNS} timed runs of the report and of the floor after one warm-up each; the
 * two alternate, so a burst of other work on the machine lands on both alike.
 */
async function measurePair(
  report: () => Promise<unknown>,
  floor: () => Promise<unknown>,
): Promise<{ report: { ms: number; result: unknown }; floor: { ms: number; result: unknown } }> {
  const reportResult = await report();
  const floorResult = await floor();
  const reportTimes: number[] = [];
  const floorTimes: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    reportTimes.push((await timed(report)).ms);
    floorTimes.push((await timed(floor)).ms);
  }
  return {
    report: { ms: median(reportTimes), result: reportResult },
    floor: { ms: median(floorTimes), result: floorResult },
  };
}

async function compare(
  dataSource: DataSource,
  name: string,
  area: string,
  condition: string,
  params: unknown[],
): Promise<void> {
  const components: { id: number; code: string }[] = await dataSource.query('SELECT id, code FROM components');
  const sql = floorSql(condition, await connectablePairs(dataSource, components));
  const { report, floor } = await measurePair(
    () => buildOpportunitiesReport(dataSource.manager, area),
    () => rawQuery<FloorRow>(dataSource.manager, sql, params),
  );
  assertSameSuggestions(
    name,
    (report.result as OpportunitiesReport).opportunities,
    floor.result as FloorRow[],
    new Map(components.map((c) => [c.code, Number(c.id)])),
  );
  printFigure(`opportunities_${name}_ms`, report.ms, 'ms');
  printFigure(`opportunities_${name}_sql_floor_ms`, floor.ms, 'ms');
  printFigure(`opportunities_${name}_vs_sql`, report.ms / floor.ms, 'ratio');
}

/**
 * The opportunities report on a landscape for all of Germany (the shipped Gemeindeverzeichnis,
 * demo data for every Land) against
 * a hand-written SQL statement over the same SQLite database, for the largest Land (by number
 * of current Gemeinden) and for Germany. Prints `opportunities_{land,de}_ms`, the floor's
 * `…_sql_floor_ms` and `…_vs_sql`.
 */
export async function runOpportunitiesBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-opportunities-'));
  const dataSource = createDataSource({ type: 'sqlite', path: join(dir, 'atlas.sqlite') });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    // The shipped Gemeindeverzeichnis through the project's importer, and the reference operators.
    await ensureReferenceData(dataSource, { info: () => undefined });
    // The report's Gemeinden: current ones without gemeindefreie Gebiete.
    const laender = await dataSource.query(
      `SELECT land_key AS "landKey", COUNT(*) AS n FROM regions
        WHERE level = 'gemeinde' AND is_current = 1 AND is_unincorporated = 0
        GROUP BY land_key ORDER BY n DESC, land_key`,
    );
    for (const { landKey } of laender) {
      await loadDemoData(dataSource, {
        land: landKey,
        seed: 1,
        actor: { principal: SYSTEM_PRINCIPAL, requestId: null },
      });
    }
    const largest = laender[0].landKey as string;
    await compare(dataSource, 'land', largest, 'm.land_key = ?', [largest]);
    await compare(dataSource, 'de', 'DE', '1 = 1', []);
  } finally {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
