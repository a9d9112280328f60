import type { EntityManager } from 'typeorm';
import type { OperatorRef } from '../common/records';
import { loadServedRows } from './queries';

/** A number of Gemeinden and their population. */
export interface Tally {
  municipalities: number;
  population: number;
}

/** Gemeinden an operator serves with one component (status `in-use`) within a Kreis or Land. */
export interface ServedEntry extends Tally {
  operatorId: number;
  /** Of `municipalities`: records from `demo load` (synthetic). */
  demoRecords: number;
}

const EMPTY: Tally = Object.freeze({ municipalities: 0, population: 0 });
const EMPTY_SERVED = Object.freeze({ municipalities: 0, population: 0, demoRecords: 0 });

function byRank(a: ServedEntry, b: ServedEntry): number {
  return b.municipalities - a.municipalities || b.population - a.population || a.operatorId - b.operatorId;
}

/**
 * Who serves how many Gemeinden with which component, per Kreis and per Land, and how many
 * Gemeinden each Kreis and Land has. Loaded with two aggregate queries over the Länder of an
 * area; lookups are map reads, ranked lists are sorted once and cached.
 */
export class ServedTallies {
  // Area key (Kreis or Land) → component → operator → entry. Nested maps, not joined string
  // keys: the opportunities report looks tallies up for every gap of Germany.
  private readonly kreis = new Map<string, Map<number, Map<number, ServedEntry>>>();
  private readonly land = new Map<string, Map<number, Map<number, ServedEntry>>>();
  /** Ranked lists by level and `shareableOnly`, then area key and component. */
  private readonly ranked = new Map<string, Map<string, Map<number, ServedEntry[]>>>();
  readonly kreisTotals = new Map<string, Tally>();
  readonly landTotals = new Map<string, Tally>();

  constructor(readonly operatorsById: Map<number, OperatorRef>) {}

  /** Whether any in-use record behind these tallies is demo data. */
  get demoData(): boolean {
    for (const components of this.land.values()) {
      for (const entries of components.values()) for (const e of entries.values()) if (e.demoRecords > 0) return true;
    }
    return false;
  }

  /** Adds one aggregate row (operator × component × Kreis). */
  add(
    landKey: string,
    kreisKey: string | null,
    componentId: number,
    operatorId: number,
    tally: Tally & { demoRecords: number },
  ): void {
    if (kreisKey) this.addTo(this.kreis, kreisKey, componentId, operatorId, tally);
    this.addTo(this.land, landKey, componentId, operatorId, tally);
  }

  private addTo(
    target: Map<string, Map<number, Map<number, ServedEntry>>>,
    key: string,
    componentId: number,
    operatorId: number,
    tally: Tally & { demoRecords: number },
  ): void {
    let components = target.get(key);
    if (!components) target.set(key, (components = new Map()));
    let entries = components.get(componentId);
    if (!entries) components.set(componentId, (entries = new Map()));
    const entry = entries.get(operatorId);
    if (entry) {
      entry.municipalities += tally.municipalities;
      entry.population += tally.population;
      entry.demoRecords += tally.demoRecords;
    } else {
      entries.set(operatorId, { operatorId, ...tally });
    }
  }

  private rankedList(level: 'kreis' | 'land', key: string, componentId: number, shareableOnly: boolean): ServedEntry[] {
    const cacheKey = `${level}${shareableOnly ? '+' : ''}`;
    let byArea = this.ranked.get(cacheKey);
    if (!byArea) this.ranked.set(cacheKey, (byArea = new Map()));
    let byComponent = byArea.get(key);
    if (!byComponent) byArea.set(key, (byComponent = new Map()));
    let list = byComponent.get(componentId);
    if (!list) {
      const entries = (level === 'kreis' ? this.kreis : this.land).get(key)?.get(componentId);
      list = [...(entries?.values() ?? [])]
        .filter((e) => !shareableOnly || this.operatorsById.get(e.operatorId)?.type !== 'own-it')
        .sort(byRank);
      byComponent.set(componentId, list);
    }
    return list;
  }

  /** Operators other Gemeinden could share (all but own IT), best first. */
  shareableInKreis(kreisKey: string, componentId: number): ServedEntry[] {
    return this.rankedList('kreis', kreisKey, componentId, true);
  }

  shareableInLand(landKey: string, componentId: number): ServedEntry[] {
    return this.rankedList('land', landKey, componentId, true);
  }

  /** Every operator of the component, own IT included, best first. */
  allInKreis(kreisKey: string, componentId: number): ServedEntry[] {
    return this.rankedList('kreis', kreisKey, componentId, false);
  }

  allInLand(landKey: string, componentId: number): ServedEntry[] {
    return this.rankedList('land', landKey, componentId, false);
  }

  servedInKreis(kreisKey: string, componentId: number, operatorId: number): Tally & { demoRecords: number } {
    return this.kreis.get(kreisKey)?.get(componentId)?.get(operatorId) ?? EMPTY_SERVED;
  }

  servedInLand(landKey: string, componentId: number, operatorId: number): Tally & { demoRecords: number } {
    return this.land.get(landKey)?.get(componentId)?.get(operatorId) ?? EMPTY_SERVED;
  }

  kreisTotal(kreisKey: string): Tally {
    return this.kreisTotals.get(kreisKey) ?? EMPTY;
  }

  landTotal(landKey: string): Tally {
    return this.landTotals.get(landKey) ?? EMPTY;
  }
}

/**
 * Loads the tallies for the Gemeinden of the given Länder: in-use records with an operator,
 * grouped by Kreis, component and operator; and the Gemeinden per Kreis (Land totals are sums).
 */
export async function loadServedTallies(
  manager: EntityManager,
  landKeys: string[],
  operators: Map<number, OperatorRef>,
): Promise<ServedTallies> {
  const tallies = new ServedTallies(operators);
  if (landKeys.length === 0) return tallies;
  const { served, totals } = await loadServedRows(manager, landKeys);
  for (const row of served) {
    tallies.add(row.landKey, row.kreisKey, row.componentId, row.operatorId, {
      municipalities: row.municipalities,
      population: row.population,
      demoRecords: row.demoRecords,
    });
  }
  for (const row of totals) {
    const tally = { municipalities: row.municipalities, population: row.population };
    if (row.kreisKey) tallies.kreisTotals.set(row.kreisKey, tally);
    const land = tallies.landTotals.get(row.landKey) ?? { municipalities: 0, population: 0 };
    tallies.landTotals.set(row.landKey, {
      municipalities: land.municipalities + tally.municipalities,
      population: land.population + tally.population,
    });
  }
  return tallies;
}
