import {
  isAsked,
  type Answers,
  type Question,
  type Questionnaire,
} from '../../../services/self-assessment-questionnaire';
import type { FieldErrors } from './forms';
import { html, raw, when, type SafeHtml } from './html';

function chosen(answers: Answers, code: string): string[] {
  const answer = answers[code];
  return Array.isArray(answer) ? answer : answer === undefined ? [] : [answer];
}

function questionField(
  questionnaire: Questionnaire,
  question: Question,
  answers: Answers,
  errors: FieldErrors,
): SafeHtml {
  const values = chosen(answers, question.code);
  const type = question.kind === 'single' ? 'radio' : 'checkbox';
  const problems = errors[question.code] ?? [];
  const condition = question.askIf
    ? questionnaire.questions.find((q) => q.code === question.askIf!.question)
    : undefined;
  const hints = [
    question.hint,
    condition
      ? `Nur zu beantworten, wenn bei „${condition.text}“ ${question
          .askIf!.anyOf.map((v) => `„${condition.options.find((o) => o.value === v)?.label ?? v}“`)
          .join(' oder ')} gewählt ist.`
      : undefined,
  ].filter(Boolean);
  const hintId = `q-${question.code}-hint`;
  return html`<fieldset id="f-${question.code}" class="${problems.length ? 'field-error' : ''}"${when(
    hints.length,
    html` aria-describedby="${hintId}"`,
  )}>
  <legend>${question.text}</legend>
  ${hints.length ? html`<p class="hint" id="${hintId}">${hints.join(' ')}</p>` : ''}
  ${problems.length ? html`<p class="error-message"><span class="visually-hidden">Fehler: </span>${problems.join(' ')}</p>` : ''}
  ${question.options.map((option, i) => {
    const id = `q-${question.code}-${i}`;
    return html`<div class="field checkbox"><input type="${type}" id="${id}" name="${question.code}" value="${option.value}"${when(
      values.includes(option.value),
      raw(' checked'),
    )}><label for="${id}">${option.label}</label></div>`;
  })}
</fieldset>`;
}

/** Every question of a questionnaire as form fields, grouped by the survey's dimensions. */
export function questionnaireFields(questionnaire: Questionnaire, answers: Answers, errors: FieldErrors): SafeHtml {
  const dimensions = [...new Set(questionnaire.questions.map((q) => q.dimension))];
  return html`${dimensions.map(
    (dimension) => html`<h3>${dimension}</h3>
${questionnaire.questions.filter((q) => q.dimension === dimension).map((q) => questionField(questionnaire, q, answers, errors))}`,
  )}`;
}

/**
 * The answers of a submitted form: single choices as text, multiple choices as lists; an
 * unanswered question is left out, and so is a follow-up question whose condition the form's
 * own answers do not meet (the form shows every question at once, without script).
 */
export function answersOfForm(questionnaire: Questionnaire, body: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const question of questionnaire.questions) {
    const value = body[question.code];
    const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
    if (list.length === 0) continue;
    answers[question.code] = question.kind === 'single' ? list[0] : list;
  }
  for (const question of questionnaire.questions) {
    if (answers[question.code] !== undefined && !isAsked(question, answers)) delete answers[question.code];
  }
  return answers;
}

/** The service's pointer prefix of an answer (`#/answers/{code}`): the rest is the question's field name. */
export const ANSWER_POINTER = '#/answers/';
