import type { EntityManager } from 'typeorm';
import type { Component } from '../../entities';
import { NotAllowedError } from '../../lib/errors';
import { MUNICIPAL_LEVELS } from '../../lib/keys';
import type { Principal } from '../../lib/principal';
import { searchKey } from '../../lib/text';
import type { ComponentStatus } from '../../lib/vocabulary';
import { assertMayWrite } from '../../services/region.service';
import type { ImportProblem } from '../import-report';
import { diffRow } from './inventory-diff';
import {
  asRegion,
  loadLookup,
  loadStoredRecords,
  type InventoryLookup,
  type RegionRef,
  type StoredRecord,
} from './inventory-lookup';
import {
  resolveRowOperator,
  type OperatorChoice,
  type OperatorContext,
  type PlannedOperator,
} from './inventory-operators';
import type { InventoryRow } from './inventory-rows';

/** One record to create or update. Its audit snapshots are built when it is written. */
export interface RecordChange {
  region: RegionRef;
  component: Component;
  /** The record as stored; undefined for a new one. */
  stored: StoredRecord | undefined;
  status: ComponentStatus;
  operator: OperatorChoice;
  product: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  servesMembers: boolean;
}

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
  /** Why rows of a region may not be written (not a municipality, outside the scope); null: writable. */
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

/** Why a region is outside the principal's scope, in words that fit every channel. */
function outOfScope(principal: Principal, region: RegionRef): string {
  if (principal.role === 'reader') return 'Mit Leserechten lassen sich keine Angaben importieren.';
  return (
    `${region.name} (${region.key}) liegt außerhalb Ihres Bereichs (${principal.scopes.join(', ') || 'keiner'}); ` +
    'Angaben dazu dürfen Sie nicht ändern.'
  );
}

/** Decides once per region (not per row) whether its rows may be written. */
function regionProblems(regions: Iterable<RegionRef>, principal: Principal): Map<number, string | null> {
  const verdicts = new Map<number, string | null>();
  for (const region of regions) {
    let problem: string | null = null;
    if (!MUNICIPAL_LEVELS.includes(region.level)) {
      problem = `${region.name} (${region.key}) ist keine Kommune: Bestandsdaten gibt es für Gemeinden, Gemeindeverbände und Kreise.`;
    } else {
      try {
        assertMayWrite(principal, asRegion(region));
      } catch (error) {
        if (!(error instanceof NotAllowedError)) throw error;
        // The service's wording addresses an API token; a file comes from a web form, the CLI or the API alike.
        problem = outOfScope(principal, region);
      }
    }
    verdicts.set(region.id, problem);
  }
  return verdicts;
}

function checkRegion(state: PlanState, row: InventoryRow): RegionRef | undefined {
  if (row.ags === undefined) return undefined;
  const region = state.lookup.regions.get(row.ags);
  if (!region) return fail(state, row.row, 'ags', `Kein Gebiet mit dem Schlüssel ${row.ags} im Gemeindeverzeichnis.`);
  const problem = state.regionProblems.get(region.id);
  if (problem) return fail(state, row.row, 'ags', problem);
  if (!region.isCurrent) {
    // As the API answers 409: a retired municipality's records stay, but new ones belong to its successor.
    const successor = region.successorKey
      ? `; Angaben bitte beim Nachfolger ${region.successorKey} erfassen`
      : '; Nachfolger zuordnen mit „regions successor ALT NEU“ und dort erfassen';
    return fail(
      state,
      row.row,
      'ags',
      `${region.name} (${region.key}) wird im aktuellen Gemeindeverzeichnis nicht mehr geführt${successor}.`,
    );
  }
  return region;
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
