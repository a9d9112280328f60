import type { Request, Response } from 'express';
import type { ImportReport } from '../../importers/import-report';
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

/** A rejected import report as 422 problem+json: every error with its location, and the whole report. */
export function sendRejection(req: Request, res: Response, report: ImportReport): void {
  const errors = report.problems
    .filter((p) => p.severity === 'error')
    .map(({ severity: _severity, ...location }) => location);
  sendProblem(req, res, problem(422, rejectionDetail(report), { errors, report }));
}
