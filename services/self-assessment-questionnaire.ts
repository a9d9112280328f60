import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, NotFoundError, type FieldProblem } from '../lib/errors';
import { referenceDataDir } from '../lib/paths';

/** One answer option of a question. */
export interface QuestionOption {
  value: string;
  /** German label shown in the form. */
  label: string;
  /** In a multiple choice, "none of these": it cannot be chosen together with another option. */
  exclusive?: boolean;
}

/**
 * When an answer counts for a figure: one of the options (`anyOf`), or, in a multiple choice, how
 * many non-exclusive options were chosen (`countExactly`, `countAtLeast`).
 */
export type FigureMatch = { anyOf: string[] } | { countExactly: number } | { countAtLeast: number };

/** A figure the answers feed, with the survey's value to compare with (null when it gives none). */
export interface QuestionFigure {
  code: string;
  /** German label in reports. */
  label: string;
  match: FigureMatch;
  /** Percent of respondents; `derived` when our arithmetic, not a published figure. */
  survey: { value: number; derived: boolean } | null;
  /** German: what the survey says, or why there is no value. */
  note: string;
  /** Key into {@link Questionnaire.sources}. */
  source: string;
}

/** A question of the self-assessment. */
export interface Question {
  code: string;
  /** The survey's dimension (German), for grouping in the form and the report. */
  dimension: string;
  text: string;
  hint?: string;
  kind: 'single' | 'multi';
  options: QuestionOption[];
  /** Asked only when an earlier question was answered with one of these options. */
  askIf?: { question: string; anyOf: string[] };
  figures: QuestionFigure[];
}

/** A version of the questionnaire, as shipped in `data/reference/selbstauskunft-v{N}.json`. */
export interface Questionnaire {
  version: number;
  title: string;
  validFrom: string;
  sources: Record<string, { title: string; url: string | null; note: string }>;
  questions: Question[];
}

/** Stored answers: question code → option value (single) or option values (multi). */
export type Answers = Record<string, string | string[]>;

/** The questionnaires known to the service, by version, and which is current (the highest). */
export interface QuestionnaireSet {
  byVersion: Map<number, Questionnaire>;
  current: Questionnaire;
}

const FILE_PATTERN = /^selbstauskunft-v(\d+)\.json$/;

/** Reads every `selbstauskunft-v{N}.json` of a folder; the file name's N must match its `version`. */
export function loadQuestionnaires(dir: string = referenceDataDir): QuestionnaireSet {
  const byVersion = new Map<number, Questionnaire>();
  for (const name of readdirSync(dir)) {
    const match = FILE_PATTERN.exec(name);
    if (!match) continue;
    const questionnaire = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Questionnaire;
    if (questionnaire.version !== Number(match[1])) {
      throw new Error(`${name}: version ${questionnaire.version} does not match the file name`);
    }
    byVersion.set(questionnaire.version, questionnaire);
  }
  return questionnaireSet([...byVersion.values()]);
}

/** A set of questionnaires from a list (tests pass their own versions). */
export function questionnaireSet(list: Questionnaire[]): QuestionnaireSet {
  if (list.length === 0) throw new Error('no questionnaire');
  const byVersion = new Map(list.map((q) => [q.version, q]));
  const current = list.reduce((a, b) => (b.version > a.version ? b : a));
  return { byVersion, current };
}

let shipped: QuestionnaireSet | undefined;

/** The shipped questionnaires, read once. */
export function shippedQuestionnaires(): QuestionnaireSet {
  shipped ??= loadQuestionnaires();
  return shipped;
}

/** The questionnaire of a version; 404 for one the service does not know. */
export function questionnaireOf(set: QuestionnaireSet, version: number): Questionnaire {
  const questionnaire = set.byVersion.get(version);
  if (!questionnaire) {
    throw new NotFoundError(
      `Keine Selbstauskunft in Version ${version}; bekannt: ${[...set.byVersion.keys()].join(', ')}.`,
    );
  }
  return questionnaire;
}

/** Whether a question is asked, given the other answers. */
export function isAsked(question: Question, answers: Answers): boolean {
  if (!question.askIf) return true;
  const earlier = answers[question.askIf.question];
  const chosen = Array.isArray(earlier) ? earlier : earlier === undefined ? [] : [earlier];
  return chosen.some((value) => question.askIf!.anyOf.includes(value));
}

function answerProblems(question: Question, answer: string | string[], pointer: string): FieldProblem[] {
  const known = new Set(question.options.map((o) => o.value));
  if (question.kind === 'single') {
    if (typeof answer !== 'string') return [{ pointer, detail: 'eine Antwort (Text) erwartet' }];
    return known.has(answer) ? [] : [{ pointer, detail: `„${answer}“ ist keine Antwort auf diese Frage` }];
  }
  if (!Array.isArray(answer) || answer.length === 0) {
    return [{ pointer, detail: 'eine Liste mit mindestens einer Antwort erwartet' }];
  }
  const problems: FieldProblem[] = answer
    .filter((value) => !known.has(value))
    .map((value) => ({ pointer, detail: `„${value}“ ist keine Antwort auf diese Frage` }));
  if (new Set(answer).size !== answer.length) problems.push({ pointer, detail: 'jede Antwort nur einmal' });
  const exclusive = question.options.filter((o) => o.exclusive && answer.includes(o.value));
  if (exclusive.length > 0 && answer.length > 1) {
    problems.push({ pointer, detail: `„${exclusive[0].label}“ schließt die anderen Antworten aus` });
  }
  return problems;
}

/**
 * Checks answers against a questionnaire: known questions, known options, exclusive options
 * alone, and no answer to a question that is not asked (so a figure's denominator is exactly
 * those to whom the question applied, e.g. FIM helpful among those who know FIM). Unanswered
 * questions are allowed: a municipality may answer in parts.
 */
export function validateAnswers(questionnaire: Questionnaire, answers: Answers, base = '#/answers'): void {
  const byCode = new Map(questionnaire.questions.map((q) => [q.code, q]));
  const problems: FieldProblem[] = [];
  for (const [code, answer] of Object.entries(answers)) {
    const pointer = `${base}/${code}`;
    const question = byCode.get(code);
    if (!question) {
      problems.push({ pointer, detail: `keine Frage der Selbstauskunft (Version ${questionnaire.version})` });
      continue;
    }
    problems.push(...answerProblems(question, answer, pointer));
    if (!isAsked(question, answers)) {
      problems.push({
        pointer,
        detail: `wird nur gefragt, wenn „${question.askIf!.question}“ passend beantwortet ist`,
      });
    }
  }
  if (problems.length > 0) throw new InputError('Antworten ungültig.', problems);
}

/** Whether an answer counts for a figure. */
export function answerMatches(question: Question, figure: QuestionFigure, answer: string | string[]): boolean {
  const chosen = Array.isArray(answer) ? answer : [answer];
  if ('anyOf' in figure.match)
    return chosen.some((value) => (figure.match as { anyOf: string[] }).anyOf.includes(value));
  const exclusive = new Set(question.options.filter((o) => o.exclusive).map((o) => o.value));
  const count = chosen.filter((value) => !exclusive.has(value)).length;
  return 'countExactly' in figure.match ? count === figure.match.countExactly : count >= figure.match.countAtLeast;
}
