import type { DataSource } from 'typeorm';
import type { SyncState } from '../../entities';
import { sha256Hex } from '../../lib/hash';
import type { Actor } from '../../lib/principal';
import { SourceError } from '../../sources/errors';
import { hasErrors, recordImportRun, type ImportProblem, type ImportReport } from '../import-report';
import { silentProgress, type Progress } from '../progress';
import { freshSyncState, loadSyncState, saveSyncState, type SyncPosition } from './sync-state';

/** One page as fetched, with where the sync goes on after it. */
export interface FetchedPage<P> {
  page: P;
  /** Null when this was the last page. */
  next: SyncPosition | null;
  /** Pages in total, when the source says. */
  total: number | null;
}

/** A source and scope the runner can page through. */
export interface PagedSync<P> {
  /** `dashboard`, `pvog`, `fim-portal`. */
  source: string;
  /** Identifies what is synchronised, e.g. `ars=160000000000`; the state row's key with `source`. */
  scope: string;
  /** German, for the progress bar and the run's source name. */
  label: string;
  /** Where a fresh pass starts. */
  start: SyncPosition;
  fetch(position: SyncPosition, signal?: AbortSignal): Promise<FetchedPage<P>>;
  /** Imports one page in a transaction of its own and returns the importer's report. */
  importPage(page: P, position: SyncPosition, number: number): Promise<ImportReport>;
}

/** Options of {@link runPagedSync}. */
export interface SyncRunOptions {
  actor: Actor;
  progress?: Progress;
  /** Stops after the page in progress; the state stays `running` and the next run resumes. */
  signal?: AbortSignal;
  /** Start from the beginning even when a previous pass stopped half-way. */
  restart?: boolean;
}

/** One page in the sync's report. */
interface PageSummary {
  index: number;
  importRunId: number | null;
  status: ImportReport['status'];
  unchanged: boolean;
  counts: Record<string, number>;
}

const SUMMED = ['rows', 'created', 'updated', 'unchanged', 'deactivated', 'deleted', 'errors', 'warnings'];

function summaryReport(
  sync: PagedSync<unknown>,
  state: SyncState,
  pages: PageSummary[],
  problems: ImportProblem[],
  startedAt: string,
  resumedFrom: number | null,
): ImportReport {
  const counts: Record<string, number> = { pages: pages.length, pagesDone: state.pagesDone };
  if (state.pagesTotal !== null) counts.pagesTotal = state.pagesTotal;
  for (const name of SUMMED) {
    const sum = pages.reduce((total, p) => total + (p.counts[name] ?? 0), 0);
    if (sum > 0) counts[name] = sum;
  }
  const rejected = state.status === 'failed' || hasErrors(problems);
  return {
    kind: `sync-${sync.source}`,
    source: `${sync.source} ${sync.scope}`,
    sha256: sha256Hex(pages.map((p) => `${p.index}:${p.importRunId}`).join('\n')),
    dryRun: false,
    status: rejected ? 'rejected' : 'succeeded',
    unchanged: !rejected && pages.every((p) => p.unchanged),
    counts,
    problems,
    details: {
      scope: sync.scope,
      state: state.status,
      resumedFrom,
      nextIndex: state.status === 'completed' ? null : state.nextIndex,
      pages,
    },
    importRunId: null,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}

/** A page's problems in the sync report, tagged with the page they came from. */
function pageProblems(report: ImportReport, index: number): ImportProblem[] {
  return report.problems.map((p) => ({ ...p, file: p.file ? `Seite ${index}: ${p.file}` : `Seite ${index}` }));
}

/**
 * Pages through a source: resumes at the stored position of an earlier pass that did not
 * finish (unless `restart`), fetches a page, imports it in its own transaction (the importer's,
 * all or nothing), and only after that commit stores the position of the next page. A fetch
 * that fails after all retries, or a page the importer rejects, stops the pass with the state
 * `failed`, the position still on that page and everything before it intact; the next run
 * tries that page again. A process killed between a page's commit and the position's store
 * imports that page once more on resume, which changes nothing (every importer is idempotent).
 * The pass ends with a run record of kind `sync-<source>` whose report sums the pages and
 * lists each page's own import run.
 */
export async function runPagedSync<P>(
  dataSource: DataSource,
  sync: PagedSync<P>,
  options: SyncRunOptions,
): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const progress = options.progress ?? silentProgress;
  const previous = await loadSyncState(dataSource, sync.source, sync.scope);
  const resume = previous !== null && previous.status !== 'completed' && !options.restart;
  let state = resume ? previous : freshSyncState(previous, sync.source, sync.scope, sync.start, new Date());
  const resumedFrom = resume ? state.nextIndex : null;
  state.status = 'running';
  state.updatedAt = new Date();
  state = await saveSyncState(dataSource, state);
  const pages: PageSummary[] = [];
  const problems: ImportProblem[] = [];
  let started = false;
  try {
    while (state.status === 'running' && !options.signal?.aborted) {
      const position: SyncPosition = { index: state.nextIndex, url: state.nextUrl };
      let fetched: FetchedPage<P>;
      try {
        fetched = await sync.fetch(position, options.signal);
      } catch (error) {
        if (!(error instanceof SourceError)) throw error;
        if (error.failure === 'aborted') break;
        problems.push({ severity: 'error', code: `source-${error.failure}`, detail: error.message });
        state = await saveSyncState(dataSource, {
          ...state,
          status: 'failed',
          lastError: error.message,
          updatedAt: new Date(),
        });
        break;
      }
      if (!started) {
        progress.start(fetched.total ?? 0, sync.label);
        progress.advance(state.pagesDone);
        started = true;
      }
      const report = await sync.importPage(fetched.page, position, state.pagesDone + 1);
      pages.push({
        index: position.index,
        importRunId: report.importRunId,
        status: report.status,
        unchanged: report.unchanged,
        counts: report.counts,
      });
      problems.push(...pageProblems(report, position.index));
      if (report.status === 'rejected') {
        const first = report.problems.find((p) => p.severity === 'error')?.detail ?? 'Fehler im Inhalt';
        const lastError = `Seite ${position.index} abgelehnt (Import-Lauf ${report.importRunId}): ${first}`;
        state = await saveSyncState(dataSource, { ...state, status: 'failed', lastError, updatedAt: new Date() });
        break;
      }
      const now = new Date();
      state = await saveSyncState(dataSource, {
        ...state,
        status: fetched.next ? 'running' : 'completed',
        nextIndex: fetched.next?.index ?? state.nextIndex,
        nextUrl: fetched.next ? fetched.next.url : null,
        pagesDone: state.pagesDone + 1,
        pagesTotal: fetched.total ?? state.pagesTotal,
        importRunIds: [...state.importRunIds, ...(report.importRunId !== null ? [report.importRunId] : [])],
        lastError: null,
        updatedAt: now,
        finishedAt: fetched.next ? null : now,
      });
      progress.advance();
    }
  } finally {
    if (started) progress.stop();
  }
  if (state.status === 'running') {
    problems.push({
      severity: 'warning',
      code: 'interrupted',
      detail: `Abgebrochen nach ${state.pagesDone} Seiten; der nächste Lauf setzt bei Position ${state.nextIndex} fort.`,
    });
  }
  const report = summaryReport(sync as PagedSync<unknown>, state, pages, problems, startedAt, resumedFrom);
  return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
}
