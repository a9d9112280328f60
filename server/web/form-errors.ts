import {
  InputError,
  NotAllowedError,
  PreconditionFailedError,
  PreconditionRequiredError,
  type FieldProblem,
} from '../../lib/errors';
import type { FieldErrors } from './views/forms';

/** What a form page shows beside its fields after a refused write. */
export interface FormErrors {
  /** Messages by field name. */
  errors?: FieldErrors;
  /** Messages for the whole form. */
  general?: string[];
}

/** How a form shows the service's refusals; see {@link refusedForm}. */
export interface RefusalOptions {
  /**
   * The message when the record changed since the form was loaded (If-Match failed or was
   * missing): the page shows the stored state again, with status 409. Without it, rethrown.
   */
  stale?: string;
  /**
   * JSON-pointer prefix of the form's fields (`#/answers/`, `#/`): input problems are shown at
   * the field the rest of the pointer names. Without it, they are messages for the whole form.
   */
  fieldPointer?: string;
  /** Show a refusal of scope (NotAllowedError) on the form instead of the error page. */
  notAllowed?: boolean;
}

/** A refused write, shown on its form again: the page's status and the form's state. */
export interface RefusedForm<T> {
  status: 409 | 422;
  /** On a stale form only the messages (the page shows the stored state); else the entered values too. */
  form: Partial<T> & FormErrors;
}

/** The problems by field: the pointer without `prefix` names the field ('' when it has none). */
export function fieldErrorsOf(problems: readonly FieldProblem[], prefix: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    const pointer = p.pointer ?? '';
    (errors[pointer.startsWith(prefix) ? pointer.slice(prefix.length) : pointer] ??= []).push(p.detail);
  }
  return errors;
}

/**
 * How a form page shows a write the service refused, so the pages answer alike: the entered
 * values with the problems at their fields (422), or the stored state with `stale` (409).
 * Null for any other error: the caller rethrows it to the error page.
 */
export function refusedForm<T extends object>(
  error: unknown,
  entered: T,
  options: RefusalOptions,
): RefusedForm<T> | null {
  if (options.stale && (error instanceof PreconditionFailedError || error instanceof PreconditionRequiredError)) {
    return { status: 409, form: { general: [options.stale] } as Partial<T> & FormErrors };
  }
  if (error instanceof InputError || (options.notAllowed && error instanceof NotAllowedError)) {
    const problems = error instanceof InputError ? error.problems : [];
    if (problems.length === 0) return { status: 422, form: { ...entered, errors: {}, general: [error.message] } };
    return {
      status: 422,
      form:
        options.fieldPointer === undefined
          ? { ...entered, errors: {}, general: problems.map((p) => p.detail) }
          : { ...entered, errors: fieldErrorsOf(problems, options.fieldPointer), general: [] },
    };
  }
  return null;
}
