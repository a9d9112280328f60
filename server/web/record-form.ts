import { InputError, type FieldProblem } from '../../lib/errors';
import { COMPONENT_STATUSES, OPERATOR_TYPES, type ComponentStatus, type OperatorType } from '../../lib/vocabulary';
import { validatorFor, toFieldProblems } from '../../lib/validation';
import type { ComponentRecordView, RecordInput } from '../../services/inventory.service';
import { isNearMatchProblem, type OperatorSuggestion } from '../../services/operator-match';
import { recordInputSchema } from '../../services/record-input.schemas';
import type { FieldErrors } from './views/forms';
import type { RecordFormValues } from './views/record-form.view';

const FIELD_BY_POINTER: Record<string, keyof RecordFormValues> = {
  '#/status': 'status',
  '#/operator': 'operatorName',
  '#/operator/name': 'operatorName',
  '#/operator/type': 'operatorType',
  '#/product': 'product',
  '#/validFrom': 'validFrom',
  '#/validTo': 'validTo',
  '#/note': 'note',
  '#/servesMembers': 'servesMembers',
};

/** The form values of a stored record (or an empty form). */
export function valuesOfRecord(record: ComponentRecordView | null): RecordFormValues {
  return {
    status: record?.status ?? '',
    operatorName: record?.operator?.name ?? '',
    operatorType: '',
    product: record?.product ?? '',
    validFrom: record?.validFrom ?? '',
    validTo: record?.validTo ?? '',
    note: record?.note ?? '',
    servesMembers: record?.servesMembers ? 'ja' : '',
    operatorChoice: '',
  };
}

/** The value of the "Meinten Sie …?" choice that confirms a new operator of the typed name. */
export const NEW_OPERATOR_CHOICE = '__neu__';

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** The submitted values, untouched, so an error page shows exactly what was typed. */
export function valuesOfForm(body: Record<string, unknown>): RecordFormValues {
  return {
    status: text(body, 'status'),
    operatorName: text(body, 'operatorName'),
    operatorType: text(body, 'operatorType'),
    product: text(body, 'product'),
    validFrom: text(body, 'validFrom'),
    validTo: text(body, 'validTo'),
    note: text(body, 'note'),
    servesMembers: text(body, 'servesMembers'),
    operatorChoice: text(body, 'operatorChoice'),
  };
}

/** `YYYY-MM-DD` or `T.M.JJJJ` to ISO; undefined if empty, null if not a real date. */
export function parseDateInput(value: string): string | null | undefined {
  const v = value.trim();
  if (!v) return undefined;
  let iso: string | undefined;
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (german) iso = `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) iso = v;
  if (!iso) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

function add(errors: FieldErrors, field: keyof RecordFormValues, message: string): void {
  (errors[field] ??= []).push(message);
}

/** Maps service or schema problems (JSON pointers) onto the form's fields. */
export function fieldErrorsOf(problems: FieldProblem[], errors: FieldErrors = {}): FieldErrors {
  for (const problem of problems) {
    const field = FIELD_BY_POINTER[problem.pointer ?? ''] ?? 'status';
    const detail = problem.detail.charAt(0).toUpperCase() + problem.detail.slice(1);
    add(errors, field, /[.!?]$/.test(detail) ? detail : `${detail}.`);
  }
  return errors;
}

/**
 * Turns the submitted form into the API's record input, with German messages per field.
 * The API's own JSON schema checks the result too, so the form accepts nothing the API
 * would refuse. Throws nothing: returns the input or the errors.
 */
export function recordInputOfForm(values: RecordFormValues): { input?: RecordInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!COMPONENT_STATUSES.includes(values.status as ComponentStatus))
    add(errors, 'status', 'Bitte einen Status wählen.');
  const validFrom = parseDateInput(values.validFrom);
  const validTo = parseDateInput(values.validTo);
  if (validFrom === null) add(errors, 'validFrom', 'Bitte ein gültiges Datum angeben, z. B. 01.04.2025.');
  if (validTo === null) add(errors, 'validTo', 'Bitte ein gültiges Datum angeben, z. B. 31.12.2026.');
  if (validFrom && validTo && validTo < validFrom)
    add(errors, 'validTo', '„Gültig bis“ darf nicht vor „Gültig ab“ liegen.');
  const operatorType = values.operatorType.trim();
  if (operatorType && !OPERATOR_TYPES.includes(operatorType as OperatorType)) {
    add(errors, 'operatorType', 'Bitte eine Art aus der Liste wählen.');
  }
  if (values.product.trim().length > 200) add(errors, 'product', 'Höchstens 200 Zeichen.');
  if (values.operatorName.trim().length > 200) add(errors, 'operatorName', 'Höchstens 200 Zeichen.');
  if (values.note.trim().length > 2000) add(errors, 'note', 'Höchstens 2000 Zeichen.');
  if (Object.keys(errors).length > 0) return { errors };

  // An answer to "Meinten Sie …?": a stored operator's name, or the typed name confirmed as new.
  const choice = values.operatorChoice?.trim() ?? '';
  const createNew = choice === NEW_OPERATOR_CHOICE;
  const operatorName = choice && !createNew ? choice : values.operatorName.trim();
  const input: RecordInput = {
    status: values.status as ComponentStatus,
    operator:
      operatorName || operatorType
        ? {
            name: operatorName || null,
            // A chosen stored operator keeps its own type; the one typed was meant for a new operator.
            type: (choice && !createNew ? null : operatorType || null) as OperatorType | null,
            ...(createNew ? { createNew: true } : {}),
          }
        : null,
    product: values.product.trim() || null,
    validFrom: validFrom ?? null,
    validTo: validTo ?? null,
    note: values.note.trim() || null,
    servesMembers: values.servesMembers === 'ja',
  };
  const check = validatorFor<RecordInput>(recordInputSchema);
  if (!check(input)) return { errors: fieldErrorsOf(toFieldProblems(check.errors ?? [], 'body')) };
  return { input, errors };
}

/** The field errors of a refused write, or rethrows anything else. */
export function fieldErrorsOfInputError(error: unknown): FieldErrors {
  if (error instanceof InputError && error.problems.length > 0) return fieldErrorsOf(error.problems);
  throw error;
}

/** The stored operators a refused write offers instead of a new one ("Meinten Sie …?"); empty if none. */
export function operatorCandidatesOf(error: unknown): OperatorSuggestion[] {
  if (!(error instanceof InputError)) return [];
  return error.problems.filter(isNearMatchProblem).flatMap((p) => p.candidates);
}
