import type { DataSource, EntityManager } from 'typeorm';
import { timestampValue } from '../../entities/bulk-write';
import { inTransaction } from '../../entities/transaction';
import { openFimDocument, type OpenedFimDocument, type XdfMessageStream, type XzufiMessageStream } from '../../fim';
import { sha256Hex } from '../../lib/hash';
import type { Actor } from '../../lib/principal';
import { beginImportRun, finishImportRun, hasErrors, recordImportRun, type ImportReport } from '../import-report';
import { silentProgress, type Progress } from '../progress';
import {
  emptyFileReport,
  FIM_OUTCOMES,
  fromFimProblem,
  fromParseError,
  isParseError,
  type FimFileReport,
} from './fim-report';
import type { FimSource } from './fim-sources';
import { recordAuditBatch, type AuditEntry } from '../../services/audit.service';
import { rebuildResponsibility } from '../../services/responsibility.service';
import { syncFimOfferings } from './fim-offerings';
import { importXdfStream, type XdfRunState } from './xdf.importer';
import { XzufiBatch } from './xzufi.batch';

/** Input of {@link importFim}. */
export interface ImportFimOptions {
  /** The files, read one at a time in this order. */
  sources: FimSource[];
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Check everything and count what would change, but write nothing except the run record. */
  dryRun?: boolean;
  actor: Actor;
  progress?: Progress;
}

/** The whole run so far: one report per file, and whether writing has stopped for an error. */
interface RunState {
  files: FimFileReport[];
  failed: boolean;
  xdf: XdfRunState;
}

/** Marks the file rejected and the run failed when the file has an error. */
function settle(file: FimFileReport, state: RunState, batch: XzufiBatch): void {
  if (!hasErrors(file.problems)) return;
  file.status = 'rejected';
  state.failed = true;
  batch.stopWriting();
}

async function readXzufi(
  doc: XzufiMessageStream,
  file: FimFileReport,
  batch: XzufiBatch,
  state: RunState,
  progress: Progress,
): Promise<void> {
  progress.start(doc.blockCount, file.file);
  let seen = 0;
  const ignored: Record<string, number> = {};
  try {
    for (const part of doc.parts) {
      // A record error stops the writing at once; reading goes on to report every problem.
      for (; seen < doc.problems.length; seen++) {
        if (doc.problems[seen].severity === 'error') {
          state.failed = true;
          batch.stopWriting();
        }
      }
      await batch.add(part, file, doc.version);
      ignored.organisationseinheit = (ignored.organisationseinheit ?? 0) + part.organisationseinheiten.length;
      for (const [name, n] of Object.entries(part.ignored)) ignored[name] = (ignored[name] ?? 0) + n;
      progress.advance();
    }
  } finally {
    progress.stop();
  }
  const notStored = Object.entries(ignored).filter(([, n]) => n > 0);
  if (notStored.length > 0) {
    file.problems.push({
      severity: 'warning',
      code: 'not-imported',
      detail:
        `Nicht übernommen (gespeichert werden Leistungen, Onlinedienste und Zuständigkeiten): ` +
        notStored.map(([name, n]) => `${n} × ${name}`).join(', ') +
        '.',
      file: file.file,
    });
  }
}

function describe(file: FimFileReport, doc: OpenedFimDocument): void {
  file.format = doc.format;
  file.version = doc.version;
  file.messageType = doc.format === 'xzufi' ? doc.messageName : doc.messageType;
}

/** Reads one file and applies it (or counts it); every problem lands in its file report. */
async function importOne(
  manager: EntityManager,
  source: FimSource,
  options: ImportFimOptions,
  batch: XzufiBatch,
  state: RunState,
  writeContext: { now: ReturnType<typeof timestampValue>; importRunId: number } | null,
): Promise<void> {
  const progress = options.progress ?? silentProgress;
  if (source.size > options.maxBytes) {
    const file = emptyFileReport(source.name, '', source.size);
    state.files.push(file);
    file.problems.push({
      severity: 'error',
      code: 'too-large',
      detail: `Die Datei ist ${source.size} Bytes groß; erlaubt sind höchstens ${options.maxBytes} Bytes.`,
      file: source.name,
    });
    settle(file, state, batch);
    return;
  }
  let buffer: Buffer | null = await source.read();
  const file = emptyFileReport(source.name, sha256Hex(buffer), buffer.length);
  state.files.push(file);
  let doc: OpenedFimDocument | undefined;
  try {
    doc = openFimDocument(buffer, { maxBytes: options.maxBytes });
    // The decoded text is all that is needed from here on; let the bytes go.
    buffer = null;
    describe(file, doc);
    if (doc.format === 'xzufi') await readXzufi(doc, file, batch, state, progress);
    else await applyXdf(manager, doc, file, state, writeContext, progress);
  } catch (error) {
    if (!isParseError(error)) throw error;
    if (source.fromFolder && error.code === 'unknown-format') {
      file.status = 'skipped';
      file.problems.push({
        ...fromParseError(source.name, error),
        severity: 'warning',
        detail: `${error.message} Übersprungen.`,
      });
      return;
    }
    file.problems.push(fromParseError(source.name, error));
  }
  if (doc) file.problems.unshift(...doc.problems.map((p) => fromFimProblem(source.name, p)));
  settle(file, state, batch);
}

async function applyXdf(
  manager: EntityManager,
  doc: XdfMessageStream,
  file: FimFileReport,
  state: RunState,
  writeContext: { now: ReturnType<typeof timestampValue>; importRunId: number } | null,
  progress: Progress,
): Promise<void> {
  progress.start(doc.entries.total, file.file);
  let shown = 0;
  const advance = () => {
    progress.advance(doc.entries.read - shown);
    shown = doc.entries.read;
  };
  try {
    await importXdfStream(manager, doc, file, state.xdf, state.failed ? null : writeContext, advance);
  } finally {
    progress.stop();
  }
}

function buildReport(state: RunState, options: ImportFimOptions, startedAt: string): ImportReport {
  const counts: Record<string, number> = { files: state.files.length };
  for (const outcome of FIM_OUTCOMES) counts[outcome] = state.files.reduce((sum, f) => sum + f.counts[outcome], 0);
  for (const status of ['rejected', 'skipped', 'conflicting'] as const) {
    counts[`files${status[0].toUpperCase()}${status.slice(1)}`] = state.files.filter((f) => f.status === status).length;
  }
  const problems = state.files.flatMap((f) => f.problems);
  const rejected = state.failed || hasErrors(problems);
  counts.errors = problems.filter((p) => p.severity === 'error').length;
  counts.warnings = problems.length - counts.errors;
  return {
    kind: 'fim',
    source: state.files.map((f) => f.file).join(', ') || '(keine Datei)',
    sha256: sha256Hex(state.files.map((f) => f.sha256).join('\n')),
    dryRun: options.dryRun ?? false,
    status: rejected ? 'rejected' : 'succeeded',
    unchanged: !rejected && counts.created + counts.updated + counts.deactivated === 0,
    counts,
    problems,
    details: {
      files: state.files.map(({ problems: fileProblems, ...rest }) => ({ ...rest, problemCount: fileProblems.length })),
    },
    importRunId: null,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}

/** True when the run wrote or deactivated Leistungen, Onlinedienste or Zuständigkeiten. */
function xzufiChanged(state: RunState): boolean {
  return state.files.some((file) =>
    (['leistungen', 'onlinedienste', 'zustaendigkeiten'] as const).some((kind) => {
      const counts = file.objects[kind];
      return counts !== undefined && counts.created + counts.updated + counts.deactivated > 0;
    }),
  );
}

/**
 * What other parts derive from XZuFi data, brought up to date in the import's transaction: the
 * offerings of source `fim` (Onlinedienst × Zuständigkeit areas) and who is responsible for
 * which Leistung (Zuständigkeiten decide where they exist).
 */
async function refreshDerived(
  tx: EntityManager,
  state: RunState,
  now: ReturnType<typeof timestampValue>,
  importRunId: number,
): Promise<Record<string, unknown>> {
  if (!xzufiChanged(state)) return {};
  return { offerings: await syncFimOfferings(tx, now, importRunId), responsibility: await rebuildResponsibility(tx) };
}

/**
 * The audit event of a FIM run that wrote something: one per run, with the counts per file and
 * object kind. The objects themselves (thousands of Leistungen) carry their history in the FIM
 * tables; the event ties the change to who made it and the run record (`importRunId`).
 */
function runAuditEntry(state: RunState, report: ImportReport, importRunId: number): AuditEntry {
  return {
    action: 'fim.imported',
    entityType: 'import-run',
    entityKey: String(importRunId),
    importRunId,
    before: null,
    after: {
      counts: report.counts,
      files: state.files.map((f) => ({
        file: f.file,
        sha256: f.sha256,
        format: f.format,
        version: f.version,
        status: f.status,
        objects: f.objects,
      })),
    },
  };
}

/** Thrown inside the transaction to roll back a run that found an error; carries its report. */
class RejectedRun extends Error {
  constructor(readonly report: ImportReport) {
    super('FIM import rejected');
  }
}

/**
 * Imports FIM files: XZuFi transfer messages (Leistungen, Onlinedienste, Zuständigkeiten;
 * `loesche` deactivates) and XDatenfelder messages (schemas, groups, fields, rules with their
 * tree). One run is one transaction over all files: any error in any file (unreadable or
 * hostile XML, an unknown format, an invalid Leistungsschlüssel, a file over the limit) rejects
 * the run and nothing is written but the run record. XDatenfelder versions are immutable: a
 * version stored with other content is reported as a conflict and that file is not written, the
 * others are. Importing the same files again changes nothing and says so (`unchanged`).
 *
 * XZuFi messages are read and written a block batch at a time, so memory stays near the size of
 * the largest file rather than a multiple of it.
 */
export async function importFim(dataSource: DataSource, options: ImportFimOptions): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const state: RunState = { files: [], failed: false, xdf: new Map() };
  const readAll = async (
    manager: EntityManager,
    writeContext: { now: ReturnType<typeof timestampValue>; importRunId: number } | null,
  ) => {
    const batch = new XzufiBatch(manager, writeContext);
    for (const source of options.sources) await importOne(manager, source, options, batch, state, writeContext);
    await batch.flush();
  };
  if (options.dryRun) {
    await readAll(dataSource.manager, null);
    const report = buildReport(state, options, startedAt);
    return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
  }
  try {
    return await inTransaction(dataSource, async (tx) => {
      const provisional = buildReport(state, options, startedAt);
      const importRunId = await beginImportRun(tx, provisional, options.actor);
      const now = timestampValue(tx, new Date());
      await readAll(tx, { now, importRunId });
      const derived = state.failed ? {} : await refreshDerived(tx, state, now, importRunId);
      const built = buildReport(state, options, startedAt);
      const report = { ...built, details: { ...built.details, ...derived }, importRunId };
      if (report.status === 'rejected') throw new RejectedRun(report);
      if (!report.unchanged) await recordAuditBatch(tx, options.actor, [runAuditEntry(state, report, importRunId)]);
      await finishImportRun(tx, importRunId, report, options.actor);
      return report;
    });
  } catch (error) {
    if (!(error instanceof RejectedRun)) throw error;
    const report = { ...error.report, importRunId: null };
    return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
  }
}
