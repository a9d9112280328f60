import type { Request, Response } from 'express';
import { capReport, type ImportReport, type ProblemListing } from '../../importers/import-report';
import { importLimits } from '../../importers/tabular/limits';
import { problem, sendProblem } from '../http/problem-details';

/** The file name from `Content-Disposition: attachment; filename="…"`, else `fallback`. */
export function uploadName(req: Request, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(req.headers['content-disposition'] ?? '');
  if (!match) return fallback;
  try {
    return decodeURIComponent(match[1]).slice(0, 300);
  } catch {
    return match[1].slice(0, 300);
  }
}

/** "Import abgelehnt: 3 Fehler in 2 Zeile(n); es wurde nichts geschrieben." */
function rejectionDetail(report: ImportReport): string {
  const { errors = 0, rowsWithErrors = 0 } = report.counts;
  const where = rowsWithErrors > 0 ? ` in ${rowsWithErrors} Zeile(n)` : '';
  return `Import abgelehnt: ${errors} Fehler${where}; es wurde nichts geschrieben.`;
}

/**
 * A report as the API answers it: at most `IMPORT_MAX_LISTED_PROBLEMS` problems listed, and
 * `problemListing` with the total, counts per kind and the CSV download of the stored run.
 */
export function answerReport(report: ImportReport): ImportReport & { problemListing: ProblemListing } {
  const capped = capReport(report, importLimits().maxListedProblems);
  return { ...capped.report, problemListing: capped.listing };
}

/**
 * A rejected import report as 422 problem+json. Each problem is listed once: the errors in
 * `errors` (with their location), the warnings in `report.problems`; together at most
 * `IMPORT_MAX_LISTED_PROBLEMS`, with `report.problemListing` counting all of them.
 */
export function sendRejection(req: Request, res: Response, report: ImportReport): void {
  const answer = answerReport(report);
  const errors = answer.problems
    .filter((p) => p.severity === 'error')
    .map(({ severity: _severity, ...location }) => location);
  const warnings = answer.problems.filter((p) => p.severity === 'warning');
  const detail = answer.problemListing.note
    ? `${rejectionDetail(report)} ${answer.problemListing.note}`
    : rejectionDetail(report);
  sendProblem(req, res, problem(422, detail, { errors, report: { ...answer, problems: warnings } }));
}

/**
 * The one answer of every import route: a rejected run as 422 problem+json
 * ({@link sendRejection}), any other as its report, capped like a rejection
 * ({@link answerReport}), so a run with many warnings cannot grow the answer without bound either.
 */
export function sendImportReport(req: Request, res: Response, report: ImportReport): void {
  if (report.status === 'rejected') sendRejection(req, res, report);
  else res.json(answerReport(report));
}
