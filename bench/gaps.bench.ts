import { join } from 'node:path';
import { printFigure, runWorker } from './figures';
import { generateGapFixture } from './gaps-fixture';
import type { FloorRow } from './gaps-floor';
import { copyDatabase, openSqlite, type BenchDatabases } from './landscape-database';

interface WorkerResult {
  ms: number;
  maxRssBytes: number;
  rows: FloorRow[];
}

/** The report must count exactly what the floor counts, or the comparison means nothing. */
function assertSame(area: string, report: FloorRow[], floor: FloorRow[]): void {
  const key = (rows: FloorRow[]) => JSON.stringify([...rows].sort((a, b) => a.ozgId - b.ozgId));
  if (key(report) !== key(floor)) {
    const first = report.find((r, i) => JSON.stringify(r) !== JSON.stringify(floor[i]));
    throw new Error(`gap report and floor differ for ${area}: report ${JSON.stringify(first)}`);
  }
}

/**
 * Issue 4's target: with the full 2019 catalogue, all municipalities and about 3 million
 * offerings, the Germany-wide gap report and the largest Land's (Bayern) against one
 * hand-written SQL aggregation of the same counts (the floor; `bench/gaps-floor.ts`); target
 * within 2×, peak memory under 1 GB. Each measurement runs in its own process.
 */
export async function runGapsBench(databases: BenchDatabases): Promise<void> {
  const { path: landscape } = await databases.landscape();
  const path = copyDatabase(landscape, join(databases.dir, 'gaps.sqlite'));
  const dataSource = await openSqlite(path);
  let offerings: number;
  try {
    offerings = await generateGapFixture(dataSource);
  } finally {
    await dataSource.destroy();
  }
  printFigure('gaps_offerings', offerings, 'rows');
  for (const area of ['DE', '09']) {
    const name = area === 'DE' ? 'germany' : `land_${area}`;
    const report = await runWorker<WorkerResult>('gaps-worker', ['report', area, path]);
    const floor = await runWorker<WorkerResult>('gaps-worker', ['floor', area, path]);
    assertSame(area, report.rows, floor.rows);
    printFigure(`gaps_${name}_report`, report.ms, 'ms');
    printFigure(`gaps_${name}_floor`, floor.ms, 'ms');
    printFigure(`gaps_${name}_vs_floor`, report.ms / floor.ms, 'ratio');
    printFigure(`gaps_${name}_report_peak_rss`, report.maxRssBytes / 1e6, 'MB');
  }
}
