import 'reflect-metadata';
import { inTransaction } from '../entities/transaction';
import { createApiToken } from '../services/token.service';
import { runComponentsGetBench } from './components-get.bench';
import { runFimImportBench } from './fim-import.bench';
import { runGapsBench } from './gaps.bench';
import { runInventoryImportBench } from './inventory-import.bench';
import { runKreisPageBench } from './kreis-page.bench';
import { createBenchDatabases, openSqlite, type BenchDatabases } from './landscape-database';
import { runLoadBench } from './load.bench';
import { runMapsBench } from './maps';
import { runOpportunitiesBench } from './opportunities.bench';

/** What a benchmark may share with the others of one run. */
interface BenchContext {
  /** The real hierarchy with a generated landscape (issue 2), built on first use. */
  databases(): Promise<BenchDatabases>;
}

/** One named benchmark; it prints its figures as `bench <name> <value> <unit>` lines. */
interface Benchmark {
  name: string;
  run(context: BenchContext): Promise<void>;
}

/** The municipality whose landscape the throughput benchmark reads (München). */
const THROUGHPUT_AGS = '09162000';
const THROUGHPUT_SECONDS = 5;

async function componentsGet(context: BenchContext): Promise<void> {
  const databases = await context.databases();
  const { path, url } = await databases.landscape();
  const dataSource = await openSqlite(path);
  try {
    const { token } = await inTransaction(dataSource, (tx) =>
      createApiToken(tx, { name: 'bench', role: 'reader', scopes: [] }),
    );
    await runComponentsGetBench({
      databaseUrl: url,
      dataSource,
      ags: THROUGHPUT_AGS,
      token,
      workDir: databases.dir,
      seconds: THROUGHPUT_SECONDS,
    });
  } finally {
    await dataSource.destroy();
  }
}

async function kreisPage(context: BenchContext): Promise<void> {
  const { path } = await (await context.databases()).landscape();
  const dataSource = await openSqlite(path);
  try {
    await runKreisPageBench({ dataSource });
  } finally {
    await dataSource.destroy();
  }
}

/** Overload (issue 12): Bayern's opportunities report and the largest Kreis page under 200 connections each. */
async function load(context: BenchContext): Promise<void> {
  const { path, url } = await (await context.databases()).landscape();
  const dataSource = await openSqlite(path);
  try {
    const [kreis] = await dataSource.query(
      `SELECT kreis_key AS "key" FROM regions WHERE level = 'gemeinde' AND is_current = 1 AND land_key = '09'
        AND kreis_key IS NOT NULL GROUP BY kreis_key ORDER BY COUNT(*) DESC, kreis_key LIMIT 1`,
    );
    await runLoadBench({
      databaseUrl: url,
      dataSource,
      land: '09',
      kreis: String(kreis.key),
      ags: THROUGHPUT_AGS,
      seconds: Number(process.env.BENCH_LOAD_SECONDS ?? 20),
    });
  } finally {
    await dataSource.destroy();
  }
}

/** Every benchmark, in the order a full run takes them; add yours with one line. */
const BENCHMARKS: Benchmark[] = [
  { name: 'inventory-import', run: async (context) => runInventoryImportBench(await context.databases()) },
  { name: 'components', run: componentsGet },
  { name: 'kreis-page', run: kreisPage },
  { name: 'opportunities', run: () => runOpportunitiesBench() },
  { name: 'fim-import', run: () => runFimImportBench() },
  { name: 'gaps', run: async (context) => runGapsBench(await context.databases()) },
  { name: 'load', run: load },
  { name: 'maps', run: async (context) => runMapsBench(await context.databases()) },
];

/** The benchmarks named on the command line (all without names); unknown names are an error. */
function selected(names: string[]): Benchmark[] {
  if (names.length === 0) return BENCHMARKS;
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown benchmark(s): ${unknown.join(', ')}; available: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
  }
  return BENCHMARKS.filter((b) => names.includes(b.name));
}

/**
 * `npm run bench [-- NAME…]`: runs the named benchmarks (or all) one after another. Figures go
 * to stdout as `bench <name> <value> <unit>`, progress to stderr, so the output compares line
 * by line across runs.
 */
async function main(names: string[]): Promise<void> {
  const benchmarks = selected(names);
  let databases: Promise<BenchDatabases> | undefined;
  const context: BenchContext = {
    databases: () => (databases ??= createBenchDatabases()),
  };
  try {
    for (const benchmark of benchmarks) {
      process.stderr.write(`# ${benchmark.name}\n`);
      const started = process.hrtime.bigint();
      await benchmark.run(context);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.stderr.write(`# ${benchmark.name}: ${seconds.toFixed(1)} s\n`);
    }
  } finally {
    await databases?.then(
      (opened) => opened.close(),
      () => undefined,
    );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
