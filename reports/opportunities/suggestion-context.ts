import type { ConnectableService } from '../../services/connectable-services';
import type { AreaMunicipality, PlaceNames } from '../area';
import type { CatalogueEntry, OperatorRef } from '../common/records';
import type { ConnectIndex } from './connect-options';
import type { NearbyOperators, NeighbourRef } from './nearby-operators';
import type { GapStatus, OpportunityMunicipality } from './opportunity';
import type { Phrases } from './reasons';
import type { ServedTallies } from './served-tallies';

/*
 * What the suggestion loop passes around: the context loaded up front, one gap, and one choice
 * for it before its numbers and reason are written.
 */

/** Everything the suggestion loop needs, loaded up front. */
export interface Context {
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

/** A Gemeinde as suggestions show it, built once for all its suggestions. */
export type GapMunicipality = AreaMunicipality & { shortName: string; view: OpportunityMunicipality };
/** A component one Gemeinde lacks; `demo` when its own record of it is from `demo load`. */
export type Gap = { m: GapMunicipality; component: CatalogueEntry; status: GapStatus; demo: boolean };
/** One way to close a gap, before its numbers and reason are written (see `suggestions.ts#suggestion`). */
export type Choice =
  | { kind: 'operator'; operatorId: number; scope: 'kreis' | 'land' }
  | { kind: 'operator'; operatorId: number; scope: 'neighbour'; neighbours: NeighbourRef[] }
  | { kind: 'operator'; operatorId: number; scope: 'customer'; alreadyRuns: CatalogueEntry[] }
  | { kind: 'connect'; service: ConnectableService | null; operatorId: number | null; scope: 'land' };
