import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { fimSourcesFromPaths } from '../importers/fim/fim-sources';
import { importFim } from '../importers/fim/fim.importer';
import { cliPrincipal } from '../lib/principal';
import { createDataSource } from '../ormconfig';

/**
 * One measurement in a fresh process, so its peak resident memory is its own:
 * `parse FILE` parses with fast-xml-parser alone (default options), `import FILE DB` runs the
 * full FIM import into a migrated SQLite database. Reports `{ ms, maxRssBytes, baselineRss, detail }`
 * to the parent over IPC; `baselineRss` is the resident memory just before the measured work.
 */
async function main(): Promise<void> {
  const [mode, file, database] = process.argv.slice(2);
  let detail: unknown = null;
  const baselineRss = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  if (mode === 'parse') {
    const parsed = new XMLParser().parse(readFileSync(file, 'utf8')) as object;
    detail = Object.keys(parsed).length;
  } else {
    const dataSource = createDataSource({ type: 'sqlite', path: database });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const baselineRss = process.memoryUsage().rss;
    const migrated = process.hrtime.bigint();
    const report = await importFim(dataSource, {
      sources: await fimSourcesFromPaths([file]),
      maxBytes: 1024 * 1024 * 1024,
      actor: { principal: cliPrincipal(), requestId: null },
    });
    const ms = Number(process.hrtime.bigint() - migrated) / 1e6;
    await dataSource.destroy();
    process.send?.({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, baselineRss, detail: report.counts });
    return;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.send?.({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, baselineRss, detail });
}

void main();
