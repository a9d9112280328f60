import type { EntityManager } from 'typeorm';
import { shippedNeighbours } from '../../lib/geo/shipped';
import type { Area } from '../area';
import { loadInUseRecordsOf } from './queries';

/** An adjacent Gemeinde as a suggestion names it. */
export interface NeighbourRef {
  key: string;
  name: string;
  kreisKey: string | null;
}

/** An operator running a component for adjacent Gemeinden, and which. */
export interface NeighbourOperator {
  operatorId: number;
  neighbours: NeighbourRef[];
}

/** An in-use record with its operator, of a Gemeinde of the area or next to it. */
export interface InUseRecord {
  key: string;
  componentId: number;
  operatorId: number;
}

/**
 * Who runs what next door: per Gemeinde (AGS) the operators running each component (status
 * `in-use`) for its neighbours from shared borders (`lib/geo/shipped.ts#shippedNeighbours`,
 * across Kreis borders). Neighbours in another Land do not count: municipal IT providers work
 * within one Land, and the report's comparison figures are the Land's. A Gemeinde without a
 * shape (newer than the shipped geometry) has no neighbours; the Kreis and Land still apply.
 */
export class NearbyOperators {
  constructor(
    private readonly neighbours: Map<string, string[]>,
    /** AGS → component → operators running it there. */
    private readonly inUse: Map<string, Map<number, number[]>>,
    private readonly places: Map<string, NeighbourRef>,
  ) {}

  /** The adjacent Gemeinden of the same Land. */
  neighboursOf(key: string): string[] {
    return (this.neighbours.get(key) ?? []).filter((n) => n.slice(0, 2) === key.slice(0, 2));
  }

  /**
   * The operators running the component for adjacent Gemeinden, more neighbours served first,
   * then by operator id (deterministic; the caller breaks ties by its own tallies first).
   */
  operatorsNextTo(key: string, componentId: number): NeighbourOperator[] {
    const byOperator = new Map<number, NeighbourRef[]>();
    for (const neighbour of this.neighboursOf(key)) {
      const place = this.places.get(neighbour);
      if (!place) continue;
      for (const operatorId of this.inUse.get(neighbour)?.get(componentId) ?? []) {
        const served = byOperator.get(operatorId) ?? [];
        served.push(place);
        byOperator.set(operatorId, served);
      }
    }
    return [...byOperator.entries()]
      .map(([operatorId, neighbours]) => ({ operatorId, neighbours }))
      .sort((a, b) => b.neighbours.length - a.neighbours.length || a.operatorId - b.operatorId);
  }
}

/**
 * Loads {@link NearbyOperators} for an area. The area's own in-use records (already loaded by
 * the report) are passed in; only Gemeinden adjacent to the area but outside it (the border of
 * a Kreis, never anything for a Land or Germany) are read, in one query per 500 of them.
 */
export async function loadNearbyOperators(
  manager: EntityManager,
  area: Area,
  areaRecords: InUseRecord[],
  neighbours: Map<string, string[]> = shippedNeighbours(),
): Promise<NearbyOperators> {
  const places = new Map<string, NeighbourRef>(
    area.municipalities.map((m) => [m.key, { key: m.key, name: m.name, kreisKey: m.kreisKey }]),
  );
  const inUse = new Map<string, Map<number, number[]>>();
  const add = (r: InUseRecord) => {
    let components = inUse.get(r.key);
    if (!components) inUse.set(r.key, (components = new Map()));
    const operators = components.get(r.componentId) ?? [];
    if (!operators.includes(r.operatorId)) operators.push(r.operatorId);
    components.set(r.componentId, operators);
  };
  areaRecords.forEach(add);
  const outside = new Set<string>();
  for (const m of area.municipalities) {
    for (const n of neighbours.get(m.key) ?? []) {
      if (n.slice(0, 2) === m.key.slice(0, 2) && !places.has(n)) outside.add(n);
    }
  }
  for (const row of await loadInUseRecordsOf(manager, [...outside].sort())) {
    places.set(row.key, { key: row.key, name: row.name, kreisKey: row.kreisKey });
    if (row.componentId !== null && row.operatorId !== null) {
      add({ key: row.key, componentId: row.componentId, operatorId: row.operatorId });
    }
  }
  return new NearbyOperators(neighbours, inUse, places);
}
