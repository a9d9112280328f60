import type { EntityManager } from 'typeorm';
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '../lib/vocabulary';
import {
  areaView,
  loadPlaceNames,
  resolveArea,
  UPPER_LEVEL_NOTE,
  type Area,
  type AreaMunicipality,
  type AreaView,
  type PlaceNames,
} from './area';
import { findConsolidationCandidates, type ConsolidationCandidate } from './consolidation';
import { DEMO_SOURCE, loadCatalogue, loadOperators, type CatalogueEntry, type OperatorRef } from './report-data';
import { MUNICIPALITY_CONDITION, MUNICIPALITY_PARAMS, num, selectRows } from './report-sql';
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
  shortName,
  withDemoNote,
} from './wording';

export type { ConsolidationCandidate } from './consolidation';

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

/** One suggestion: an operator that already runs the lacking component for neighbours. */
export interface Opportunity {
  municipality: OpportunityMunicipality;
  component: string;
  componentLabel: string;
  status: GapStatus;
  statusLabel: string;
  /** 1 = best suggestion for this gap. */
  rank: number;
  operator: OperatorRef;
  /** `kreis`: serves Gemeinden of the same Kreis; `land`: only elsewhere in the same Land. */
  scope: 'kreis' | 'land';
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
  summary: { gaps: number; gapsWithSuggestion: number; suggestions: number; consolidationCandidates: number };
  opportunities: Opportunity[];
  consolidation: ConsolidationCandidate[];
}

/** Options of {@link buildOpportunitiesReport}. */
export interface OpportunitiesOptions {
  /** Suggestions per gap (default {@link DEFAULT_CANDIDATES_PER_GAP}). */
  candidates?: number;
  /**
   * Keep only this many suggestions: the best one of each gap, strongest first (see
   * {@link byStrength}); the summary still counts all. For pages, which show a few: the
   * reasons of the others (a million words for Germany) are then never written.
   */
  strongest?: number;
}

/** What {@link byStrength} compares. */
type Strength = Pick<Opportunity, 'scope' | 'servedInKreis'> & { municipality: { population: number } };

/**
 * Strongest suggestion first: an operator of the same Kreis before one from elsewhere in the
 * Land, then more Gemeinden of the Kreis already served, then the larger Gemeinde.
 */
export function byStrength(a: Strength, b: Strength): number {
  return (
    Number(b.scope === 'kreis') - Number(a.scope === 'kreis') ||
    b.servedInKreis - a.servedInKreis ||
    b.municipality.population - a.municipality.population
  );
}

const GAP_STATUSES = new Set<string>(['not-used', 'planned', 'retired']);

/** A recorded status; `demo` when the record is from `demo load`. */
interface RecordedStatus {
  status: ComponentStatus;
  demo: boolean;
}

/** Status per Gemeinde and component index (undefined = nothing recorded), in one query. */
async function loadStatuses(
  manager: EntityManager,
  area: Area,
  index: Map<number, number>,
): Promise<Map<number, (RecordedStatus | undefined)[]>> {
  const rows = await selectRows<{ regionId: number; componentId: number; status: ComponentStatus; source: string }>(
    manager,
    `SELECT cr.region_id AS "regionId", cr.component_id AS "componentId", cr.status AS "status", cr.source AS "source"
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
    list[position] = { status: row.status, demo: row.source === DEMO_SOURCE };
  }
  return statuses;
}

/** Everything the suggestion loop needs, loaded up front. */
interface Context {
  tallies: ServedTallies;
  names: PlaceNames;
  phrases: Phrases;
  operators: Map<number, OperatorRef>;
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

/** A Gemeinde as suggestions show it, built once for all its suggestions. */
type GapMunicipality = AreaMunicipality & { shortName: string; view: OpportunityMunicipality };
type Gap = { m: GapMunicipality; component: CatalogueEntry; status: GapStatus; demo: boolean };
type Choice = { operatorId: number; scope: 'kreis' | 'land' };

/** The operators to suggest for one gap: those serving the same Kreis first, then the same Land. */
function chooseOperators(gap: Gap, ctx: Context): Choice[] {
  const { m, component } = gap;
  const chosen: Choice[] = [];
  for (const entry of m.kreisKey ? ctx.tallies.shareableInKreis(m.kreisKey, component.id) : []) {
    if (chosen.length >= ctx.candidates) return chosen;
    chosen.push({ operatorId: entry.operatorId, scope: 'kreis' });
  }
  for (const entry of ctx.tallies.shareableInLand(m.landKey, component.id)) {
    if (chosen.length >= ctx.candidates) return chosen;
    if (!chosen.some((c) => c.operatorId === entry.operatorId)) {
      chosen.push({ operatorId: entry.operatorId, scope: 'land' });
    }
  }
  return chosen;
}

/** One suggestion with its numbers and its reason. */
function suggestion(gap: Gap, choice: Choice, rank: number, ctx: Context): Opportunity {
  const { m, component, status } = gap;
  const { tallies } = ctx;
  const operator = ctx.operators.get(choice.operatorId) as OperatorRef;
  const kreisTotal = m.kreisKey ? tallies.kreisTotal(m.kreisKey) : NO_TALLY;
  const landTotal = tallies.landTotal(m.landKey);
  const inKreis = m.kreisKey ? tallies.servedInKreis(m.kreisKey, component.id, choice.operatorId) : NO_TALLY;
  const inLand = tallies.servedInLand(m.landKey, component.id, choice.operatorId);
  const [served, of] = choice.scope === 'kreis' ? [inKreis, kreisTotal] : [inLand, landTotal];
  // The Land tally includes the Kreis's, so it tells whether any neighbour's record is synthetic.
  const demo = gap.demo || inLand.demoRecords > 0;
  const reason = reasonFor(m, component, status, { operator, scope: choice.scope, served, of }, ctx.phrases);
  return {
    municipality: m.view,
    component: component.code,
    componentLabel: component.label,
    status,
    statusLabel: status === 'not-recorded' ? 'nichts erfasst' : COMPONENT_STATUS_LABELS[status],
    rank,
    operator,
    scope: choice.scope,
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
 * The strongest best suggestions of all gaps, kept in a short sorted list while walking the
 * gaps and ranked on the tallies alone: no reason is written and nothing sorted beyond them.
 */
class StrongestSuggestions {
  private readonly kept: (Strength & { gap: Gap; choice: Choice })[] = [];

  constructor(
    private readonly limit: number,
    private readonly ctx: Context,
  ) {}

  offer(gap: Gap, choice: Choice): void {
    const { m, component } = gap;
    const servedInKreis = m.kreisKey
      ? this.ctx.tallies.servedInKreis(m.kreisKey, component.id, choice.operatorId).municipalities
      : 0;
    const candidate = { scope: choice.scope, servedInKreis, municipality: m, gap, choice };
    const kept = this.kept;
    // Ties keep the walking order (Gemeinde key, catalogue), as a stable sort would.
    if (kept.length >= this.limit && (this.limit === 0 || byStrength(candidate, kept[kept.length - 1]) >= 0)) return;
    let at = kept.length;
    while (at > 0 && byStrength(candidate, kept[at - 1]) < 0) at -= 1;
    kept.splice(at, 0, candidate);
    if (kept.length > this.limit) kept.pop();
  }

  suggestions(): Opportunity[] {
    return this.kept.map((k) => suggestion(k.gap, k.choice, 1, this.ctx));
  }
}

/**
 * Walks every Gemeinde × component of the area and collects the suggestions for the gaps
 * (all of them, or the `strongest` best ones).
 */
function collectSuggestions(
  area: Area,
  catalogue: CatalogueEntry[],
  statuses: Map<number, (RecordedStatus | undefined)[]>,
  ctx: Context,
  strongest?: number,
): { opportunities: Opportunity[]; gaps: number; gapsWithSuggestion: number; suggestions: number } {
  const opportunities: Opportunity[] = [];
  const best = strongest === undefined ? null : new StrongestSuggestions(strongest, ctx);
  let gaps = 0;
  let gapsWithSuggestion = 0;
  let suggestions = 0;
  for (const municipality of area.municipalities) {
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
      const status = recorded?.[position]?.status;
      if (status !== undefined && !GAP_STATUSES.has(status)) return;
      gaps += 1;
      const gap: Gap = {
        m,
        component,
        status: (status ?? 'not-recorded') as GapStatus,
        demo: recorded?.[position]?.demo ?? false,
      };
      const chosen = chooseOperators(gap, ctx);
      if (chosen.length > 0) gapsWithSuggestion += 1;
      suggestions += chosen.length;
      if (best) {
        if (chosen.length > 0) best.offer(gap, chosen[0]);
      } else {
        chosen.forEach((choice, i) => opportunities.push(suggestion(gap, choice, i + 1, ctx)));
      }
    });
  }
  if (best) opportunities.push(...best.suggestions());
  return { opportunities, gaps, gapsWithSuggestion, suggestions };
}

/**
 * Builds the opportunities report. For every Gemeinde of the area and every component it
 * lacks (nothing recorded, `not-used`, `planned` or `retired`), the operators that already run
 * the component (`in-use`) for other Gemeinden of the same Kreis — ranked by Gemeinden served,
 * then population — and, to fill up, of the same Land. Own-IT operators are never suggested:
 * they serve their own administration. Also lists the consolidation candidates (see
 * `consolidation.ts`). Set-based: a fixed number of aggregate queries, joined in memory, so
 * the cost grows with the number of gaps, not with round trips.
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
  const { opportunities, gaps, gapsWithSuggestion, suggestions } = collectSuggestions(
    area,
    catalogue,
    statuses,
    { tallies, names, phrases: new Phrases(names), operators, candidates },
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
    summary: {
      gaps,
      gapsWithSuggestion,
      suggestions,
      consolidationCandidates: consolidation.length,
    },
    opportunities,
    consolidation,
  };
}

function opportunityNotes(candidates: number): string[] {
  return [
    UPPER_LEVEL_NOTE,
    'Als fehlend gilt eine Komponente, zu der nichts erfasst ist oder die nicht genutzt, erst geplant oder abgeschaltet ist.',
    `Vorgeschlagen werden bis zu ${candidates} Betreiber je Lücke, die die Komponente schon für andere Gemeinden ` +
      'desselben Kreises betreiben (geordnet nach Zahl der Gemeinden, dann Einwohnern), danach für Gemeinden desselben Landes. ' +
      'Eigene IT-Abteilungen anderer Gemeinden werden nicht vorgeschlagen.',
    'Vergleichsgrundlage sind alle Gemeinden der betroffenen Länder, auch außerhalb des gewählten Gebiets.',
  ];
}
