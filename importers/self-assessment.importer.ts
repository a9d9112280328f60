import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../entities/transaction';
import { DomainError, InputError } from '../lib/errors';
import type { Actor } from '../lib/principal';
import { writeSelfAssessment } from '../services/self-assessment.service';
import {
  questionnaireOf,
  shippedQuestionnaires,
  type Answers,
  type QuestionnaireSet,
} from '../services/self-assessment-questionnaire';
import {
  beginImportRun,
  finishImportRun,
  hasErrors,
  inRowOrder,
  recordImportRun,
  rejectedTableReport,
  tableReport,
  type ImportProblem,
  type ImportReport,
} from './import-report';
import { readTabular, type TabularRow } from './tabular';

/** Input of {@link importSelfAssessments}. */
export interface ImportSelfAssessmentsOptions {
  /** A CSV or XLSX file. */
  buffer: Uint8Array;
  /** The file's name, for the report and the import run. */
  sourceName: string;
  actor: Actor;
  /** The questionnaires to check against (default: the shipped ones). */
  set?: QuestionnaireSet;
}

/** `kind` of the report and of its import run. */
export const SELF_ASSESSMENT_IMPORT_KIND = 'self-assessments';

const KEY_HEADERS = new Set(['ags', 'schluessel', 'schlüssel', 'key']);
const VERSION_HEADERS = new Set(['version', 'questionnaireversion']);

/** Where the key and version are in a table whose headers are lower-cased. */
interface Columns {
  headers: string[];
  key: number;
  version: number;
}

/**
 * Imports self-assessments from a table (CSV or XLSX), all or nothing: one row per
 * municipality, a column `ags` (Gemeinde, Verband or Kreis key), optionally `version`, and one
 * column per question code (`strategy`, `fim-known`, …) with the option value; several values of
 * a multiple choice separated by `|`. An empty cell leaves a question unanswered. A row replaces
 * the municipality's answers, with an audit event like an API write; the caller's scope applies.
 *
 * Answers the common {@link ImportReport} (kind `self-assessments`; counts rows, changed,
 * unchanged), with an import run recorded whether the file was written or rejected.
 */
export async function importSelfAssessments(
  dataSource: DataSource,
  options: ImportSelfAssessmentsOptions,
): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const sheet = await readTabular(options.buffer);
  const base = tableReport(SELF_ASSESSMENT_IMPORT_KIND, options, sheet, startedAt);
  const columns = columnsOf(sheet.headers);
  const fileProblems: ImportProblem[] = hasErrors(sheet.problems)
    ? sheet.problems
    : columns.key < 0
      ? [...sheet.problems, { severity: 'error', detail: 'Es fehlt die Spalte „ags“ mit dem Schlüssel der Kommune.' }]
      : sheet.problems;
  const report = hasErrors(fileProblems)
    ? rejectedTableReport(base, fileProblems, new Date().toISOString())
    : await writeRows(dataSource, options, { ...base, problems: fileProblems }, sheet.rows, columns);
  if (report.importRunId !== null) return report;
  return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
}

function columnsOf(fileHeaders: string[]): Columns {
  const headers = fileHeaders.map((h) => h.trim().toLowerCase());
  return {
    headers,
    key: headers.findIndex((h) => KEY_HEADERS.has(h)),
    version: headers.findIndex((h) => VERSION_HEADERS.has(h)),
  };
}

/** Thrown inside the transaction to roll every row back when any row has a problem. */
class RowsRejected extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('rows rejected');
  }
}

/** Writes every row in one transaction with its import run; any row problem rolls all back and rejects. */
async function writeRows(
  dataSource: DataSource,
  options: ImportSelfAssessmentsOptions,
  base: ImportReport,
  rows: TabularRow[],
  columns: Columns,
): Promise<ImportReport> {
  const set = options.set ?? shippedQuestionnaires();
  try {
    return await inTransaction(dataSource, async (tx) => {
      const importRunId = await beginImportRun(tx, base, options.actor);
      const counts = { ...base.counts, changed: 0, unchanged: 0 };
      const problems: ImportProblem[] = [];
      for (const row of rows) {
        const outcome = await writeRow(tx, row, columns, set, options.actor, importRunId);
        if (Array.isArray(outcome)) problems.push(...outcome);
        else counts[outcome] += 1;
      }
      // All or nothing: any problem rolls the whole file back.
      if (problems.length > 0) throw new RowsRejected(problems);
      const done: ImportReport = {
        ...base,
        counts,
        unchanged: counts.changed === 0,
        importRunId,
        finishedAt: new Date().toISOString(),
      };
      await finishImportRun(tx, importRunId, done, options.actor);
      return done;
    });
  } catch (error) {
    if (!(error instanceof RowsRejected)) throw error;
    return rejectedTableReport(base, inRowOrder([...base.problems, ...error.problems]), new Date().toISOString());
  }
}

/** Writes one row: whether it changed the stored answers, or its problems (a domain refusal of the write). */
async function writeRow(
  tx: EntityManager,
  row: TabularRow,
  columns: Columns,
  set: QuestionnaireSet,
  actor: Actor,
  importRunId: number,
): Promise<'changed' | 'unchanged' | ImportProblem[]> {
  const key = row.cells[columns.key]?.trim() ?? '';
  const versionText = columns.version >= 0 ? row.cells[columns.version]?.trim() : '';
  const version = versionText ? Number(versionText) : set.current.version;
  try {
    const answers = rowAnswers(row, columns, questionnaireOf(set, version));
    const written = await writeSelfAssessment(tx, {
      key,
      input: { questionnaireVersion: version, answers },
      actor,
      precondition: { ifMatch: '*' },
      set,
      importRunId,
    });
    return written.changed ? 'changed' : 'unchanged';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const details =
      error instanceof InputError && error.problems.length > 0 ? error.problems : [{ detail: error.message }];
    return details.map((p) => {
      const column = 'pointer' in p ? p.pointer?.replace('#/answers/', '') : undefined;
      return { severity: 'error', row: row.row, ...(column !== undefined ? { column } : {}), detail: p.detail };
    });
  }
}

/** A row's answers: every non-empty question cell, a multiple choice split at `|`. */
function rowAnswers(row: TabularRow, columns: Columns, questionnaire: ReturnType<typeof questionnaireOf>): Answers {
  const kinds = new Map(questionnaire.questions.map((q) => [q.code, q.kind]));
  const answers: Answers = {};
  columns.headers.forEach((header, i) => {
    if (i === columns.key || i === columns.version) return;
    const text = row.cells[i]?.trim() ?? '';
    if (!text) return;
    answers[header] = kinds.get(header) === 'multi' ? text.split('|').map((v) => v.trim()) : text;
  });
  return answers;
}
