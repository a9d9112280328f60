import { throwIfCancelled } from '../../lib/cancellation';
import { isProposable } from '../../lib/connections';
import type { Area } from '../area';
import type { CatalogueEntry } from '../common/records';
import { shortName } from '../common/wording';
import type { InUseRecord } from './nearby-operators';
import type { GapStatus, Opportunity } from './opportunity';
import type { RecordedStatus } from './queries';
import { StrongestSuggestions } from './strongest';
import type { Context, Gap, GapMunicipality } from './suggestion-context';
import { chooseSuggestions, suggestion } from './suggestions';

/** Gemeinden between two yields of the suggestion loop (a few milliseconds of work). */
const YIELD_EVERY = 100;

const GAP_STATUSES = new Set<string>(['not-used', 'planned', 'retired']);

/** What {@link collectSuggestions} counts besides the suggestions. */
interface Counts {
  gaps: number;
  gapsWithSuggestion: number;
  gapsWithOperatorSuggestion: number;
  suggestions: number;
  connectSuggestions: number;
}

/**
 * Walks every Gemeinde × component of the area and collects the suggestions for the gaps
 * (all of them, or the `strongest` best ones). De-Mail is never a gap to fill (see
 * `lib/connections.ts#NOT_PROPOSED_COMPONENTS`, DOMAIN.md §5a), and a component the Gemeinde
 * uses through a live connection is not lacking.
 */
export async function collectSuggestions(
  area: Area,
  catalogue: CatalogueEntry[],
  statuses: Map<number, (RecordedStatus | undefined)[]>,
  ctx: Context,
  strongest?: number,
): Promise<Counts & { opportunities: Opportunity[] }> {
  const opportunities: Opportunity[] = [];
  const best = strongest === undefined ? null : new StrongestSuggestions(strongest, ctx);
  const counts: Counts = {
    gaps: 0,
    gapsWithSuggestion: 0,
    gapsWithOperatorSuggestion: 0,
    suggestions: 0,
    connectSuggestions: 0,
  };
  for (const [i, municipality] of area.municipalities.entries()) {
    // A Land has thousands of Gemeinden: let other requests in now and then, and stop when the
    // client has gone (lib/cancellation.ts).
    if (i % YIELD_EVERY === YIELD_EVERY - 1) {
      await new Promise((resolve) => setImmediate(resolve));
      throwIfCancelled();
    }
    const m: GapMunicipality = {
      ...municipality,
      shortName: shortName(municipality.name),
      view: {
        key: municipality.key,
        name: municipality.name,
        population: municipality.population,
        kreisKey: municipality.kreisKey,
      },
    };
    const recorded = statuses.get(m.id);
    catalogue.forEach((component, position) => {
      if (!isProposable(component.code)) return;
      const status = recorded?.[position]?.status;
      if (status !== undefined && !GAP_STATUSES.has(status)) return;
      if (ctx.connect.coveredByConnection(m.id, m.landKey, component.code)) return;
      counts.gaps += 1;
      ctx.connect.countGap(m.id, m.landKey, component.code);
      const gap: Gap = {
        m,
        component,
        status: (status ?? 'not-recorded') as GapStatus,
        demo: recorded?.[position]?.demo ?? false,
      };
      const chosen = chooseSuggestions(gap, ctx);
      const operator = chosen.findIndex((c) => c.kind === 'operator');
      if (chosen.length > 0) counts.gapsWithSuggestion += 1;
      if (operator >= 0) counts.gapsWithOperatorSuggestion += 1;
      counts.suggestions += chosen.length;
      counts.connectSuggestions += chosen.filter((c) => c.kind === 'connect').length;
      if (best) {
        // Pages list neighbours' operators; the services to connect to are summed up per service.
        if (operator >= 0) best.offer(gap, chosen[operator], operator + 1);
      } else {
        chosen.forEach((choice, i) => opportunities.push(suggestion(gap, choice, i + 1, ctx)));
      }
    });
  }
  if (best) opportunities.push(...best.suggestions());
  return { opportunities, ...counts };
}

/**
 * The area's in-use records with an operator, for {@link loadNearbyOperators}, and per Gemeinde
 * its operators with the catalogue positions they run (the "existing customers" relation).
 */
export function ownOperators(
  area: Area,
  catalogue: CatalogueEntry[],
  statuses: Map<number, (RecordedStatus | undefined)[]>,
): { inUse: InUseRecord[]; customers: Map<number, Map<number, number[]>> } {
  const inUse: InUseRecord[] = [];
  const customers = new Map<number, Map<number, number[]>>();
  for (const m of area.municipalities) {
    statuses.get(m.id)?.forEach((r, position) => {
      if (r?.status !== 'in-use' || r.operatorId === null) return;
      inUse.push({ key: m.key, componentId: catalogue[position].id, operatorId: r.operatorId });
      let own = customers.get(m.id);
      if (!own) customers.set(m.id, (own = new Map()));
      own.set(r.operatorId, [...(own.get(r.operatorId) ?? []), position]);
    });
  }
  return { inUse, customers };
}
