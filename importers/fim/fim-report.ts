import { FimParseError, type FimProblem } from '../../fim';
import type { ImportProblem } from '../import-report';

/** What happened to one object of a FIM file. */
export const FIM_OUTCOMES = [
  'created',
  'updated',
  'unchanged',
  'deactivated',
  'conflicting',
  'rejected',
  'skipped',
] as const;
export type FimOutcome = (typeof FIM_OUTCOMES)[number];

/** The kinds of objects a FIM import stores, as counted in the report. */
export type FimObjectKind =
  'leistungen' | 'onlinedienste' | 'zustaendigkeiten' | 'schemas' | 'gruppen' | 'felder' | 'regeln';

export type FimCounts = Record<FimOutcome, number>;

/** The report of one file of a FIM import run. */
export interface FimFileReport {
  file: string;
  sha256: string;
  bytes: number;
  /** Detected from the root element's namespace and name; null when the file could not be read. */
  format: 'xzufi' | 'xdatenfelder' | null;
  /** XZuFi `2.1.0` / `2.2.0` / `2.3.1`, XDatenfelder `2.0` / `3.0.0`. */
  version: string | null;
  /** XDatenfelder message (`stammdatenschema` …) or the XZuFi message's root name. */
  messageType: string | null;
  /**
   * `read`: every object counted; `rejected`: an error in the file (the run writes nothing);
   * `skipped`: not a FIM document, left out of a folder import; `conflicting`: an XDatenfelder
   * version already stored with other content, so nothing of the file is written.
   */
  status: 'read' | 'rejected' | 'skipped' | 'conflicting';
  /** Sum over `objects`. */
  counts: FimCounts;
  objects: Partial<Record<FimObjectKind, FimCounts>>;
  problems: ImportProblem[];
}

/** All outcomes at zero. */
export function zeroCounts(): FimCounts {
  return { created: 0, updated: 0, unchanged: 0, deactivated: 0, conflicting: 0, rejected: 0, skipped: 0 };
}

/** A file report before anything is read. */
export function emptyFileReport(file: string, sha256: string, bytes: number): FimFileReport {
  return {
    file,
    sha256,
    bytes,
    format: null,
    version: null,
    messageType: null,
    status: 'read',
    counts: zeroCounts(),
    objects: {},
    problems: [],
  };
}

/** Counts one object's outcome in the file report. */
export function count(report: FimFileReport, kind: FimObjectKind, outcome: FimOutcome, by = 1): void {
  const counts = (report.objects[kind] ??= zeroCounts());
  counts[outcome] += by;
  report.counts[outcome] += by;
}

/** A parser problem as an import problem of `file`. */
export function fromFimProblem(file: string, problem: FimProblem): ImportProblem {
  return {
    severity: problem.severity,
    code: problem.code,
    detail: problem.message,
    file,
    ...(problem.path !== undefined && { path: problem.path }),
    ...(problem.line !== undefined && { line: problem.line }),
    ...(problem.column !== undefined && { col: problem.column }),
  };
}

/** Why a whole file could not be read, as an import problem. */
export function fromParseError(file: string, error: FimParseError): ImportProblem {
  const { line, column, path } = error.location;
  return {
    severity: 'error',
    code: error.code,
    detail: error.message,
    file,
    ...(path !== undefined && { path }),
    ...(line !== undefined && { line }),
    ...(column !== undefined && { col: column }),
  };
}

/** True when the error is the parser's (bad input), not a bug. */
export function isParseError(error: unknown): error is FimParseError {
  return error instanceof FimParseError;
}
