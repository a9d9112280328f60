import type { DataSource, EntityManager } from 'typeorm';
import { ImportRun } from '../entities';
import { inTransaction } from '../entities/transaction';
import type { FieldProblem } from '../lib/errors';
import type { Actor } from '../lib/principal';

/** One problem found in an import: an error rejects the run, a warning does not. */
export interface ImportProblem extends FieldProblem {
  severity: 'error' | 'warning';
  /** Machine-readable reason, where the importer has one (e.g. `not-well-formed`, `conflict`). */
  code?: string;
  /** The file it concerns, when a run reads several. */
  file?: string;
  /** Element path in an XML file, e.g. `/xzufi.transfer/schreibe[3]/leistung`. */
  path?: string;
  /** 1-based line in a text file (XML). */
  line?: number;
  /** 1-based column within that line. */
  col?: number;
}

/**
 * What an import did or, in a dry run, would do. The same shape for every importer, so the
 * API, the CLI and the UI show reports alike.
 */
export interface ImportReport {
  kind: string;
  source: string;
  sha256: string;
  dryRun: boolean;
  /** `succeeded`: written (or, in a dry run, would be written); `rejected`: errors, nothing written. */
  status: 'succeeded' | 'rejected';
  /** True when a real run found nothing to change (e.g. the same file imported again). */
  unchanged: boolean;
  /** Counts such as rows, created, updated, unchanged, deleted, retired. */
  counts: Record<string, number>;
  /** Every error and warning, with row/column or pointer. */
  problems: ImportProblem[];
  /** Importer-specific lists, e.g. the regions added, renamed and retired. */
  details?: Record<string, unknown>;
  importRunId: number | null;
  startedAt: string;
  finishedAt: string;
}

/** How many problems are stored with a run; the caller still gets all of them in the report. */
const STORED_PROBLEMS = 200;

function runRow(manager: EntityManager, report: ImportReport, actor: Actor): ImportRun {
  return manager.create(ImportRun, {
    kind: report.kind,
    sourceName: report.source.slice(0, 300),
    sha256: report.sha256,
    dryRun: report.dryRun,
    status: report.status,
    actor: actor.principal.name,
    startedAt: new Date(report.startedAt),
    finishedAt: new Date(report.finishedAt),
    summary: {
      counts: report.counts,
      unchanged: report.unchanged,
      problemCount: report.problems.length,
      problems: report.problems.slice(0, STORED_PROBLEMS),
    },
  });
}

/**
 * Starts the run record inside the import's own transaction, so audit events can point at
 * it and it disappears with everything else if the import fails.
 */
export async function beginImportRun(tx: EntityManager, report: ImportReport, actor: Actor): Promise<number> {
  const saved = await tx.save(runRow(tx, report, actor));
  return saved.id;
}

/** Completes the run record started by {@link beginImportRun} with the final counts. */
export async function finishImportRun(
  tx: EntityManager,
  id: number,
  report: ImportReport,
  actor: Actor,
): Promise<void> {
  const row = runRow(tx, report, actor);
  row.id = id;
  await tx.save(row);
}

/** Records a run that wrote nothing (dry run or rejected file) in a small transaction of its own. */
export async function recordImportRun(dataSource: DataSource, report: ImportReport, actor: Actor): Promise<number> {
  return inTransaction(dataSource, async (tx) => (await tx.save(runRow(tx, report, actor))).id);
}
