import type { EntityManager } from 'typeorm';
import { Operator, type Region } from '../entities';
import { InputError } from '../lib/errors';
import {
  checksNearMatches,
  knownOperatorRefusal,
  newOperatorRefusal,
  operatorRefusalDetail,
  ownItOperatorName,
  referencedOperatorName,
  type OperatorReference,
  type OperatorRefusal,
} from '../lib/inventory/operator-decision';
import type { Actor } from '../lib/principal';
import { searchKey } from '../lib/text';
import type { OperatorType } from '../lib/vocabulary';
import {
  nearMatchDetail,
  nearOperatorMatches,
  suggestionsOf,
  type NearMatch,
  type OperatorNearMatchProblem,
} from './operator-match';
import { findByName, insertOperator } from './operator.service';

/** A reference to an operator in a component record: by name, or "own IT" without one. */
export type OperatorRef = OperatorReference;

/** Operators seen during one request or import run, by folded name and short name. */
export class OperatorCache {
  private readonly byKey = new Map<string, Operator>();

  /** Loads every operator once; an import then resolves names without queries. */
  async preload(manager: EntityManager): Promise<void> {
    for (const operator of await manager.find(Operator)) this.add(operator);
  }

  add(operator: Operator): void {
    this.byKey.set(operator.nameKey, operator);
    if (operator.shortName) {
      const shortKey = searchKey(operator.shortName);
      if (!this.byKey.has(shortKey)) this.byKey.set(shortKey, operator);
    }
  }

  get(name: string): Operator | undefined {
    return this.byKey.get(searchKey(name));
  }

  /** Every operator seen, once each (for the near-match check of a new name). */
  all(): Operator[] {
    return [...new Set(this.byKey.values())];
  }
}

/** Every operator except the municipalities' own IT departments: what a new name is compared with. */
async function sharedOperators(manager: EntityManager): Promise<Operator[]> {
  return manager.createQueryBuilder(Operator, 'o').where("o.type <> 'own-it'").getMany();
}

/** The API's answer to an operator reference it cannot use ({@link OperatorRefusal}), pointing below `pointer`. */
function operatorInputError(refusal: OperatorRefusal<NearMatch>, pointer: string): InputError {
  const at = `${pointer}/${refusal.field}`;
  switch (refusal.refused) {
    case 'resembles': {
      const problem: OperatorNearMatchProblem = {
        pointer: at,
        detail: nearMatchDetail(
          refusal.name,
          [...refusal.matches],
          'Bitte den erfassten Namen verwenden oder die Neuanlage ausdrücklich bestätigen (createNew).',
        ),
        candidates: suggestionsOf([...refusal.matches]),
      };
      return new InputError('Betreiber nicht eindeutig: Meinten Sie einen erfassten Betreiber?', [problem]);
    }
    case 'name-missing':
      return new InputError('Betreiber unvollständig.', [{ pointer: at, detail: operatorRefusalDetail(refusal) }]);
    case 'type-missing':
      return new InputError('Unbekannter Betreiber.', [{ pointer: at, detail: operatorRefusalDetail(refusal) }]);
    case 'type-mismatch':
      return new InputError('Betreibertyp widerspricht dem erfassten Betreiber.', [
        { pointer: at, detail: operatorRefusalDetail(refusal) },
      ]);
  }
}

/**
 * Resolves an operator reference of a component record, by the rules of
 * `lib/inventory/operator-decision.ts` (which the inventory import follows too): a known name
 * (or short name) is used as it is, and a given type must agree with it; an unknown name that
 * resembles a stored operator is refused with "Meinten Sie …?" unless confirmed (`createNew`);
 * an unknown name needs a type and creates the operator; `own-it` without a name means the
 * municipality's own IT department. `pointer` locates the reference in the input for error messages.
 */
export async function resolveOperator(
  tx: EntityManager,
  ref: OperatorRef,
  context: { region: Region; actor: Actor; cache: OperatorCache; pointer: string },
): Promise<Operator> {
  const name = referencedOperatorName(ref, () => ownItOperatorName(context.region));
  if (name === null) throw operatorInputError({ refused: 'name-missing', field: 'name' }, context.pointer);
  const known = context.cache.get(name) ?? (await findByName(tx, name));
  if (known) return useKnown(known, ref, context);
  const matches = checksNearMatches(ref) ? nearOperatorMatches(name, await sharedOperators(tx)) : [];
  const refusal = newOperatorRefusal(name, ref.type, matches);
  if (refusal) throw operatorInputError(refusal, context.pointer);
  // Not refused means a type is given. Another request may have created it meanwhile; then that one is meant.
  const type = ref.type as OperatorType;
  const operator = (await insertOperator(tx, { name, type }, context.actor)) ?? (await findByName(tx, name));
  if (!operator) throw new Error(`operator "${name}" neither inserted nor found`);
  return useKnown(operator, ref, context);
}

function useKnown(operator: Operator, ref: OperatorRef, context: { cache: OperatorCache; pointer: string }): Operator {
  context.cache.add(operator);
  const refusal = knownOperatorRefusal(operator, ref.type);
  if (refusal) throw operatorInputError(refusal, context.pointer);
  return operator;
}
