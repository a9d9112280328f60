import { COMPONENT_STATUS_LABELS } from '../../lib/vocabulary';
import type { OperatorRef } from '../common/records';
import { DEMO_SENTENCE } from '../common/wording';
import { isServiceOperator } from './connect-options';
import type { Opportunity } from './opportunity';
import { connectReasonFor, customerReasonFor, neighbourReasonFor, reasonFor } from './reasons';
import type { Tally } from './served-tallies';
import type { Choice, Context, Gap } from './suggestion-context';

/*
 * The suggestions for one gap: which ways to close it, in which order, and each written out
 * with its numbers and reason.
 */

const NO_TALLY: Tally = { municipalities: 0, population: 0 };

/** The services to connect to for one gap (see `ConnectIndex#choices`). */
function connectChoices(gap: Gap, ctx: Context): Choice[] {
  const { m, component } = gap;
  const recorded = ctx.tallies.allInLand(m.landKey, component.id).map((e) => e.operatorId);
  return ctx.connect
    .choices(m.landKey, component.code, recorded, ctx.operators)
    .map((c) => ({ kind: 'connect' as const, ...c, scope: 'land' as const }));
}

/**
 * The Gemeinde's own operators (in use, shareable) that run the component for other Gemeinden
 * of the Land: most Gemeinden served first, then operator id.
 */
function customerChoices(gap: Gap, ctx: Context): Choice[] {
  const { m, component } = gap;
  const own = ctx.customers.get(m.id);
  if (!own) return [];
  const served = (operatorId: number) => ctx.tallies.servedInLand(m.landKey, component.id, operatorId).municipalities;
  return [...own.entries()]
    .filter(([operatorId]) => served(operatorId) > 0)
    .sort(([a], [b]) => served(b) - served(a) || a - b)
    .map(([operatorId, positions]) => ({
      kind: 'operator' as const,
      operatorId,
      scope: 'customer' as const,
      alreadyRuns: positions.map((p) => ctx.catalogue[p]),
    }));
}

/**
 * The suggestions for one gap: services to connect to first ("Connect, don't build",
 * DOMAIN.md §5a), then operators serving the same Kreis, then adjacent Gemeinden across the
 * Kreis border (shared borders of the shipped geometry), then the Gemeinde's own operator of
 * other components, then operators of the same Land. Federal and Land operators are suggested
 * as connections, never as operators that "serve" some neighbours; own IT never.
 */
export function chooseSuggestions(gap: Gap, ctx: Context): Choice[] {
  const { m, component } = gap;
  const chosen: Choice[] = connectChoices(gap, ctx).slice(0, ctx.candidates);
  const operator = (id: number) => ctx.operators.get(id) as OperatorRef | undefined;
  const shareable = (id: number) => {
    const o = operator(id);
    return o !== undefined && o.type !== 'own-it' && !isServiceOperator(o);
  };
  const fresh = (id: number) => shareable(id) && !chosen.some((c) => c.operatorId === id);
  for (const entry of m.kreisKey ? ctx.tallies.shareableInKreis(m.kreisKey, component.id) : []) {
    if (chosen.length >= ctx.candidates) return chosen;
    if (fresh(entry.operatorId)) chosen.push({ kind: 'operator', operatorId: entry.operatorId, scope: 'kreis' });
  }
  const nextDoor = ctx.nearby
    .operatorsNextTo(m.key, component.id)
    .filter((n) => fresh(n.operatorId))
    // More neighbours first, then more Gemeinden in the Land; the list is already by id.
    .sort(
      (a, b) =>
        b.neighbours.length - a.neighbours.length ||
        ctx.tallies.servedInLand(m.landKey, component.id, b.operatorId).municipalities -
          ctx.tallies.servedInLand(m.landKey, component.id, a.operatorId).municipalities,
    );
  for (const n of nextDoor) {
    if (chosen.length >= ctx.candidates) return chosen;
    chosen.push({ kind: 'operator', operatorId: n.operatorId, scope: 'neighbour', neighbours: n.neighbours });
  }
  for (const c of customerChoices(gap, ctx)) {
    if (chosen.length >= ctx.candidates) return chosen;
    if (fresh(c.operatorId as number)) chosen.push(c);
  }
  for (const entry of ctx.tallies.shareableInLand(m.landKey, component.id)) {
    if (chosen.length >= ctx.candidates) return chosen;
    if (fresh(entry.operatorId)) chosen.push({ kind: 'operator', operatorId: entry.operatorId, scope: 'land' });
  }
  return chosen;
}

const NO_SERVED = { municipalities: 0, population: 0, demoRecords: 0 };

/** One suggestion with its numbers and its reason. */
export function suggestion(gap: Gap, choice: Choice, rank: number, ctx: Context): Opportunity {
  const { m, component, status } = gap;
  const { tallies } = ctx;
  const operatorId = choice.operatorId;
  const operator = operatorId === null ? null : (ctx.operators.get(operatorId) as OperatorRef);
  const kreisTotal = m.kreisKey ? tallies.kreisTotal(m.kreisKey) : NO_TALLY;
  const landTotal = tallies.landTotal(m.landKey);
  const inKreis =
    m.kreisKey && operatorId !== null ? tallies.servedInKreis(m.kreisKey, component.id, operatorId) : NO_SERVED;
  const inLand = operatorId !== null ? tallies.servedInLand(m.landKey, component.id, operatorId) : NO_SERVED;
  // The Land tally includes the Kreis's, so it tells whether any neighbour's record is synthetic.
  const demo = gap.demo || inLand.demoRecords > 0;
  const service = choice.kind === 'connect' && choice.service ? ctx.connect.ref(choice.service) : null;
  const connectionStatus =
    choice.kind === 'connect' && choice.service ? ctx.connect.statusOf(m.id, choice.service.id) : null;
  // NOTE: object literals of one shape per call, not spreads of a shared object: this runs once
  // per suggestion, and the spreads made it cost twice as much (CPU profile of Germany's report).
  const found = operator as OperatorRef;
  let reason: string;
  if (choice.kind === 'connect') {
    reason = connectReasonFor(m, component, status, { service, operator, connectionStatus }, ctx.phrases);
  } else if (choice.scope === 'neighbour') {
    const s = { operator: found, neighbours: choice.neighbours, served: inLand, of: landTotal };
    reason = neighbourReasonFor(m, component, status, s, ctx);
  } else if (choice.scope === 'customer') {
    const s = { operator: found, alreadyRuns: choice.alreadyRuns, served: inLand, of: landTotal };
    reason = customerReasonFor(m, component, status, s, ctx);
  } else if (choice.scope === 'kreis') {
    const s = { operator: found, scope: choice.scope, served: inKreis, of: kreisTotal };
    reason = reasonFor(m, component, status, s, ctx.phrases);
  } else {
    const s = { operator: found, scope: choice.scope, served: inLand, of: landTotal };
    reason = reasonFor(m, component, status, s, ctx.phrases);
  }
  return {
    municipality: m.view,
    component: component.code,
    componentLabel: component.label,
    status,
    statusLabel: status === 'not-recorded' ? 'nichts erfasst' : COMPONENT_STATUS_LABELS[status],
    rank,
    kind: choice.kind,
    operator,
    service,
    connectionStatus,
    scope: choice.scope,
    neighbours: choice.kind === 'operator' && choice.scope === 'neighbour' ? choice.neighbours : [],
    alreadyRuns: choice.kind === 'operator' && choice.scope === 'customer' ? choice.alreadyRuns.map((c) => c.code) : [],
    servedInKreis: inKreis.municipalities,
    populationServedInKreis: inKreis.population,
    kreisMunicipalities: kreisTotal.municipalities,
    servedInLand: inLand.municipalities,
    populationServedInLand: inLand.population,
    landMunicipalities: landTotal.municipalities,
    demo,
    reason: demo ? `${reason} ${DEMO_SENTENCE}` : reason,
  };
}
