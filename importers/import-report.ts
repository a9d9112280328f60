import type { DataSource, EntityManager } from 'typeorm';
import { ImportRun } from '../entities';
import { inTransaction } from '../entities/transaction';
import type { FieldProblem } from '../lib/errors';
import { sha256Hex } from '../lib/hash';
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

/** True when any problem is an error (the run must be rejected). */
export function hasErrors(problems: readonly ImportProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Problems in file order: file-level ones first, then by row (stable within a row). */
export function inRowOrder(problems: ImportProblem[]): ImportProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

/** The report of a table file before anything is decided: its name, hash, row count and how it was read. */
export function tableReport(
  kind: string,
  file: { buffer: Uint8Array; sourceName: string; dryRun?: boolean },
  sheet: { rows: unknown[]; details: Record<string, unknown> },
  startedAt: string,
): ImportReport {
  return {
    kind,
    source: file.sourceName,
    sha256: sha256Hex(Buffer.from(file.buffer)),
    dryRun: file.dryRun ?? false,
    status: 'succeeded',
    unchanged: false,
    counts: { rows: sheet.rows.length },
    problems: [],
    details: { ...sheet.details },
    importRunId: null,
    startedAt,
    finishedAt: startedAt,
  };
}

/** A rejected table import: the base counts plus rows with errors, errors and warnings; problems in row order. */
export function rejectedTableReport(base: ImportReport, sorted: ImportProblem[], finishedAt: string): ImportReport {
  const errors = sorted.filter((p) => p.severity === 'error');
  const counts = {
    ...base.counts,
    rowsWithErrors: new Set(errors.filter((p) => p.row !== undefined).map((p) => p.row)).size,
    errors: errors.length,
    warnings: sorted.length - errors.length,
  };
  return { ...base, status: 'rejected', counts, problems: sorted, finishedAt };
}

/**
 * How many problems are stored with a run, for `GET /api/imports/{runId}/problems`. A cap
 * because the run row is one JSON column that the overview reads back: 10,000 problems are
 * about 1.5 MB; beyond them the stored list says how many were left out.
 */
export const STORED_PROBLEMS = 10_000;

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

/** Problems of one kind: same severity, column and detail text once numbers and quoted values are set aside. */
export interface ProblemKind {
  severity: ImportProblem['severity'];
  column?: string;
  code?: string;
  /** The first problem's text, as an example. */
  detail: string;
  count: number;
}

/** How many problems an answer lists and what it left out. */
export interface ProblemListing {
  total: number;
  errors: number;
  warnings: number;
  /** Listed one by one in this answer (the first ones in file order). */
  listed: number;
  /** Counts per kind, most frequent first (at most {@link MAX_KINDS}). */
  kinds: ProblemKind[];
  /** German note when not every problem is listed: where the full list is. */
  note?: string;
  /** Where all stored problems of the run can be downloaded as CSV, when the run was recorded. */
  download?: string;
}

const MAX_KINDS = 100;

function kindKey(p: ImportProblem): string {
  const shape = p.detail.replace(/„[^“”]*[“”]|"[^"]*"|'[^']*'|\d+/g, '…');
  return `${p.severity}\u0000${p.column ?? ''}\u0000${p.code ?? ''}\u0000${shape}`;
}

/** Problems counted per kind, most frequent first. */
export function problemKinds(problems: readonly ImportProblem[]): ProblemKind[] {
  const kinds = new Map<string, ProblemKind>();
  for (const p of problems) {
    const key = kindKey(p);
    const kind = kinds.get(key);
    if (kind) kind.count += 1;
    else {
      kinds.set(key, {
        severity: p.severity,
        ...(p.column !== undefined ? { column: p.column } : {}),
        ...(p.code !== undefined ? { code: p.code } : {}),
        detail: p.detail,
        count: 1,
      });
    }
  }
  return [...kinds.values()].sort((a, b) => b.count - a.count).slice(0, MAX_KINDS);
}

function formatCount(n: number): string {
  return n.toLocaleString('de-DE');
}

/** The download path of a run's stored problems. */
export function problemsDownloadPath(runId: number): string {
  return `/api/imports/${runId}/problems?format=csv`;
}

/**
 * The report with at most `maxListed` problems in it (the first ones, file order kept) and a
 * listing that counts them all, per kind, and says in German where the full list is. A
 * rejected 47 MB file had 470 MB of answer before: one line per bad row, twice.
 */
export function capReport(report: ImportReport, maxListed: number): { report: ImportReport; listing: ProblemListing } {
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const total = report.problems.length;
  const listed = Math.min(total, maxListed);
  const listing: ProblemListing = {
    total,
    errors,
    warnings: total - errors,
    listed,
    kinds: total > listed ? problemKinds(report.problems) : [],
  };
  if (report.importRunId !== null) listing.download = problemsDownloadPath(report.importRunId);
  if (total > listed) {
    const stored = Math.min(total, STORED_PROBLEMS);
    const where =
      report.importRunId === null
        ? ''
        : ` Die vollständige Liste${stored < total ? ` (die ersten ${formatCount(stored)})` : ''} steht als CSV unter ` +
          `${listing.download}.`;
    listing.note =
      `${formatCount(total)} Fehler und Hinweise, hier die ersten ${formatCount(listed)} ` +
      `(Grenze IMPORT_MAX_LISTED_PROBLEMS); „kinds“ zählt alle nach Art.${where}`;
  }
  return { report: total > listed ? { ...report, problems: report.problems.slice(0, listed) } : report, listing };
}

/** Identical problems (same severity, column and text) of many rows, told once. */
export interface ProblemGroup {
  severity: ImportProblem['severity'];
  column?: string;
  detail: string;
  /** How many problems the group stands for. */
  count: number;
  /** The first rows (file order), at most {@link GROUP_ROWS_SHOWN}. */
  rows: number[];
  /** How many distinct rows the group covers. */
  rowCount: number;
}

/** Rows named per group; the rest is a count. */
export const GROUP_ROWS_SHOWN = 10;

/**
 * Groups identical problems, first occurrence first: one wrong cell repeated over 10,347 rows
 * becomes one line "… – 10.347 Zeilen betroffen (Zeilen 2–11 …)" instead of a 2.7 MB page.
 */
export function groupIdenticalProblems(problems: readonly ImportProblem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup & { seen?: Set<number> }>();
  for (const p of problems) {
    const key = `${p.severity}\u0000${p.column ?? ''}\u0000${p.detail}`;
    let group = groups.get(key);
    if (!group) {
      group = { severity: p.severity, column: p.column, detail: p.detail, count: 0, rows: [], rowCount: 0 };
      groups.set(key, group);
    }
    group.count += 1;
    const seen = (group.seen ??= new Set());
    if (p.row !== undefined && !seen.has(p.row)) {
      seen.add(p.row);
      group.rowCount += 1;
      if (group.rows.length < GROUP_ROWS_SHOWN) group.rows.push(p.row);
    }
  }
  return [...groups.values()].map((g) => ({
    severity: g.severity,
    ...(g.column !== undefined ? { column: g.column } : {}),
    detail: g.detail,
    count: g.count,
    rows: g.rows,
    rowCount: g.rowCount,
  }));
}

/** "2–11, 15" for rows in file order: runs of consecutive rows as ranges. */
export function rowRanges(rows: readonly number[]): string {
  const parts: string[] = [];
  let start = rows[0];
  let end = rows[0];
  for (const row of rows.slice(1)) {
    if (row === end + 1) end = row;
    else {
      parts.push(start === end ? String(start) : `${start}–${end}`);
      start = end = row;
    }
  }
  if (rows.length > 0) parts.push(start === end ? String(start) : `${start}–${end}`);
  return parts.join(', ');
}

/** German text of a group's rows: "2" or "10.347 Zeilen betroffen (Zeilen 2–11 …)". */
export function describeGroupRows(group: ProblemGroup): string {
  if (group.rowCount <= 1) return group.rows.length ? String(group.rows[0]) : '–';
  const more = group.rowCount > group.rows.length ? ' …' : '';
  return `${formatCount(group.rowCount)} Zeilen betroffen (Zeilen ${rowRanges(group.rows)}${more})`;
}
