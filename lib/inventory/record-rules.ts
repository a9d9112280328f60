import type { FieldProblem } from '../errors';
import type { ComponentStatus } from '../vocabulary';

/** Trims text and turns empty strings into null, so "" and a missing value mean the same. */
export function cleanText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** A record as someone writes it (API body or import row after its defaults), before the rules apply. */
export interface RecordValuesInput<O> {
  status: ComponentStatus;
  operator: O | null;
  product?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
  servesMembers?: boolean;
}

/** The values a record stores for an input (see {@link recordValues}). */
export interface RecordValues<O> {
  status: ComponentStatus;
  operator: O | null;
  product: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  servesMembers: boolean;
}

/**
 * What a record stores for an input, whoever writes it: text trimmed and empty text as null,
 * missing values as null (`servesMembers` false), and status `not-used` without operator and
 * product — "nicht genutzt" has no operator, and what was run before must not linger as if it
 * still were.
 */
export function recordValues<O>(input: RecordValuesInput<O>): RecordValues<O> {
  const notUsed = input.status === 'not-used';
  return {
    status: input.status,
    operator: notUsed ? null : input.operator,
    product: notUsed ? null : cleanText(input.product),
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    note: cleanText(input.note),
    servesMembers: input.servesMembers ?? false,
  };
}

/**
 * Why a record may not say `servesMembers` (German), or null when it may: only a Landkreis runs a
 * component for its Gemeinden — a Verband's components count for its members anyway, and a
 * Gemeinde has no members. The API and the inventory import both ask here.
 */
export function servesMembersProblem(regionLevel: string, servesMembers: boolean): string | null {
  return servesMembers && regionLevel !== 'kreis'
    ? 'nur bei einem Landkreis: er betreibt die Komponente dann auch für seine Gemeinden'
    : null;
}

/** True when a record's validity ends before it starts (ISO dates compare as text). */
export function endsBeforeStart(validFrom: string | null | undefined, validTo: string | null | undefined): boolean {
  return Boolean(validFrom && validTo && validTo < validFrom);
}

/** Rules a schema cannot express; returns every problem found, pointing below `pointer`. */
export function recordRuleProblems(
  input: { validFrom?: string | null; validTo?: string | null },
  pointer: string,
): FieldProblem[] {
  return endsBeforeStart(input.validFrom, input.validTo)
    ? [{ pointer: `${pointer}/validTo`, detail: 'darf nicht vor validFrom liegen' }]
    : [];
}
