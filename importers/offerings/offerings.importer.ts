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
import { mapHeaders } from '../tabular';
import { pointersOf, readOfferingsTable, type OfferingsTable } from './dashboard-page';
import { planOfferings, type OfferingPlan } from './offering-plan';
import { offeringColumns, parseOfferingRows, type OfferingRow } from './offering-rows';
import { writeOfferingPlan } from './offering.writer';

/** Input of {@link importOfferings}. */
export interface ImportOfferingsOptions {
  /** The JSON, CSV or XLSX file as read from disk or upload. */
  buffer: Uint8Array;
  /** File name or other description, for the report and the run record. */
  sourceName: string;
  /** Check everything and report what would change, but write nothing except the run record. */
  dryRun?: boolean;
  actor: Actor;
}

interface ParsedFile {
  base: ImportReport;
  table: OfferingsTable;
  headers: Map<string, string>;
  rows: OfferingRow[];
  problems: ImportProblem[];
}

async function parseFile(options: ImportOfferingsOptions, startedAt: string): Promise<ParsedFile> {
  const table = await readOfferingsTable(options.buffer);
  const { sheet } = table;
  const base = tableReport('offerings', options, sheet, startedAt);
  if (table.page) base.details = { ...base.details, page: table.page };
  const columns = offeringColumns(sheet);
  const mapping = mapHeaders(sheet, columns);
  const problems = hasErrors(sheet.problems) ? sheet.problems : [...sheet.problems, ...mapping.problems];
  if (hasErrors(problems)) return { base, table, headers: mapping.header, rows: [], problems };
  const parsed = parseOfferingRows(sheet, mapping, columns);
  return { base, table, headers: mapping.header, rows: parsed.rows, problems: [...problems, ...parsed.problems] };
}

function finalReport(file: ParsedFile, problems: ImportProblem[], plan?: OfferingPlan): ImportReport {
  const sorted = inRowOrder(pointersOf(file.table, problems));
  const finishedAt = new Date().toISOString();
  const { base } = file;
  if (!plan || hasErrors(sorted)) {
    return rejectedTableReport(base, sorted, finishedAt);
  }
  const unchanged = plan.changes.length === 0;
  return { ...base, status: 'succeeded', unchanged, counts: { ...plan.counts }, problems: sorted, finishedAt };
}

function writeRun(dataSource: DataSource, file: ParsedFile, options: ImportOfferingsOptions): Promise<ImportReport> {
  const { actor } = options;
  return inTransaction(dataSource, async (tx) => {
    const plan = await planOfferings(tx, file.rows, { principal: actor.principal, headers: file.headers, lock: true });
    const planned = finalReport(file, [...file.problems, ...plan.problems], plan);
    if (planned.status === 'rejected') return planned;
    const importRunId = await beginImportRun(tx, planned, actor);
    if (!planned.unchanged) await writeOfferingPlan(tx, plan, { actor, importRunId, now: new Date() });
    const done: ImportReport = { ...planned, importRunId, finishedAt: new Date().toISOString() };
    await finishImportRun(tx, importRunId, done, actor);
    return done;
  });
}

/**
 * Imports online offerings in the OZG dashboard's data format (docs/import-offerings.md): one
 * page of its data API as delivered (`content` plus page fields, e.g. a body the dashboard sync
 * fetched), a JSON array or its CSV/XLSX download, one row per area (ARS) × Leistung, with URL,
 * online status, `aktiv`, coverage and optionally the Reifegrad per criterion. An old ARS or a
 * retired area with a mapped successor is followed to the current area with a warning. Every problem of every row is collected
 * first; with any error the run is `rejected` and writes nothing but its run record; a dry run
 * reports the same without writing. A real run upserts all rows as offerings of source
 * `dashboard` in one transaction (offerings the file does not mention stay) and audits one
 * `offerings.imported` event per changed area. Editors may only import rows of their areas.
 * Re-running the same file changes nothing.
 */
export async function importOfferings(dataSource: DataSource, options: ImportOfferingsOptions): Promise<ImportReport> {
  const file = await parseFile(options, new Date().toISOString());
  let report: ImportReport;
  if (hasErrors(file.problems) && file.rows.length === 0) {
    report = finalReport(file, file.problems);
  } else if (options.dryRun) {
    const plan = await planOfferings(dataSource.manager, file.rows, {
      principal: options.actor.principal,
      headers: file.headers,
      lock: false,
    });
    report = finalReport(file, [...file.problems, ...plan.problems], plan);
  } else {
    report = await writeRun(dataSource, file, options);
  }
  if (report.importRunId !== null) return report;
  return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
}
