import { OPERATOR_TYPE_LABELS, type OperatorType } from '../vocabulary';

/** How a component record names its operator: by name, or "own IT" (`type: 'own-it'`) without one. */
export interface OperatorReference {
  name?: string | null;
  type?: OperatorType | null;
  /** Create the named operator even though a stored one looks alike ("Meinten Sie …?" answered with no). */
  createNew?: boolean;
}

/**
 * Why an operator reference cannot be used, as a value; `field` says which part of the
 * reference is wrong (the API points at `…/name` or `…/type`, an import at its column).
 * `M` is whatever describes a near match (see `services/operator-match.ts`).
 */
export type OperatorRefusal<M = unknown> =
  | { refused: 'name-missing'; field: 'name' }
  | { refused: 'type-mismatch'; field: 'type'; operator: { name: string; type: string }; given: OperatorType }
  | { refused: 'resembles'; field: 'name'; name: string; matches: readonly M[] }
  | { refused: 'type-missing'; field: 'type'; name: string };

/** The refusals {@link operatorRefusalDetail} words alike for every channel. */
export type WordedOperatorRefusal = Exclude<OperatorRefusal, { refused: 'resembles' }>;

/** The name an own IT department gets when a record names none: unique per municipality. */
export function ownItOperatorName(region: { name: string; key: string }): string {
  return `Eigene IT: ${region.name} (${region.key})`;
}

/**
 * The operator name a reference stands for: the given name, or for `own-it` without a name the
 * municipality's own IT department (`ownItName` is asked only then); null when a name is missing.
 */
export function referencedOperatorName(ref: OperatorReference, ownItName: () => string): string | null {
  const given = ref.name?.trim();
  if (given) return given;
  return ref.type === 'own-it' ? ownItName() : null;
}

/** Why a stored operator does not fit the reference (a given type must agree with it), or null. */
export function knownOperatorRefusal(
  known: { name: string; type: string },
  given: OperatorType | null | undefined,
): Extract<OperatorRefusal, { refused: 'type-mismatch' }> | null {
  return given && given !== known.type ? { refused: 'type-mismatch', field: 'type', operator: known, given } : null;
}

/**
 * True when an unknown name must first be compared with the stored operators ("Meinten Sie …?"):
 * unless the writer confirmed the new operator, and never for an own IT department, which
 * belongs to its municipality and is never another operator's short name.
 */
export function checksNearMatches(ref: OperatorReference): boolean {
  return !ref.createNew && ref.type !== 'own-it';
}

/**
 * Why an unknown name cannot become a new operator, or null when it is created: it resembles
 * stored operators (`matches`, empty when {@link checksNearMatches} said no), or it has no type.
 */
export function newOperatorRefusal<M>(
  name: string,
  type: OperatorType | null | undefined,
  matches: readonly M[],
): OperatorRefusal<M> | null {
  if (matches.length > 0) return { refused: 'resembles', field: 'name', name, matches };
  return type ? null : { refused: 'type-missing', field: 'type', name };
}

/**
 * The German detail of a refusal, without a final period (the API's problem details have none,
 * an import's row problems add one). "Meinten Sie …?" is worded by `nearMatchDetail`, which
 * names the matches and what the channel offers to confirm.
 */
export function operatorRefusalDetail(refusal: WordedOperatorRefusal): string {
  switch (refusal.refused) {
    case 'name-missing':
      return 'Betreibername fehlt (nur bei Typ own-it darf er fehlen)';
    case 'type-mismatch': {
      const { operator, given } = refusal;
      const label = OPERATOR_TYPE_LABELS[operator.type as OperatorType];
      return `${operator.name} ist als „${label}“ (${operator.type}) erfasst, nicht als ${given}`;
    }
    case 'type-missing':
      return `Betreiber „${refusal.name}“ ist noch nicht erfasst; für einen neuen Betreiber bitte den Typ angeben`;
  }
}
