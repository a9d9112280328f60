import type { Opportunity, OpportunityScope } from './opportunity';
import type { Choice, Context, Gap } from './suggestion-context';
import { suggestion } from './suggestions';

/*
 * Ranking suggestions by strength, and keeping only the strongest (the pages' short list).
 */

/** What {@link byStrength} compares. */
type Strength = Pick<Opportunity, 'kind' | 'scope' | 'servedInKreis'> & { municipality: { population: number } };

const STRENGTH_CLASS: Record<OpportunityScope, number> = { kreis: 0, neighbour: 1, customer: 2, land: 4 };

function strengthClass(s: Strength): number {
  return s.kind === 'connect' ? 3 : STRENGTH_CLASS[s.scope];
}

/**
 * Strongest suggestion first: an operator of the same Kreis (a neighbour shows it works
 * nearby), then one serving adjacent Gemeinden across the Kreis border, then the Gemeinde's own
 * operator of other components, then a service every municipality of the Land can connect to,
 * then an operator from elsewhere in the Land; within each, more Gemeinden of the Kreis already
 * served, then the larger Gemeinde.
 */
export function byStrength(a: Strength, b: Strength): number {
  return (
    strengthClass(a) - strengthClass(b) ||
    b.servedInKreis - a.servedInKreis ||
    b.municipality.population - a.municipality.population
  );
}

/**
 * The strongest best suggestions of all gaps, spread over the components: a short sorted list
 * per component while walking the gaps, ranked on the tallies alone (no reason is written and
 * nothing sorted beyond them), then taken in turns — the best of every component, then the
 * second best, … Without the turns one component with many strong suggestions (E-Payment in a
 * Kreis where one operator serves most Gemeinden) filled every place, and a county IT provider
 * never saw the form server.
 */
export class StrongestSuggestions {
  private readonly kept = new Map<string, (Strength & { gap: Gap; choice: Choice; rank: number; seq: number })[]>();
  /** Walking order of the offers: ties between components go to the one offered first, as in a stable sort. */
  private seq = 0;

  constructor(
    private readonly limit: number,
    private readonly ctx: Context,
  ) {}

  offer(gap: Gap, choice: Choice, rank: number): void {
    if (this.limit === 0) return;
    const { m, component } = gap;
    const servedInKreis =
      m.kreisKey && choice.operatorId !== null
        ? this.ctx.tallies.servedInKreis(m.kreisKey, component.id, choice.operatorId).municipalities
        : 0;
    const candidate = {
      kind: choice.kind,
      scope: choice.scope,
      servedInKreis,
      municipality: m,
      gap,
      choice,
      rank,
      seq: this.seq++,
    };
    let kept = this.kept.get(component.code);
    if (!kept) this.kept.set(component.code, (kept = []));
    // Ties keep the walking order (Gemeinde key, catalogue), as a stable sort would.
    if (kept.length >= this.limit && byStrength(candidate, kept[kept.length - 1]) >= 0) return;
    let at = kept.length;
    while (at > 0 && byStrength(candidate, kept[at - 1]) < 0) at -= 1;
    kept.splice(at, 0, candidate);
    if (kept.length > this.limit) kept.pop();
  }

  suggestions(): Opportunity[] {
    return takeInTurns([...this.kept.values()], this.limit, (a, b) => byStrength(a, b) || a.seq - b.seq).map((k) =>
      suggestion(k.gap, k.choice, k.rank, this.ctx),
    );
  }
}

/**
 * Up to `limit` items from sorted lists, taken in turns: the first of every list, then the
 * second, …; within a turn, the list whose best is strongest (`compare`) goes first, so with
 * fewer places than lists the strongest lists win.
 */
export function takeInTurns<T>(lists: T[][], limit: number, compare: (a: T, b: T) => number): T[] {
  const ordered = lists.filter((l) => l.length > 0).sort((a, b) => compare(a[0], b[0]));
  const taken: T[] = [];
  for (let turn = 0; taken.length < limit; turn++) {
    const round = ordered.filter((l) => l.length > turn).map((l) => l[turn]);
    if (round.length === 0) break;
    taken.push(...round.slice(0, limit - taken.length));
  }
  return taken;
}
