import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import type { EntityManager } from 'typeorm';
import { DEFAULT_TARGET } from '../lib/maturity';
import { resolveArea } from '../reports/area';
import { resolveGapArea } from '../reports/gaps/area';
import { computeGaps } from '../reports/gaps/engine';
import { ozgMapCounts } from '../reports/map/ozg';
import { buildMapReport, type MapLevel } from '../reports/map/report';
import { printFigure, timed } from './figures';
import { generateGapFixture } from './gaps-fixture';
import { copyDatabase, openSqlite, type BenchDatabases } from './landscape-database';

/**
 * The OZG attainment map (issue 15): Bayern and Germany by Gemeinde on the gap benchmark's
 * database (full 2019 catalogue, about 3 million offerings), each asked twice in a row at the
 * same data version, as a compute worker would answer two visits. The first request computes
 * the area's gaps; the second may reuse them (`reports/common/versioned-cache.ts`). Memory: what
 * the cache keeps of Germany (serialised size) against the cells of the computation behind it.
 */
export async function runOzgMapBench(databases: BenchDatabases): Promise<void> {
  // The gap benchmark of the same run leaves this file behind; filling it again takes minutes.
  const path = join(databases.dir, 'gaps.sqlite');
  if (!existsSync(path)) {
    const { path: landscape } = await databases.landscape();
    copyDatabase(landscape, path);
    const filling = await openSqlite(path);
    try {
      await generateGapFixture(filling);
    } finally {
      await filling.destroy();
    }
  }
  const dataSource = await openSqlite(path);
  try {
    const cases: { name: string; key: string; level: MapLevel }[] = [
      { name: 'maps-ozg-land-09', key: '09', level: 'gemeinde' },
      { name: 'maps-ozg-germany', key: 'DE', level: 'gemeinde' },
    ];
    for (const { name, key, level } of cases) {
      const area = await resolveArea(dataSource.manager, key);
      const first = await timed(() => buildMapReport(dataSource.manager, area, level, 'ozg'));
      const second = await timed(() => buildMapReport(dataSource.manager, area, level, 'ozg'));
      if (JSON.stringify(first.result) !== JSON.stringify(second.result)) {
        throw new Error(`${name}: the second request shows other numbers than the first`);
      }
      printFigure(`${name}-first`, first.ms, 'ms');
      printFigure(`${name}-second`, second.ms, 'ms');
      printFigure(`${name}-units`, first.result.units.length, 'areas');
    }
    await printEntrySizes(dataSource.manager);
  } finally {
    await dataSource.destroy();
  }
}

/** The cache entry of Germany's OZG map against the typed arrays of its gap computation. */
async function printEntrySizes(manager: EntityManager): Promise<void> {
  const entry = await ozgMapCounts(manager, 'DE', {});
  printFigure('maps-ozg-germany-cache-entry', serialize(entry).length / 1024, 'KiB');
  const computation = await computeGaps(manager, await resolveGapArea(manager, 'DE'), DEFAULT_TARGET, {});
  const cells = Object.values(computation).reduce<number>(
    (sum, value) => sum + (ArrayBuffer.isView(value) ? value.byteLength : 0),
    0,
  );
  printFigure('maps-ozg-germany-computation-cells', cells / 1024, 'KiB');
}
