import 'reflect-metadata';
import { DEFAULT_TARGET } from '../lib/maturity';
import { createDataSource } from '../ormconfig';
import { buildGapReport } from '../reports/gaps/report';
import { median } from './figures';
import { floorGaps } from './gaps-floor';

const RUNS = 3;

/**
 * One measurement in a fresh process (so its peak memory is its own): `report AREA DB` builds the
 * gap report, `floor AREA DB` runs the floor SQL, each RUNS times after one warm-up. Reports
 * `{ ms (median), maxRssBytes, rows }` over IPC; `rows` are the per-OZG counts for the check.
 */
async function main(): Promise<void> {
  const [mode, area, path] = process.argv.slice(2);
  const dataSource = createDataSource({ type: 'sqlite', path });
  await dataSource.initialize();
  const condition = area === 'DE' ? '1 = 1' : `r.land_key = '${area.replace(/\D/g, '')}'`;
  const once = async () => {
    if (mode === 'floor') return floorGaps(dataSource, condition, DEFAULT_TARGET);
    const report = await buildGapReport(dataSource.manager, area, { target: DEFAULT_TARGET });
    return report.ozgLeistungen
      .filter((r) => r.responsibleUnits > 0)
      .map((r) => ({
        ozgId: r.ozgId,
        responsibleUnits: r.responsibleUnits,
        metUnits: r.metUnits,
        dashboardUnits: r.dashboard.units,
      }));
  };
  let rows = await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    rows = await once();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await dataSource.destroy();
  process.send?.({ ms: median(times), maxRssBytes: process.resourceUsage().maxRSS * 1024, rows });
}

void main();
