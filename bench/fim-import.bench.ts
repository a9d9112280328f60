import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeXdfSchema, writeXzufiTransfer } from './fim-fixtures';
import { median, printFigure, runWorker } from './figures';

interface WorkerResult {
  ms: number;
  maxRssBytes: number;
  baselineRss: number;
  youngGenerationGrowth: number;
  detail: unknown;
}

/**
 * Rounds per file: parse and import alternate, so a burst of other work hits both alike. The
 * small schema takes a second a round and its times scatter by a quarter from run to run, so it
 * gets more rounds for a steadier median; the 100 MB transfer file takes twenty seconds a round.
 */
const ROUNDS = { xzufi: 3, xdf: 7, xdfLarge: 3 };

async function measure(name: string, file: string, dir: string, rounds: number): Promise<void> {
  const bytes = statSync(file).size;
  const parses: WorkerResult[] = [];
  const imports: WorkerResult[] = [];
  for (let round = 0; round < rounds; round++) {
    parses.push(await runWorker<WorkerResult>('fim-worker', ['parse', file]));
    const database = join(dir, `${name}-${round}.sqlite`);
    const imported = await runWorker<WorkerResult>('fim-worker', ['import', file, database]);
    rmSync(database, { force: true });
    const counts = imported.detail as Record<string, number>;
    if (!counts || counts.errors > 0 || counts.created === 0)
      throw new Error(`${name}: import failed ${JSON.stringify(counts)}`);
    imports.push(imported);
  }
  const parseMs = median(parses.map((r) => r.ms));
  const importMs = median(imports.map((r) => r.ms));
  // Memory is the worst round: a target on peak memory must hold every time.
  const parseRss = Math.max(...parses.map((r) => r.maxRssBytes));
  const importRss = Math.max(...imports.map((r) => r.maxRssBytes));
  const growth = Math.max(...imports.map((r) => r.maxRssBytes - r.baselineRss));
  const parseGrowth = Math.max(...parses.map((r) => r.maxRssBytes - r.baselineRss));
  printFigure(`${name}_file_size`, bytes / 1e6, 'MB');
  printFigure(`${name}_objects_created`, (imports[0].detail as Record<string, number>).created, 'objects');
  printFigure(`${name}_bare_parse`, parseMs, 'ms');
  printFigure(`${name}_import`, importMs, 'ms');
  printFigure(`${name}_import_vs_parse`, importMs / parseMs, 'ratio');
  printFigure(`${name}_bare_parse_peak_rss`, parseRss / 1e6, 'MB');
  printFigure(`${name}_import_peak_rss`, importRss / 1e6, 'MB');
  printFigure(`${name}_import_peak_rss_vs_file`, importRss / bytes, 'ratio');
  // What the import itself adds to a process that already holds Node, TypeORM and the database.
  printFigure(`${name}_import_rss_growth`, growth / 1e6, 'MB');
  printFigure(`${name}_import_rss_growth_vs_file`, growth / bytes, 'ratio');
  // The same for fast-xml-parser alone: what a tree of the whole file costs, the yardstick for a
  // small file, whose 4× would lie below what Node itself occupies.
  printFigure(`${name}_bare_parse_rss_growth_vs_file`, parseGrowth / bytes, 'ratio');
  // V8 grows its young generation (to 2 × 16 MB by default) for any allocation-heavy work, whatever
  // the file's size: a part of the growth above that no way of reading the file avoids.
  printFigure(
    `${name}_import_young_generation_growth`,
    Math.max(...imports.map((r) => r.youngGenerationGrowth)) / 1e6,
    'MB',
  );
}

/**
 * Issue 3's targets: an XZuFi transfer file of 20,000 Leistungen (about 100 MB) and an
 * XDatenfelder 3 schema with 5,000 fields (about 10 MB), each imported in full into a fresh
 * SQLite database, against fast-xml-parser alone parsing the same file (target: within 2×), with
 * the peak resident memory of the import process against the file size (target: under 4×). A
 * schema of 50,000 fields (about 100 MB) shows how the XDatenfelder figures scale once the
 * runtime's fixed costs no longer dominate. Each measurement runs in its own process so its peak
 * memory is its own; times are medians of {@link ROUNDS} alternating rounds per file, memory the
 * worst round.
 */
export async function runFimImportBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-fim-'));
  try {
    const xzufi = join(dir, 'xzufi-20000.xml');
    await writeXzufiTransfer(xzufi, 20_000);
    await measure('fim_xzufi_20000', xzufi, dir, ROUNDS.xzufi);
    const xdf = join(dir, 'xdf3-5000.xml');
    await writeXdfSchema(xdf, 5_000);
    await measure('fim_xdf_5000_fields', xdf, dir, ROUNDS.xdf);
    rmSync(xdf);
    const xdfLarge = join(dir, 'xdf3-50000.xml');
    await writeXdfSchema(xdfLarge, 50_000);
    await measure('fim_xdf_50000_fields', xdfLarge, dir, ROUNDS.xdfLarge);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runFimImportBench().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
