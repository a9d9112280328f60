import type { EntityManager } from 'typeorm';
import type { Component } from '../../entities';
import { writeRefusal, type WriteRefusal } from '../../lib/inventory/write-refusal';
import type { Principal } from '../../lib/principal';
import { searchKey } from '../../lib/text';
import { notMunicipalDetail } from '../../services/write-refusal';
import type { ImportProblem } from '../import-report';
import { diffRow, type RecordChange } from './inventory-diff';

export type { RecordChange } from './inventory-diff';
import { loadLookup, loadStoredRecords, type InventoryLookup, type RegionRef } from './inventory-lookup';
import { resolveRowOperator, type OperatorContext, type PlannedOperator } from './inventory-operators';
import type { InventoryRow } from './inventory-rows';

/** What an import would do, and every problem that prevents it. */
export interface InventoryPlan {
  problems: ImportProblem[];
  changes: RecordChange[];
  newOperators: PlannedOperator[];
  counts: {
    rows: number;
    created: number;
    updated: number;
    unchanged: number;
    operatorsCreated: number;
    municipalities: number;
    municipalitiesChanged: number;
  };
}

/** Options of {@link planInventory}. */
export interface PlanOptions {
  principal: Principal;
  /** Header of each canonical column as written in the file, for problem messages. */
  headers: Map<string, string>;
  /** Lock the municipalities against concurrent writers (real runs on PostgreSQL). */
  lock: boolean;
}

/** Mutable state of one planning pass. */
interface PlanState {
  lookup: InventoryLookup;
  headers: Map<string, string>;
  /** Why rows of a region may not be written (not a municipality, outside the scope, retired); null: writable. */
  regionProblems: Map<number, string | null>;
  problems: ImportProblem[];
  planned: Map<string, PlannedOperator>;
  seen: Map<number, number>;
  componentMemo: Map<string, Component | null>;
  changes: RecordChange[];
  unchanged: number;
  municipalities: Set<number>;
  /** Regions no longer in the current directory that a warning was given for. */
  /** One context for all rows (its `row` moves along), so checking a row allocates no closures. */
  operatorContext: OperatorContext;
  failValidTo: (detail: string) => undefined;
}

function fail(state: PlanState, row: number, column: string, detail: string): undefined {
  state.problems.push({ severity: 'error', row, column: state.headers.get(column) ?? column, detail });
  return undefined;
}

/**
 * A refused write ({@link writeRefusal}) as a row problem. The API's wording addresses a
 * token; a file comes from a web form, the CLI or the API alike, so the import words it itself.
 */
function refusalProblem(refusal: WriteRefusal, region: RegionRef): string {
  const place = `${region.name} (${region.key})`;
  switch (refusal.refused) {
    case 'not-municipal':
      return notMunicipalDetail(region);
    case 'read-only':
      return 'Mit Leserechten lassen sich keine Angaben importieren.';
    case 'outside-scope':
      return (
        `${place} liegt außerhalb Ihres Bereichs (${refusal.scopes.join(', ') || 'keiner'}); ` +
        'Angaben dazu dürfen Sie nicht ändern.'
      );
    case 'retired': {
      // As the API answers 409: a retired municipality's records stay, but new ones belong to its successor.
      const successor = refusal.successorKey
        ? `; Angaben bitte beim Nachfolger ${refusal.successorKey} erfassen`
        : '; Nachfolger zuordnen mit „regions successor ALT NEU“ und dort erfassen';
      return `${place} wird im aktuellen Gemeindeverzeichnis nicht mehr geführt${successor}.`;
    }
  }
}

/** Decides once per region (not per row) whether its rows may be written. */
function regionProblems(regions: Iterable<RegionRef>, principal: Principal): Map<number, string | null> {
  const verdicts = new Map<number, string | null>();
  for (const region of regions) {
    const refusal = writeRefusal(principal, region);
    verdicts.set(region.id, refusal ? refusalProblem(refusal, region) : null);
  }
  return verdicts;
}

function checkRegion(state: PlanState, row: InventoryRow): RegionRef | undefined {
  if (row.ags === undefined) return undefined;
  const region = state.lookup.regions.get(row.ags);
  if (!region) return fail(state, row.row, 'ags', `Kein Gebiet mit dem Schlüssel ${row.ags} im Gemeindeverzeichnis.`);
  const problem = state.regionProblems.get(region.id);
  return problem ? fail(state, row.row, 'ags', problem) : region;
}

function checkComponent(state: PlanState, row: InventoryRow): Component | undefined {
  if (row.component === undefined) return undefined;
  let component = state.componentMemo.get(row.component);
  if (component === undefined) {
    const components = state.lookup.components;
    component = components.get(row.component) ?? components.get(searchKey(row.component)) ?? null;
    state.componentMemo.set(row.component, component);
  }
  if (component) return component;
  return fail(
    state,
    row.row,
    'component',
    `„${row.component}“ ist keine bekannte Basiskomponente; gültig sind: ${state.lookup.componentTitles}.`,
  );
}

function checkDuplicate(state: PlanState, row: InventoryRow, region: RegionRef, component: Component): boolean {
  const key = state.lookup.keys.key(region.id, component.id);
  const first = state.seen.get(key);
  if (first === undefined) {
    state.seen.set(key, row.row);
    return true;
  }
  fail(
    state,
    row.row,
    'component',
    `${region.key} / ${component.code} steht schon in Zeile ${first}; jede Kombination aus AGS und Komponente nur einmal.`,
  );
  return false;
}

/** Runs every check of a row (all of them, so every problem is reported) and diffs a clean row. */
function planRow(state: PlanState, row: InventoryRow): void {
  const region = checkRegion(state, row);
  const component = checkComponent(state, row);
  const unique = region !== undefined && component !== undefined && checkDuplicate(state, row, region, component);
  state.operatorContext.row = row.row;
  // A component not used has no operator: its cells are not resolved (nor a new one planned).
  const ref = row.status === 'not-used' ? undefined : row.operator;
  const operator = ref === undefined ? undefined : resolveRowOperator(ref, region, state.operatorContext);
  if (!unique || !row.ok || (ref !== undefined && operator === undefined)) return;
  const stored = state.lookup.stored.get(state.lookup.keys.key(region.id, component.id));
  const change = diffRow(row, region, component, operator, stored, state.failValidTo);
  if (change === undefined) return;
  state.municipalities.add(region.id);
  if (change === 'unchanged') state.unchanged += 1;
  else state.changes.push(change);
}

function newState(lookup: InventoryLookup, options: PlanOptions): PlanState {
  const planned = new Map<string, PlannedOperator>();
  const state: PlanState = {
    lookup,
    headers: options.headers,
    regionProblems: regionProblems(lookup.regions.values(), options.principal),
    problems: [],
    planned,
    seen: new Map(),
    componentMemo: new Map(),
    changes: [],
    unchanged: 0,
    municipalities: new Set(),
    operatorContext: {
      operators: lookup.operators,
      names: new Map(),
      ownItNames: new Map(),
      planned,
      nearMatches: new Map(),
      row: 0,
      fail: (column, detail) => fail(state, state.operatorContext.row, column, detail),
    },
    failValidTo: (detail) => fail(state, state.operatorContext.row, 'valid_to', detail),
  };
  return state;
}

/**
 * Checks every row against the database and computes the changes: unknown or non-municipal
 * keys, rows outside an editor's scope, unknown components, duplicates of AGS + component,
 * and operators (a known name must agree with a given type; an unknown one needs a type and
 * is created; `own-it` without a name means the municipality's own IT). Every problem of every
 * row is collected. Rows equal to the stored record are counted as unchanged.
 */
export async function planInventory(
  manager: EntityManager,
  rows: InventoryRow[],
  options: PlanOptions,
): Promise<InventoryPlan> {
  const lookup = await loadLookup(manager, rows, options.lock);
  const state = newState(lookup, options);
  const writable = [...state.regionProblems].filter(([, problem]) => problem === null).map(([id]) => id);
  lookup.stored = await loadStoredRecords(manager, writable, lookup.keys);
  for (const row of rows) planRow(state, row);
  const { changes } = state;
  const created = changes.filter((c) => c.stored === undefined).length;
  return {
    problems: state.problems,
    changes,
    newOperators: [...state.planned.values()],
    counts: {
      rows: rows.length,
      created,
      updated: changes.length - created,
      unchanged: state.unchanged,
      operatorsCreated: state.planned.size,
      municipalities: state.municipalities.size,
      municipalitiesChanged: new Set(changes.map((c) => c.region.id)).size,
    },
  };
}
