import type { ConnectionStatus } from '../../lib/connections';
import type { AreaView } from '../area';
import type { OperatorRef } from '../common/records';
import type { GAP_STATUS_NOTES } from '../common/wording';
import type { ConnectOption, ServiceRef } from './connect-options';
import type { ConsolidationCandidate } from './consolidation';
import type { NeighbourRef } from './nearby-operators';

/*
 * The opportunities report as callers see it: the report, one suggestion, the options.
 */

/**
 * Where an operator suggestion comes from: `kreis`, it serves Gemeinden of the same Kreis;
 * `neighbour`, adjacent Gemeinden across the Kreis border; `customer`, it already runs other
 * components for this Gemeinde; `land`, only elsewhere in the Land, or a service open to every
 * municipality of it (`connect`).
 */
export type OpportunityScope = 'kreis' | 'neighbour' | 'customer' | 'land';

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
