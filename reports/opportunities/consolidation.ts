import { isProposable } from '../../lib/connections';
import type { Area, PlaceNames } from '../area';
import { isServiceOperator } from './connect-options';
import type { CatalogueEntry, OperatorRef } from '../common/records';
import type { ServedEntry, ServedTallies } from './served-tallies';
import { componentAccusative, DEMO_SENTENCE, formatPercent, gemeinden, inKreis, inLand } from '../common/wording';

/**
 * A component counts as a consolidation candidate in a Kreis (or Land) when at least two
 * operators run it there and one of them already serves more than this share of the
 * Gemeinden that use it (a majority): the others could join the one most already use.
 */
export const CONSOLIDATION_LEADER_SHARE = 0.5;

/** The same component run by several operators where one already serves most. */
export interface ConsolidationCandidate {
  scope: 'kreis' | 'land';
  region: { key: string; name: string };
  component: string;
  componentLabel: string;
  /** Gemeinden of the Kreis/Land with the component in use and an operator recorded. */
  municipalitiesInUse: number;
  operatorCount: number;
  leader: OperatorRef;
  leaderMunicipalities: number;
  /** Leader's share of `municipalitiesInUse`, 0–1. */
  leaderShare: number;
  others: { operator: OperatorRef; municipalities: number }[];
  /** Some of the records counted are demo data: the operators' shares are invented. */
  demo: boolean;
  reason: string;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function candidateOf(
  all: ServedEntry[],
  scope: { level: 'kreis' | 'land'; key: string; name: string; inPhrase: string },
  component: CatalogueEntry,
  operators: Map<number, OperatorRef>,
): ConsolidationCandidate | null {
  // A federal or Land service is no operator to bundle with: every municipality of the Land can
  // connect to it, and the opportunities report suggests exactly that (DOMAIN.md §5a).
  const entries = all.filter((e) => !isServiceOperator(operators.get(e.operatorId) as OperatorRef));
  if (entries.length < 2) return null;
  const using = entries.reduce((sum, e) => sum + e.municipalities, 0);
  const [leader, ...others] = entries;
  const share = leader.municipalities / using;
  if (share <= CONSOLIDATION_LEADER_SHARE) return null;
  const leaderRef = operators.get(leader.operatorId) as OperatorRef;
  const rest = using - leader.municipalities;
  const demo = entries.some((e) => e.demoRecords > 0);
  const reason =
    `${capitalise(scope.inPhrase)} nutzen ${gemeinden(using)} ${componentAccusative(component.code, component.label)}, ` +
    `betrieben von ${entries.length} verschiedenen Betreibern; ${leaderRef.name} versorgt davon bereits ` +
    `${leader.municipalities} (${formatPercent(share)}). ` +
    (rest === 1
      ? 'Die übrige Gemeinde könnte sich ihm anschließen.'
      : `Die übrigen ${gemeinden(rest)} könnten sich ihm anschließen.`);
  return {
    scope: scope.level,
    region: { key: scope.key, name: scope.name },
    component: component.code,
    componentLabel: component.label,
    municipalitiesInUse: using,
    operatorCount: entries.length,
    leader: leaderRef,
    leaderMunicipalities: leader.municipalities,
    leaderShare: Math.round(share * 1000) / 1000,
    others: others.map((e) => ({
      operator: operators.get(e.operatorId) as OperatorRef,
      municipalities: e.municipalities,
    })),
    demo,
    reason: demo ? `${reason} ${DEMO_SENTENCE}` : reason,
  };
}

/**
 * The consolidation candidates of an area: for every Kreis with Gemeinden in the area (counted
 * over all its Gemeinden) and, for a Land or all of Germany, for every Land as a whole. De-Mail
 * is no candidate: it is recordable but never proposed (`lib/connections.ts`, DOMAIN.md §5a).
 */
export function findConsolidationCandidates(
  area: Area,
  catalogue: CatalogueEntry[],
  tallies: ServedTallies,
  names: PlaceNames,
): ConsolidationCandidate[] {
  const operators = tallies.operatorsById;
  const proposable = catalogue.filter((c) => isProposable(c.code));
  const found: ConsolidationCandidate[] = [];
  const kreisKeys = [
    ...new Set(area.municipalities.map((m) => m.kreisKey).filter((k): k is string => k !== null)),
  ].sort();
  for (const key of kreisKeys) {
    const kreis = names.kreise.get(key);
    const scope = {
      level: 'kreis' as const,
      key,
      name: kreis?.name ?? key,
      inPhrase: inKreis(kreis?.name ?? key, kreis?.typeLabel ?? null),
    };
    for (const component of proposable) {
      const candidate = candidateOf(tallies.allInKreis(key, component.id), scope, component, operators);
      if (candidate) found.push(candidate);
    }
  }
  if (area.kind === 'land' || area.kind === 'germany') {
    for (const key of area.landKeys) {
      const name = names.laender.get(key) ?? key;
      const scope = { level: 'land' as const, key, name, inPhrase: inLand(name) };
      for (const component of proposable) {
        const candidate = candidateOf(tallies.allInLand(key, component.id), scope, component, operators);
        if (candidate) found.push(candidate);
      }
    }
  }
  return found;
}
