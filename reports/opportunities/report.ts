import { throwIfCancelled } from '../../lib/cancellation';
import type { EntityManager } from 'typeorm';
import { CONNECTION_STATUS_LABELS, isProposable, type ConnectionStatus } from '../../lib/connections';
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '../../lib/vocabulary';
import type { ConnectableService } from '../../services/connectable-services';
import {
  areaView,
  loadPlaceNames,
  resolveArea,
  UPPER_LEVEL_NOTE,
  type Area,
  type AreaMunicipality,
  type AreaView,
  type PlaceNames,
} from '../area';
import {
  isServiceOperator,
  loadConnectIndex,
  type ConnectIndex,
  type ConnectOption,
  type ServiceRef,
} from './connect-options';
import { findConsolidationCandidates, type ConsolidationCandidate } from './consolidation';
import { loadNearbyOperators, type InUseRecord, type NearbyOperators, type NeighbourRef } from './nearby-operators';
import { DEMO_SOURCE, loadCatalogue, loadOperators, type CatalogueEntry, type OperatorRef } from '../common/records';
import { MUNICIPALITY_CONDITION, MUNICIPALITY_PARAMS, num, selectRows } from '../common/sql';
import { loadServedTallies, type ServedTallies, type Tally } from './served-tallies';

import {
  componentAccusative,
  componentNone,
  DEMO_SENTENCE,
  einwohner,
  GAP_STATUS_NOTES,
  gemeinden,
  inKreis,
  inLand,
  kreisLabel,
  listGerman,
  shortName,
  withDemoNote,
} from '../common/wording';

export type { ConsolidationCandidate } from './consolidation';
export type { ConnectOption, ServiceRef } from './connect-options';
export type { NeighbourRef } from './nearby-operators';

/**
 * Where an operator suggestion comes from: `kreis`, it serves Gemeinden of the same Kreis;
 * `neighbour`, adjacent Gemeinden across the Kreis border; `customer`, it already runs other
 * components for this Gemeinde; `land`, only elsewhere in the Land, or a service open to every
 * municipality of it (`connect`).
 */
export type OpportunityScope = 'kreis' | 'neighbour' | 'customer' | 'land';

const NO_TALLY: Tally = { municipalities: 0, population: 0 };

/** Suggested operators per gap unless the caller asks for another number. */
export const DEFAULT_CANDIDATES_PER_GAP = 3;

/** Why a component counts as lacking: nothing recorded, or one of these statuses. */
export type GapStatus = keyof typeof GAP_STATUS_NOTES;

/** The Gemeinde a suggestion is for. */
export interface OpportunityMunicipality {
  key: string;
  name: string;
  population: number;
  kreisKey: string | null;
}

/**
 * One suggestion for a lacking component: `connect` to a federal, Land or EfA service that every
 * municipality of the Land can use (DOMAIN.md §5a: connect, don't build), or share the
 * `operator` that already runs the component for neighbours.
 */
export interface Opportunity {
  municipality: OpportunityMunicipality;
  component: string;
  componentLabel: string;
  status: GapStatus;
  statusLabel: string;
  /** 1 = best suggestion for this gap. */
  rank: number;
  kind: 'connect' | 'operator';
  /**
   * The operator to share; for `connect`, the recorded federal or Land operator that stands for
   * the service (its numbers below), or null where nobody in the Land recorded one.
   */
  operator: OperatorRef | null;
  /** The connectable service to connect to; null for `operator`, and for `connect` to an operator no listed service matches. */
  service: ServiceRef | null;
  /** The Gemeinde's recorded connection to the service, not yet live (interest, contract, test). */
  connectionStatus: ConnectionStatus | null;
  /** See {@link OpportunityScope}. */
  scope: OpportunityScope;
  /** For `neighbour`: the adjacent Gemeinden (shared border) the operator runs the component for; else empty. */
  neighbours: NeighbourRef[];
  /** For `customer`: the components (codes) the operator already runs for this Gemeinde; else empty. */
  alreadyRuns: string[];
  servedInKreis: number;
  populationServedInKreis: number;
  kreisMunicipalities: number;
  servedInLand: number;
  populationServedInLand: number;
  landMunicipalities: number;
  /**
   * The suggestion rests on demo data: the Gemeinde's own record or a record of the operator's
   * neighbours is from `demo load`, so the operator's assignment is invented.
   */
  demo: boolean;
  reason: string;
}

/** Shared-service opportunities of an area. */
export interface OpportunitiesReport {
  report: 'opportunities';
  area: AreaView;
  generatedAt: string;
  notes: string[];
  /** True when demo data are among the records of the area or of its Länder (then the first note says so). */
  demoData: boolean;
  candidatesPerGap: number;
  summary: {
    gaps: number;
    gapsWithSuggestion: number;
    /** Gaps with at least one neighbours' operator to share (not only services to connect to). */
    gapsWithOperatorSuggestion: number;
    suggestions: number;
    connectSuggestions: number;
    consolidationCandidates: number;
  };
  opportunities: Opportunity[];
  /** The connectable services of the area's Länder: the gaps each could close, and who is connected. */
  connectOptions: ConnectOption[];
  consolidation: ConsolidationCandidate[];
}

/** Options of {@link buildOpportunitiesReport}. */
export interface OpportunitiesOptions {
  /** Suggestions per gap (default {@link DEFAULT_CANDIDATES_PER_GAP}). */
  candidates?: number;
  /**
   * Keep only this many suggestions: the best operator suggestion of each gap, strongest first
   * (see {@link byStrength}) and spread over the components in turns (see {@link takeInTurns}),
   * so one component cannot take every place; the summary and `connectOptions` still count all. For pages,
   * which show a few neighbours' operators and sum up the services to connect to: the reasons
   * of the others (a million words for Germany) are then never written.
   */
  strongest?: number;
}

/** What {@link byStrength} compares. */
type Strength = Pick<Opportunity, 'kind' | 'scope' | 'servedInKreis'> & { municipality: { population: number } };

/** Gemeinden between two yields of the suggestion loop (a few milliseconds of work). */
const YIELD_EVERY = 100;

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

const GAP_STATUSES = new Set<string>(['not-used', 'planned', 'retired']);

/** A recorded status; `demo` when the record is from `demo load`. */
interface RecordedStatus {
  status: ComponentStatus;
  demo: boolean;
  operatorId: number | null;
}

/** Status per Gemeinde and component index (undefined = nothing recorded), in one query. */
async function loadStatuses(
  manager: EntityManager,
  area: Area,
  index: Map<number, number>,
): Promise<Map<number, (RecordedStatus | undefined)[]>> {
  const rows = await selectRows<{
    regionId: number;
    componentId: number;
    status: ComponentStatus;
    source: string;
    operatorId: number | null;
  }>(
    manager,
    `SELECT cr.region_id AS "regionId", cr.component_id AS "componentId", cr.status AS "status", cr.source AS "source",
            cr.operator_id AS "operatorId"
       FROM component_records cr JOIN regions r ON r.id = cr.region_id
      WHERE ${MUNICIPALITY_CONDITION} AND (${area.condition})`,
    [...MUNICIPALITY_PARAMS, ...area.params],
  );
  const statuses = new Map<number, (RecordedStatus | undefined)[]>();
  for (const row of rows) {
    const position = index.get(num(row.componentId));
    if (position === undefined) continue;
    const regionId = num(row.regionId);
    let list = statuses.get(regionId);
    if (!list) statuses.set(regionId, (list = new Array(index.size)));
    list[position] = {
      status: row.status,
      demo: row.source === DEMO_SOURCE,
      operatorId: row.operatorId === null ? null : num(row.operatorId),
    };
  }
  return statuses;
}

/** Everything the suggestion loop needs, loaded up front. */
interface Context {
  tallies: ServedTallies;
  names: PlaceNames;
  phrases: Phrases;
  operators: Map<number, OperatorRef>;
  connect: ConnectIndex;
  nearby: NearbyOperators;
  catalogue: CatalogueEntry[];
  /** Per Gemeinde (region id): its operators (in use) and the catalogue positions they run for it. */
  customers: Map<number, Map<number, number[]>>;
  candidates: number;
}

/**
 * The phrases reasons are made of, each built once: Germany has some 190,000 suggestions but
 * only a few thousand distinct places, components and numbers, and building every phrase anew
 * made the report spend most of its time collecting garbage.
 */
class Phrases {
  private readonly kreise = new Map<string, string>();
  private readonly laender = new Map<string, string>();
  private readonly components = new Map<CatalogueEntry, { accusative: string; none: string }>();
  private readonly counts = new Map<number, string>();
  private readonly people = new Map<number, string>();

  constructor(private readonly names: PlaceNames) {}

  where(m: AreaMunicipality, scope: 'kreis' | 'land'): string {
    const kreis = scope === 'kreis' && m.kreisKey ? this.names.kreise.get(m.kreisKey) : undefined;
    if (kreis) return remember(this.kreise, m.kreisKey as string, () => inKreis(kreis.name, kreis.typeLabel));
    return remember(this.laender, m.landKey, () => inLand(this.names.laender.get(m.landKey) ?? m.landKey));
  }

  component(c: CatalogueEntry): { accusative: string; none: string } {
    return remember(this.components, c, () => ({
      accusative: componentAccusative(c.code, c.label),
      none: componentNone(c.code, c.label),
    }));
  }

  gemeinden(n: number): string {
    return remember(this.counts, n, () => gemeinden(n));
  }

  einwohner(n: number): string {
    return remember(this.people, n, () => einwohner(n));
  }
}

function remember<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function reasonFor(
  m: AreaMunicipality & { shortName: string },
  component: CatalogueEntry,
  status: GapStatus,
  s: { operator: OperatorRef; scope: 'kreis' | 'land'; served: Tally; of: Tally },
  phrases: Phrases,
): string {
  const words = phrases.component(component);
  return (
    `${s.operator.name} betreibt ${words.accusative} bereits für ` +
    `${s.served.municipalities} von ${phrases.gemeinden(s.of.municipalities)} ${phrases.where(m, s.scope)} ` +
    `(zusammen ${phrases.einwohner(s.served.population)}); ` +
    `${m.shortName} hat ${words.none} (${GAP_STATUS_NOTES[status]}).`
  );
}

/** "Stuttgart (Stadtkreis Stuttgart)", "Ostfildern und Denkendorf (Landkreis Esslingen)": grouped by Kreis, in the given order. */
function neighbourPlaces(neighbours: NeighbourRef[], names: PlaceNames): string {
  const byKreis = new Map<string, string[]>();
  for (const n of neighbours) {
    const kreis = n.kreisKey ? names.kreise.get(n.kreisKey) : undefined;
    const label = kreis ? kreisLabel(kreis.name, kreis.typeLabel) : (n.kreisKey ?? '');
    byKreis.set(label, [...(byKreis.get(label) ?? []), shortName(n.name)]);
  }
  return listGerman(
    [...byKreis.entries()].map(([kreis, places]) => `${listGerman(places)}${kreis ? ` (${kreis})` : ''}`),
  );
}

/**
 * The reason of an operator serving adjacent Gemeinden across the Kreis border: names them,
 * then counts the operator's Gemeinden in the Land.
 */
function neighbourReasonFor(
  m: GapMunicipality,
  component: CatalogueEntry,
  status: GapStatus,
  s: { operator: OperatorRef; neighbours: NeighbourRef[]; served: Tally; of: Tally },
  ctx: Context,
): string {
  const words = ctx.phrases.component(component);
  const which = s.neighbours.length === 1 ? 'die Nachbargemeinde' : 'die Nachbargemeinden';
  return (
    `${s.operator.name} betreibt ${words.accusative} bereits für ${which} ${neighbourPlaces(s.neighbours, ctx.names)}, ` +
    `insgesamt für ${s.served.municipalities} von ${ctx.phrases.gemeinden(s.of.municipalities)} ${ctx.phrases.where(m, 'land')} ` +
    `(zusammen ${ctx.phrases.einwohner(s.served.population)}); ` +
    `${m.shortName} hat ${words.none} (${GAP_STATUS_NOTES[status]}).`
  );
}

/** The reason of the Gemeinde's own operator of other components. */
function customerReasonFor(
  m: GapMunicipality,
  component: CatalogueEntry,
  status: GapStatus,
  s: { operator: OperatorRef; alreadyRuns: CatalogueEntry[]; served: Tally; of: Tally },
  ctx: Context,
): string {
  const words = ctx.phrases.component(component);
  const runs = listGerman(s.alreadyRuns.map((c) => ctx.phrases.component(c).accusative));
  return (
    `${s.operator.name} betreibt für ${m.shortName} bereits ${runs} und ${words.accusative} für ` +
    `${s.served.municipalities} von ${ctx.phrases.gemeinden(s.of.municipalities)} ${ctx.phrases.where(m, 'land')} ` +
    `(zusammen ${ctx.phrases.einwohner(s.served.population)}); ` +
    `${m.shortName} hat ${words.none} (${GAP_STATUS_NOTES[status]}).`
  );
}

/**
 * The reason of a connect suggestion. A federal or Land service is open to every municipality
 * of the Land, so how many neighbours use it says little; the sentence names the service and
 * says so instead of counting like an operator's.
 */
function connectReasonFor(
  m: AreaMunicipality & { shortName: string },
  component: CatalogueEntry,
  status: GapStatus,
  c: { service: ServiceRef | null; operator: OperatorRef | null; connectionStatus: ConnectionStatus | null },
  phrases: Phrases,
): string {
  const target = c.service
    ? `an ${c.service.name} anschließen (${c.service.kindLabel}`
    : `an das Angebot von ${c.operator?.name ?? '–'} anschließen (${c.operator?.typeLabel ?? ''}`;
  const progress = c.connectionStatus ? ` Erfasster Anschluss: ${CONNECTION_STATUS_LABELS[c.connectionStatus]}.` : '';
  return (
    `${m.shortName} hat ${phrases.component(component).none} (${GAP_STATUS_NOTES[status]}): ` +
    `${target}, für jede Kommune ${phrases.where(m, 'land')}).${progress}`
  );
}

/** A Gemeinde as suggestions show it, built once for all its suggestions. */
type GapMunicipality = AreaMunicipality & { shortName: string; view: OpportunityMunicipality };
type Gap = { m: GapMunicipality; component: CatalogueEntry; status: GapStatus; demo: boolean };
type Choice =
  | { kind: 'operator'; operatorId: number; scope: 'kreis' | 'land' }
  | { kind: 'operator'; operatorId: number; scope: 'neighbour'; neighbours: NeighbourRef[] }
  | { kind: 'operator'; operatorId: number; scope: 'customer'; alreadyRuns: CatalogueEntry[] }
  | { kind: 'connect'; service: ConnectableService | null; operatorId: number | null; scope: 'land' };

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
function chooseSuggestions(gap: Gap, ctx: Context): Choice[] {
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
function suggestion(gap: Gap, choice: Choice, rank: number, ctx: Context): Opportunity {
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
  let reason: string;
  if (choice.kind === 'connect') {
    reason = connectReasonFor(m, component, status, { service, operator, connectionStatus }, ctx.phrases);
  } else if (choice.scope === 'neighbour') {
    reason = neighbourReasonFor(
      m,
      component,
      status,
      { operator: operator as OperatorRef, neighbours: choice.neighbours, served: inLand, of: landTotal },
      ctx,
    );
  } else if (choice.scope === 'customer') {
    reason = customerReasonFor(
      m,
      component,
      status,
      { operator: operator as OperatorRef, alreadyRuns: choice.alreadyRuns, served: inLand, of: landTotal },
      ctx,
    );
  } else {
    const [served, of] = choice.scope === 'kreis' ? [inKreis, kreisTotal] : [inLand, landTotal];
    reason = reasonFor(
      m,
      component,
      status,
      { operator: operator as OperatorRef, scope: choice.scope, served, of },
      ctx.phrases,
    );
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

/**
 * The strongest best suggestions of all gaps, spread over the components: a short sorted list
 * per component while walking the gaps, ranked on the tallies alone (no reason is written and
 * nothing sorted beyond them), then taken in turns — the best of every component, then the
 * second best, … Without the turns one component with many strong suggestions (E-Payment in a
 * Kreis where one operator serves most Gemeinden) filled every place, and a county IT provider
 * never saw the form server.
 */
class StrongestSuggestions {
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
async function collectSuggestions(
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
 * Builds the opportunities report. For every Gemeinde of the area and every component it
 * lacks (nothing recorded, `not-used`, `planned` or `retired`; never De-Mail, and not when a
 * live connection provides it): first the federal, Land and EfA services of its Land that
 * provide the component (`data/reference/anschliessbare-dienste.csv`) and federal or Land
 * operators recorded for it, as services to connect to; then the operators that already run
 * the component (`in-use`) for other Gemeinden of the same Kreis — ranked by Gemeinden served,
 * then population — and, to fill up, of the same Land. Own-IT operators are never suggested:
 * they serve their own administration. Also lists, per connectable service, the gaps it could
 * close, and the consolidation candidates (see `consolidation.ts`). Set-based: a fixed number
 * of aggregate queries, joined in memory, so the cost grows with the number of gaps, not with
 * round trips.
 */
export async function buildOpportunitiesReport(
  manager: EntityManager,
  areaText: string,
  options: OpportunitiesOptions = {},
): Promise<OpportunitiesReport> {
  const candidates = options.candidates ?? DEFAULT_CANDIDATES_PER_GAP;
  const area = await resolveArea(manager, areaText);
  const catalogue = await loadCatalogue(manager);
  const index = new Map(catalogue.map((c, i) => [c.id, i]));
  const operators = await loadOperators(manager);
  const statuses = await loadStatuses(manager, area, index);
  const tallies = await loadServedTallies(manager, area.landKeys, operators);
  const names = await loadPlaceNames(manager, area.landKeys);
  const connect = await loadConnectIndex(manager, area);
  const { inUse, customers } = ownOperators(area, catalogue, statuses);
  const nearby = await loadNearbyOperators(manager, area, inUse);
  const { opportunities, ...counts } = await collectSuggestions(
    area,
    catalogue,
    statuses,
    { tallies, names, phrases: new Phrases(names), operators, connect, nearby, catalogue, customers, candidates },
    options.strongest,
  );
  const consolidation = findConsolidationCandidates(area, catalogue, tallies, names);
  const demoData = tallies.demoData || [...statuses.values()].some((list) => list.some((r) => r?.demo));
  return {
    report: 'opportunities',
    area: areaView(area),
    generatedAt: new Date().toISOString(),
    notes: withDemoNote(demoData, opportunityNotes(candidates)),
    demoData,
    candidatesPerGap: candidates,
    summary: { ...counts, consolidationCandidates: consolidation.length },
    opportunities,
    connectOptions: connect.options(catalogue),
    consolidation,
  };
}

/**
 * The area's in-use records with an operator, for {@link loadNearbyOperators}, and per Gemeinde
 * its operators with the catalogue positions they run (the "existing customers" relation).
 */
function ownOperators(
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

function opportunityNotes(candidates: number): string[] {
  return [
    UPPER_LEVEL_NOTE,
    'Als fehlend gilt eine Komponente, zu der nichts erfasst ist oder die nicht genutzt, erst geplant oder abgeschaltet ist – ' +
      'außer sie kommt über einen Anschluss „in Betrieb“ an einen Bundes- oder Landesdienst. De-Mail wird nicht vorgeschlagen: ' +
      'seit dem OZG 2.0 ist das Postfach des Nutzerkontos der Rückkanal.',
    `Vorgeschlagen werden bis zu ${candidates} Wege je Lücke: zuerst Bundes-, Landes- und EfA-Dienste, an die sich jede Kommune ` +
      'des Landes anschließen kann, dann Betreiber, die die Komponente schon für andere Gemeinden desselben Kreises betreiben ' +
      '(geordnet nach Zahl der Gemeinden, dann Einwohnern), dann für angrenzende Gemeinden eines anderen Kreises desselben ' +
      'Landes (Nachbarn nach gemeinsamer Grenze in den Gebietsgrenzen des BKG, Stand 01.01.2021), dann Betreiber, die für ' +
      'die Gemeinde schon andere Komponenten betreiben, danach Betreiber für Gemeinden desselben Landes. ' +
      'Eigene IT-Abteilungen anderer Gemeinden werden nicht vorgeschlagen.',
    'Vergleichsgrundlage sind alle Gemeinden der betroffenen Länder, auch außerhalb des gewählten Gebiets.',
  ];
}
