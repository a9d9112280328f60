import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { XMLParser } from 'fast-xml-parser';
import { fimSourcesFromPaths } from '../importers/fim/fim-sources';
import { importFim } from '../importers/fim/fim.importer';
import { cliPrincipal } from '../lib/principal';
import { createDataSource } from '../ormconfig';

/** Resident memory and V8's young generation when the measured work starts. */
interface Baseline {
  rss: number;
  young: number;
  start: bigint;
}

function baselineNow(): Baseline {
  return { rss: process.memoryUsage().rss, young: youngGeneration(), start: process.hrtime.bigint() };
}

function elapsedMs(baseline: Baseline): number {
  return Number(process.hrtime.bigint() - baseline.start) / 1e6;
}

function maxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Bytes V8 has reserved for its young generation (new space) right now. */
function youngGeneration(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Imports `file` into a fresh, migrated SQLite database at `database`. The baseline is taken
 * once the database is ready, so only the import itself is measured.
 */
async function importInto(
  file: string,
  database: string,
): Promise<{ baseline: Baseline; ms: number; counts: unknown }> {
  const dataSource = createDataSource({ type: 'sqlite', path: database });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const baseline = baselineNow();
  const report = await importFim(dataSource, {
    sources: await fimSourcesFromPaths([file]),
    maxBytes: 1024 * 1024 * 1024,
    actor: { principal: cliPrincipal(), requestId: null },
  });
  const ms = elapsedMs(baseline);
  await dataSource.destroy();
  return { baseline, ms, counts: report.counts };
}

/**
 * One measurement in a fresh process, so its peak resident memory is its own:
 * `parse FILE` parses with fast-xml-parser alone (default options), `import FILE DB` runs the
 * full FIM import into a migrated SQLite database. Reports `{ ms, maxRssBytes, baselineRss,
 * youngGenerationGrowth, detail }` to the parent over IPC; `baselineRss` is the resident memory
 * just before the measured work, `youngGenerationGrowth` how much V8's new space grew meanwhile.
 */
async function main(): Promise<void> {
  const [mode, file, database] = process.argv.slice(2);
  let baseline = baselineNow();
  let ms: number;
  let detail: unknown;
  if (mode === 'parse') {
    const parsed = new XMLParser().parse(readFileSync(file, 'utf8')) as object;
    ms = elapsedMs(baseline);
    detail = Object.keys(parsed).length;
  } else {
    ({ baseline, ms, counts: detail } = await importInto(file, database));
  }
  process.send?.({
    ms,
    maxRssBytes: maxRss(),
    baselineRss: baseline.rss,
    youngGenerationGrowth: youngGeneration() - baseline.young,
    detail,
  });
}

void main();
