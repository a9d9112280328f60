import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { XMLParser } from 'fast-xml-parser';
import { fimSourcesFromPaths } from '../importers/fim/fim-sources';
import { importFim } from '../importers/fim/fim.importer';
import { cliPrincipal } from '../lib/principal';
import { createDataSource } from '../ormconfig';

/**
 * One measurement in a fresh process, so its peak resident memory is its own:
 * `parse FILE` parses with fast-xml-parser alone (default options), `import FILE DB` runs the
 * full FIM import into a migrated SQLite database. Reports `{ ms, maxRssBytes, baselineRss,
 * youngGenerationGrowth, detail }` to the parent over IPC; `baselineRss` is the resident memory
 * just before the measured work, `youngGenerationGrowth` how much V8's new space grew meanwhile.
 */
async function main(): Promise<void> {
  const [mode, file, database] = process.argv.slice(2);
  let detail: unknown = null;
  const baselineRss = process.memoryUsage().rss;
  let baselineYoung = youngGeneration();
  const start = process.hrtime.bigint();
  if (mode === 'parse') {
    const parsed = new XMLParser().parse(readFileSync(file, 'utf8')) as object;
    detail = Object.keys(parsed).length;
  } else {
    const dataSource = createDataSource({ type: 'sqlite', path: database });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const baselineRss = process.memoryUsage().rss;
    baselineYoung = youngGeneration();
    const migrated = process.hrtime.bigint();
    const report = await importFim(dataSource, {
      sources: await fimSourcesFromPaths([file]),
      maxBytes: 1024 * 1024 * 1024,
      actor: { principal: cliPrincipal(), requestId: null },
    });
    const ms = Number(process.hrtime.bigint() - migrated) / 1e6;
    const youngGenerationGrowth = youngGeneration() - baselineYoung;
    await dataSource.destroy();
    process.send?.({ ms, maxRssBytes: maxRss(), baselineRss, youngGenerationGrowth, detail: report.counts });
    return;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.send?.({
    ms,
    maxRssBytes: maxRss(),
    baselineRss,
    youngGenerationGrowth: youngGeneration() - baselineYoung,
    detail,
  });
}

function maxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Bytes V8 has reserved for its young generation (new space) right now. */
function youngGeneration(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

void main();
