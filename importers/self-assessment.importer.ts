import type { DataSource } from 'typeorm';
import { inTransaction } from '../entities/transaction';
import { DomainError, InputError, type FieldProblem } from '../lib/errors';
import type { Actor } from '../lib/principal';
import { writeSelfAssessment } from '../services/self-assessment.service';
import {
  questionnaireOf,
  shippedQuestionnaires,
  type Answers,
  type QuestionnaireSet,
} from '../services/self-assessment-questionnaire';
import { readTabular } from './tabular';

/** What an import of self-assessments did. */
export interface SelfAssessmentImportResult {
  rows: number;
  changed: number;
  unchanged: number;
}

const KEY_HEADERS = new Set(['ags', 'schluessel', 'schlüssel', 'key']);
const VERSION_HEADERS = new Set(['version', 'questionnaireversion']);

/**
 * Imports self-assessments from a table (CSV or XLSX), all or nothing: one row per
 * municipality, a column `ags` (Gemeinde, Verband or Kreis key), optionally `version`, and one
 * column per question code (`strategy`, `fim-known`, …) with the option value; several values of
 * a multiple choice separated by `|`. An empty cell leaves a question unanswered. A row replaces
 * the municipality's answers, with an audit event like an API write; the caller's scope applies.
 */
export async function importSelfAssessments(
  dataSource: DataSource,
  args: { bytes: Uint8Array; actor: Actor; set?: QuestionnaireSet },
): Promise<SelfAssessmentImportResult> {
  const set = args.set ?? shippedQuestionnaires();
  const sheet = await readTabular(args.bytes);
  if (sheet.problems.some((p) => p.severity === 'error')) {
    throw new InputError(
      'Datei nicht lesbar.',
      sheet.problems.map((p) => ({ detail: p.detail })),
    );
  }
  const headers = sheet.headers.map((h) => h.trim().toLowerCase());
  const keyColumn = headers.findIndex((h) => KEY_HEADERS.has(h));
  const versionColumn = headers.findIndex((h) => VERSION_HEADERS.has(h));
  if (keyColumn < 0) {
    throw new InputError('Datei ungültig.', [{ detail: 'Es fehlt die Spalte „ags“ mit dem Schlüssel der Kommune.' }]);
  }
  const problems: FieldProblem[] = [];
  const result: SelfAssessmentImportResult = { rows: sheet.rows.length, changed: 0, unchanged: 0 };
  await inTransaction(dataSource, async (tx) => {
    for (const row of sheet.rows) {
      const key = row.cells[keyColumn]?.trim() ?? '';
      const versionText = versionColumn >= 0 ? row.cells[versionColumn]?.trim() : '';
      const version = versionText ? Number(versionText) : set.current.version;
      const answers: Answers = {};
      try {
        const questionnaire = questionnaireOf(set, version);
        const kinds = new Map(questionnaire.questions.map((q) => [q.code, q.kind]));
        headers.forEach((header, i) => {
          if (i === keyColumn || i === versionColumn) return;
          const text = row.cells[i]?.trim() ?? '';
          if (!text) return;
          answers[header] = kinds.get(header) === 'multi' ? text.split('|').map((v) => v.trim()) : text;
        });
        const written = await writeSelfAssessment(tx, {
          key,
          input: { questionnaireVersion: version, answers },
          actor: args.actor,
          precondition: { ifMatch: '*' },
          set,
        });
        if (written.changed) result.changed += 1;
        else result.unchanged += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const details =
          error instanceof InputError && error.problems.length > 0 ? error.problems : [{ detail: error.message }];
        for (const p of details) {
          problems.push({ row: row.row, column: p.pointer?.replace('#/answers/', ''), detail: p.detail });
        }
      }
    }
    // All or nothing: any problem rolls the whole file back.
    if (problems.length > 0) throw new InputError('Import abgelehnt; es wurde nichts geschrieben.', problems);
  });
  return result;
}
