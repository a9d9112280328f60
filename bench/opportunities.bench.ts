import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { rawQuery } from '../entities/raw-query';
import { loadDemoData } from '../importers/demo/demo.writer';
import { ensureReferenceData } from '../importers/reference-data';
import { SYSTEM_PRINCIPAL } from '../lib/principal';
import { createDataSource } from '../ormconfig';
import { buildOpportunitiesReport, DEFAULT_CANDIDATES_PER_GAP } from '../reports/opportunities.report';
import { median, printFigure, timed } from './figures';

const RUNS = 5;

/**
 * The floor: one hand-written SQL statement computing the same core result as the report —
 * for every gap (Gemeinde × component without `in-use`/`unknown`), the ranked operators (own IT
 * excluded) serving the component in the same Kreis, then in the same Land, top N. Each list
 * is cut to the candidates a gap can need before the join (N per Kreis, 2N per Land), so the
 * floor does no more work than necessary.
 */
function floorSql(areaCondition: string): string {
  return `
WITH m AS (
  SELECT r.id, r.kreis_key, r.land_key, r.population FROM regions r
   WHERE r.level = 'gemeinde' AND r.is_current = 1 AND r.is_unincorporated = 0
),
served AS (
  SELECT m.land_key, m.kreis_key, cr.component_id, cr.operator_id, COUNT(*) AS n, SUM(m.population) AS pop
    FROM component_records cr JOIN m ON m.id = cr.region_id JOIN operators o ON o.id = cr.operator_id
   WHERE cr.status = 'in-use' AND o.type <> 'own-it'
   GROUP BY m.land_key, m.kreis_key, cr.component_id, cr.operator_id
),
kreis_top AS (
  SELECT * FROM (
    SELECT served.*, ROW_NUMBER() OVER (PARTITION BY kreis_key, component_id ORDER BY n DESC, pop DESC, operator_id) AS rn
      FROM served
  ) WHERE rn <= ${DEFAULT_CANDIDATES_PER_GAP}
),
land_top AS (
  SELECT * FROM (
    SELECT land_key, component_id, operator_id, SUM(n) AS n, SUM(pop) AS pop,
           ROW_NUMBER() OVER (PARTITION BY land_key, component_id ORDER BY SUM(n) DESC, SUM(pop) DESC, operator_id) AS rn
      FROM served GROUP BY land_key, component_id, operator_id
  ) WHERE rn <= ${2 * DEFAULT_CANDIDATES_PER_GAP}
),
gaps AS (
  SELECT m.id, m.kreis_key, m.land_key, c.id AS component_id
    FROM m CROSS JOIN components c
    LEFT JOIN component_records cr ON cr.region_id = m.id AND cr.component_id = c.id
   WHERE (${areaCondition}) AND (cr.id IS NULL OR cr.status IN ('not-used', 'planned', 'retired'))
),
candidates AS (
  SELECT g.id, g.component_id, s.operator_id, 0 AS scope, s.n, s.pop
    FROM gaps g JOIN kreis_top s ON s.kreis_key = g.kreis_key AND s.component_id = g.component_id
  UNION ALL
  SELECT g.id, g.component_id, l.operator_id, 1 AS scope, l.n, l.pop
    FROM gaps g JOIN land_top l ON l.land_key = g.land_key AND l.component_id = g.component_id
),
ranked AS (
  SELECT id, component_id, operator_id, scope, n, pop,
         ROW_NUMBER() OVER (PARTITION BY id, component_id ORDER BY scope, n DESC, pop DESC, operator_id) AS rank,
         ROW_NUMBER() OVER (PARTITION BY id, component_id, operator_id ORDER BY scope) AS first
    FROM candidates
)
SELECT id, component_id, operator_id, scope, n, pop FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY id, component_id ORDER BY scope, n DESC, pop DESC, operator_id) AS pick
    FROM ranked WHERE first = 1
) WHERE pick <= ${DEFAULT_CANDIDATES_PER_GAP}`;
}

async function measure(work: () => Promise<unknown>): Promise<{ ms: number; result: unknown }> {
  const result = await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) times.push((await timed(work)).ms);
  return { ms: median(times), result };
}

async function compare(
  dataSource: DataSource,
  name: string,
  area: string,
  condition: string,
  params: unknown[],
): Promise<void> {
  const report = await measure(() => buildOpportunitiesReport(dataSource.manager, area));
  const floor = await measure(() => rawQuery(dataSource.manager, floorSql(condition), params));
  const suggestions = (report.result as { opportunities: unknown[] }).opportunities.length;
  const rows = (floor.result as unknown[]).length;
  if (suggestions !== rows) throw new Error(`${name}: report has ${suggestions} suggestions, floor SQL ${rows}`);
  printFigure(`opportunities_${name}_ms`, report.ms, 'ms');
  printFigure(`opportunities_${name}_vs_sql`, report.ms / floor.ms, 'ratio');
}

/**
 * The opportunities report on a landscape for all of Germany (the shipped Gemeindeverzeichnis,
 * demo data for every Land) against
 * a hand-written SQL statement over the same SQLite database, for the largest Land (by number
 * of Gemeinden) and for Germany. Prints `opportunities_{land,de}_ms` and `…_vs_sql`.
 */
export async function runOpportunitiesBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-opportunities-'));
  const dataSource = createDataSource({ type: 'sqlite', path: join(dir, 'atlas.sqlite') });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    // The shipped Gemeindeverzeichnis through the project's importer, and the reference operators.
    await ensureReferenceData(dataSource, { info: () => undefined });
    const laender = await dataSource.query(
      `SELECT land_key AS "landKey", COUNT(*) AS n FROM regions WHERE level = 'gemeinde' AND is_unincorporated = 0
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
