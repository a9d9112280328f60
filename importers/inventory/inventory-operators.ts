import { searchKey } from '../../lib/text';
import { OPERATOR_TYPE_LABELS, type OperatorType } from '../../lib/vocabulary';
import { nearMatchDetail, nearOperatorMatches, type NearMatch } from '../../services/operator-match';
import { ownItOperatorName, type OperatorCache } from '../../services/operator.service';
import { asRegion, type RegionRef } from './inventory-lookup';

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
    name = ownItOperatorName(asRegion(region));
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

function planOperator(
  name: string,
  nameKey: string,
  ref: { type: OperatorType | null; createNew?: boolean },
  context: OperatorContext,
): OperatorChoice | undefined {
  const type = ref.type;
  // An own IT department belongs to its municipality: it is never another operator's short name.
  if (!ref.createNew && type !== 'own-it') {
    const matches = nearMatchesOf(name, nameKey, context);
    if (matches.length > 0) {
      return context.fail(
        'operator',
        nearMatchDetail(
          name,
          matches,
          'Bitte den erfassten Namen eintragen oder die Neuanlage in der Spalte new_operator mit „ja“ bestätigen.',
        ),
      );
    }
  }
  const planned = context.planned.get(nameKey);
  if (planned) {
    if (type && type !== planned.type) {
      return context.fail(
        'operator_type',
        `„${planned.name}“ wird in Zeile ${planned.row} als ${planned.type} angelegt, hier steht ${type}.`,
      );
    }
    return planned;
  }
  if (!type) {
    return context.fail(
      'operator_type',
      `Betreiber „${name}“ ist noch nicht erfasst; für einen neuen Betreiber bitte den Typ angeben.`,
    );
  }
  const created: PlannedOperator = { name, nameKey, type, row: context.row };
  context.planned.set(nameKey, created);
  return created;
}

/**
 * Resolves the operator cells of a row the way `resolveOperator` does for the API, but from
 * the preloaded operators and without writing: a known name (or short name) is used as it is
 * and a given type must agree; an unknown name that resembles a stored operator is refused with
 * "Meinten Sie …?" unless the row confirms it (`new_operator`); an unknown name needs a type and
 * is planned for creation (once per file); `own-it` without a name means the municipality's own IT department. Returns
 * undefined after reporting a problem.
 */
export function resolveRowOperator(
  ref: { name: string | null; type: OperatorType | null; createNew?: boolean },
  region: RegionRef | undefined,
  context: OperatorContext,
): OperatorChoice | undefined {
  if (!ref.name && !ref.type) return null;
  if (!ref.name && ref.type === 'own-it' && !region) return undefined;
  const name = ref.name ?? (ref.type === 'own-it' && region ? ownItName(region, context) : '');
  if (!name) return context.fail('operator', 'Betreibername fehlt (nur bei Typ own-it darf er fehlen).');
  const { nameKey, known } = lookupName(name, context);
  if (!known) return planOperator(name, nameKey, ref, context);
  if (ref.type && ref.type !== known.type) {
    const label = OPERATOR_TYPE_LABELS[known.type as OperatorType];
    return context.fail(
      'operator_type',
      `${known.name} ist als „${label}“ (${known.type}) erfasst, nicht als ${ref.type}.`,
    );
  }
  return known;
}
