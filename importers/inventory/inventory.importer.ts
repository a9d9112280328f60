import type { DataSource } from 'typeorm';
import { inTransaction } from '../../entities/transaction';
import type { Actor } from '../../lib/principal';
import {
  beginImportRun,
  finishImportRun,
  hasErrors,
  type ImportProblem,
  type ImportReport,
  inRowOrder,
  recordImportRun,
  rejectedTableReport,
  tableReport,
} from '../import-report';
import { silentProgress, type Progress } from '../progress';
import { looksLikeZip, mapHeaders, readTabular, unreadableSheet, XLSX_MEDIA_TYPE, type TabularSheet } from '../tabular';
import { INVENTORY_COLUMNS } from './inventory-columns';
import { changePreview } from './inventory-preview';
import { planInventory, type InventoryPlan } from './inventory-plan';
import { parseInventoryRows, type InventoryRow } from './inventory-rows';
import { writeInventoryPlan } from './inventory.writer';

/** Input of {@link importInventory}. */
export interface ImportInventoryOptions {
  /** The CSV or XLSX file as read from disk or upload. */
  buffer: Uint8Array;
  /** File name or other description, for the report and the run record. */
  sourceName: string;
  /** Declared media type, if any; the content decides, but a declared XLSX must be one. */
  mediaType?: string;
  /** Check everything and report what would change, but write nothing except the run record. */
  dryRun?: boolean;
  actor: Actor;
  progress?: Progress;
}

async function readSheet(options: ImportInventoryOptions): Promise<TabularSheet> {
  if (options.mediaType?.startsWith(XLSX_MEDIA_TYPE) && !looksLikeZip(options.buffer)) {
    return unreadableSheet('xlsx', 'Die Datei ist als XLSX angekündigt, ist aber keine XLSX-Arbeitsmappe.');
  }
  return readTabular(options.buffer);
}

/** The report of a run: rejected with error counts if anything is wrong, else the plan's counts. */
function finalReport(base: ImportReport, problems: ImportProblem[], plan?: InventoryPlan): ImportReport {
  const sorted = inRowOrder(problems);
  const finishedAt = new Date().toISOString();
  if (!plan || hasErrors(sorted)) {
    return rejectedTableReport(base, sorted, finishedAt);
  }
  const { created, updated, operatorsCreated } = plan.counts;
  const unchanged = created + updated + operatorsCreated === 0;
  const details = { ...base.details, ...changePreview(plan) };
  return { ...base, status: 'succeeded', unchanged, counts: { ...plan.counts }, problems: sorted, details, finishedAt };
}

/** The file read and its rows parsed: everything a run needs before it looks at the database. */
interface ParsedFile {
  base: ImportReport;
  headers: Map<string, string>;
  rows: InventoryRow[];
  /** File and row problems found so far; an error among them rejects the run. */
  problems: ImportProblem[];
}

async function parseFile(options: ImportInventoryOptions, progress: Progress): Promise<ParsedFile> {
  const sheet = await readSheet(options);
  const base = tableReport('inventory', options, sheet, new Date().toISOString());
  const mapping = mapHeaders(sheet, INVENTORY_COLUMNS);
  const problems = hasErrors(sheet.problems) ? sheet.problems : [...sheet.problems, ...mapping.problems];
  if (hasErrors(problems)) return { base, headers: mapping.header, rows: [], problems };
  if (sheet.rows.length === 0) {
    problems.push({ severity: 'warning', detail: 'Die Datei enthält nur die Kopfzeile, keine Datenzeilen.' });
  }
  const parsed = parseInventoryRows(sheet, mapping, progress);
  return { base, headers: mapping.header, rows: parsed.rows, problems: [...problems, ...parsed.problems] };
}

/** A real run: checks and writes in one transaction; a plan with errors writes nothing. */
function writeRun(
  dataSource: DataSource,
  file: ParsedFile,
  options: ImportInventoryOptions,
  progress: Progress,
): Promise<ImportReport> {
  const { actor } = options;
  return inTransaction(dataSource, async (tx) => {
    const plan = await planInventory(tx, file.rows, { principal: actor.principal, headers: file.headers, lock: true });
    const planned = finalReport(file.base, [...file.problems, ...plan.problems], plan);
    if (planned.status === 'rejected') return planned;
    const importRunId = await beginImportRun(tx, planned, actor);
    if (!planned.unchanged) await writeInventoryPlan(tx, plan, { actor, importRunId, progress, now: new Date() });
    const done: ImportReport = { ...planned, importRunId, finishedAt: new Date().toISOString() };
    await finishImportRun(tx, importRunId, done, actor);
    return done;
  });
}

/**
 * Imports component landscapes of many municipalities from a CSV or XLSX file (one row per
 * municipality × component, see docs/import-inventory.md). Every problem of every row is
 * collected before anything is decided: with any error the run is `rejected` and writes
 * nothing but its run record; a dry run reports the same problems and counts without
 * writing. A real run writes all rows in one transaction — an upsert by AGS + component:
 * records the file does not mention stay as they are — and audits one `inventory.imported`
 * event per changed municipality. Re-running the same file changes nothing.
 */
export async function importInventory(dataSource: DataSource, options: ImportInventoryOptions): Promise<ImportReport> {
  const progress = options.progress ?? silentProgress;
  const file = await parseFile(options, progress);
  let report: ImportReport;
  if (hasErrors(file.problems) && file.rows.length === 0) {
    report = finalReport(file.base, file.problems);
  } else if (options.dryRun) {
    const plan = await planInventory(dataSource.manager, file.rows, {
      principal: options.actor.principal,
      headers: file.headers,
      lock: false,
    });
    report = finalReport(file.base, [...file.problems, ...plan.problems], plan);
  } else {
    report = await writeRun(dataSource, file, options, progress);
  }
  if (report.importRunId !== null) return report;
  return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
}
