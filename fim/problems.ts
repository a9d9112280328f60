/** Collecting per-record problems, or failing fast when the caller asked for it. */
import { FimParseError, type FimErrorCode } from './errors';
import type { FimProblem, FimProblemCode } from './types';

const THROWABLE: ReadonlySet<FimProblemCode> = new Set(['invalid-leistungsschluessel', 'missing-id']);

/** Every problem of one document; records keep their own list too (the same objects). */
export class ProblemSink {
  readonly all: FimProblem[] = [];

  constructor(private readonly onRecordError: 'flag' | 'throw' = 'flag') {}

  /** Records a problem on the document and, when given, on its record. */
  report(record: FimProblem[] | undefined, problem: FimProblem): void {
    if (problem.severity === 'error' && this.onRecordError === 'throw') {
      const code: FimErrorCode = THROWABLE.has(problem.code) ? (problem.code as FimErrorCode) : 'invalid-structure';
      throw new FimParseError(code, problem.message, { path: problem.path });
    }
    record?.push(problem);
    this.all.push(problem);
  }

  error(record: FimProblem[] | undefined, code: FimProblemCode, message: string, path: string): void {
    this.report(record, { severity: 'error', code, message, path });
  }

  warning(record: FimProblem[] | undefined, code: FimProblemCode, message: string, path: string): void {
    this.report(record, { severity: 'warning', code, message, path });
  }
}

/** True when none of the record's problems is an error. */
export function isValid(problems: readonly FimProblem[]): boolean {
  return problems.every((problem) => problem.severity !== 'error');
}
