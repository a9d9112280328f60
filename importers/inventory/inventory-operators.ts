import * as operatorRules from '../../lib/inventory/operator-decision';
import { searchKey } from '../../lib/text';
import type { OperatorType } from '../../lib/vocabulary';
import { nearMatchDetail, nearOperatorMatches, type NearMatch } from '../../services/operator-match';
import type { OperatorCache } from '../../services/operator-resolution';
import type { RegionRef } from './inventory-lookup';

/** An operator the import will create; `id` is set once it is written. */
export interface PlannedOperator {
  name: string;
  nameKey: string;
  type: OperatorType;
  /** The first row that names it. */
  row: number;
  id?: number;
}

/** The operator of a record: a stored one, one the import creates, or none. */
export type OperatorChoice = { id: number; name: string; type: string } | PlannedOperator | null;

/** An operator name as looked up once per file: its folded key and the stored operator, if any. */
interface NameLookup {
  nameKey: string;
  known: { id: number; name: string; type: string } | null;
}

/** What {@link resolveRowOperator} works with. */
export interface OperatorContext {
  operators: OperatorCache;
  /** Lookups by the name as written; files repeat names thousands of times. */
  names: Map<string, NameLookup>;
  /** The own-IT operator name of each municipality, built once. */
  ownItNames: Map<number, string>;
  /** Operators planned by earlier rows, by folded name. */
  planned: Map<string, PlannedOperator>;
  /** Stored operators each new name resembles, by folded name (computed once per name). */
  nearMatches: Map<string, NearMatch[]>;
  /** Records a problem in a column of the current row. */
  fail: (column: 'operator' | 'operator_type', detail: string) => undefined;
  row: number;
}

function ownItName(region: RegionRef, context: OperatorContext): string {
  let name = context.ownItNames.get(region.id);
  if (name === undefined) {
    name = operatorRules.ownItOperatorName(region);
    context.ownItNames.set(region.id, name);
  }
  return name;
}

function lookupName(name: string, context: OperatorContext): NameLookup {
  let lookup = context.names.get(name);
  if (!lookup) {
    const operator = context.operators.get(name);
    lookup = {
      nameKey: searchKey(name),
      known: operator ? { id: operator.id, name: operator.name, type: operator.type } : null,
    };
    context.names.set(name, lookup);
  }
  return lookup;
}

function nearMatchesOf(name: string, nameKey: string, context: OperatorContext): NearMatch[] {
  let matches = context.nearMatches.get(nameKey);
  if (!matches) {
    matches = nearOperatorMatches(name, context.operators.all());
    context.nearMatches.set(nameKey, matches);
  }
  return matches;
}

/** A refused operator reference as a row problem in the column it concerns. */
function refuse(refusal: operatorRules.OperatorRefusal<NearMatch>, context: OperatorContext): undefined {
  const column = refusal.field === 'name' ? 'operator' : 'operator_type';
  if (refusal.refused !== 'resembles') return context.fail(column, `${operatorRules.operatorRefusalDetail(refusal)}.`);
  const confirm =
    'Bitte den erfassten Namen eintragen oder die Neuanlage in der Spalte new_operator mit „ja“ bestätigen.';
  return context.fail(column, nearMatchDetail(refusal.name, [...refusal.matches], confirm));
}

function planOperator(
  name: string,
  nameKey: string,
  ref: operatorRules.OperatorReference,
  context: OperatorContext,
): OperatorChoice | undefined {
  const matches = operatorRules.checksNearMatches(ref) ? nearMatchesOf(name, nameKey, context) : [];
  // A name an earlier row plans to create is as good as known, if its type agrees.
  const planned = matches.length === 0 ? context.planned.get(nameKey) : undefined;
  if (planned) {
    if (ref.type && ref.type !== planned.type) {
      return context.fail(
        'operator_type',
        `„${planned.name}“ wird in Zeile ${planned.row} als ${planned.type} angelegt, hier steht ${ref.type}.`,
      );
    }
    return planned;
  }
  const refusal = operatorRules.newOperatorRefusal(name, ref.type, matches);
  if (refusal) return refuse(refusal, context);
  // Not refused means a type is given.
  const created: PlannedOperator = { name, nameKey, type: ref.type as OperatorType, row: context.row };
  context.planned.set(nameKey, created);
  return created;
}

/**
 * Resolves the operator cells of a row by the API's rules (`lib/inventory/operator-decision.ts`),
 * but from the preloaded operators and without writing: a known name (or short name) is used
 * as it is and a given type must agree; an unknown name that resembles a stored operator is
 * refused with "Meinten Sie …?" unless the row confirms it (`new_operator`); an unknown name
 * needs a type and is planned for creation (once per file); `own-it` without a name means the
 * municipality's own IT department. Returns undefined after reporting a problem.
 */
export function resolveRowOperator(
  ref: { name: string | null; type: OperatorType | null; createNew?: boolean },
  region: RegionRef | undefined,
  context: OperatorContext,
): OperatorChoice | undefined {
  if (!ref.name && !ref.type) return null;
  // The own IT department of an unknown region: the region's problem is reported already.
  if (!ref.name && ref.type === 'own-it' && !region) return undefined;
  const name = operatorRules.referencedOperatorName(ref, () => ownItName(region as RegionRef, context));
  if (name === null) return refuse({ refused: 'name-missing', field: 'name' }, context);
  const { nameKey, known } = lookupName(name, context);
  if (!known) return planOperator(name, nameKey, ref, context);
  const refusal = operatorRules.knownOperatorRefusal(known, ref.type);
  return refusal ? refuse(refusal, context) : known;
}
