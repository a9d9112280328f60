import type { EntityManager } from 'typeorm';
import { scopeRefusal } from '../../lib/inventory/write-refusal';
import type { Principal } from '../../lib/principal';
import { scopeRefusalError } from '../../services/write-refusal';
import type { ImportProblem } from '../import-report';
import type { RegionRef } from '../inventory/inventory-lookup';
import { withMarks } from './dashboard-fields';
import { resolveAreas, type AreaResolution } from './offering-areas';
import { loadLandNames, loadLeistungen, loadStored, type LeistungRef, type OfferingSnapshot } from './offering-lookup';
import type { OfferingRow } from './offering-rows';
import { areaWarnings } from './offering-warnings';

export type { LeistungRef, OfferingSnapshot } from './offering-lookup';

/** One offering to create or change. */
export interface OfferingChange {
  region: RegionRef;
  leistung: LeistungRef;
  /** The stored offering of source `dashboard`, if any. */
  before: OfferingSnapshot | null;
  after: OfferingSnapshot;
}

/** What an offerings import would do, and every problem that prevents it. */
export interface OfferingPlan {
  problems: ImportProblem[];
  changes: OfferingChange[];
  counts: Record<string, number>;
}

/** Options of {@link planOfferings}. */
export interface OfferingPlanOptions {
  principal: Principal;
  /** Header of each column as written in the file, by canonical name. */
  headers: Map<string, string>;
  /** Lock the areas against concurrent writers (real runs on PostgreSQL). */
  lock: boolean;
}

/** Mutable state of one planning pass. */
interface PlanState {
  options: OfferingPlanOptions;
  leistungen: Map<string, LeistungRef>;
  areas: Map<string, AreaResolution>;
  /** Land names by Land key, for the `bundesland` check. */
  lands: Map<string, string>;
  /** Why a region may not be written (retired, outside the scope); null: writable. */
  verdicts: Map<number, string | null>;
  seen: Map<string, number>;
  problems: ImportProblem[];
  checked: { row: OfferingRow; region: RegionRef; leistung: LeistungRef }[];
}

function report(state: PlanState, severity: ImportProblem['severity'], row: number, column: string, detail: string) {
  state.problems.push({ severity, row, column: state.options.headers.get(column) ?? column, detail });
}

function verdictOf(state: PlanState, region: RegionRef): string | null {
  let verdict = state.verdicts.get(region.id);
  if (verdict !== undefined) return verdict;
  verdict = null;
  if (!region.isCurrent) {
    verdict =
      `${region.name} (${region.key}) wird im aktuellen Gemeindeverzeichnis nicht mehr geführt; Angebote nur für aktuelle Gebiete. ` +
      (region.successorKey
        ? `Auch das hinterlegte Nachfolgegebiet ${region.successorKey} ist nicht mehr aktuell.`
        : 'Ein Nachfolgegebiet ist nicht hinterlegt; die Administration kann es mit „npm run cli -- regions successor ALT NEU“ zuordnen.');
  } else {
    // The one write rule, as a value: the row problem says what the API's 403 says.
    const refusal = scopeRefusal(state.options.principal, region);
    if (refusal) verdict = scopeRefusalError(region, refusal).message;
  }
  state.verdicts.set(region.id, verdict);
  return verdict;
}

function checkLeistung(state: PlanState, row: OfferingRow): LeistungRef | undefined {
  if (row.key === undefined) return undefined;
  const leistung = state.leistungen.get(row.key);
  if (!leistung) {
    report(
      state,
      'error',
      row.row,
      'leika_key',
      `Keine Leistung mit dem Leistungsschlüssel ${row.key} (weder OZG-Katalog noch FIM).`,
    );
    return undefined;
  }
  if (row.ozgId !== undefined && row.ozgId !== leistung.ozgId) {
    const catalogue = leistung.ozgId === null ? 'keiner OZG-Leistung zugeordnet' : `OZG-ID ${leistung.ozgId}`;
    report(
      state,
      'warning',
      row.row,
      'ozgid',
      `OZG-ID ${row.ozgId} passt nicht zu ${row.key} (laut Katalog ${catalogue}); maßgeblich ist der Leistungsschlüssel.`,
    );
  }
  if (!leistung.isActive) {
    report(
      state,
      'warning',
      row.row,
      'leika_key',
      `${row.key} steht in keinem aktuellen Katalog und keiner FIM-Beschreibung mehr.`,
    );
  }
  return leistung;
}

function checkArea(state: PlanState, row: OfferingRow): AreaResolution | undefined {
  if (row.area === undefined) return undefined;
  const area = state.areas.get(row.area);
  if (!area) {
    report(state, 'error', row.row, 'ars', `Kein Gebiet mit dem Schlüssel ${row.area} im Gemeindeverzeichnis.`);
    return undefined;
  }
  const verdict = verdictOf(state, area.target ?? area.named);
  if (verdict) {
    report(state, 'error', row.row, 'ars', verdict);
    return undefined;
  }
  for (const w of areaWarnings(area, row, state.lands)) report(state, 'warning', row.row, w.column, w.detail);
  return area;
}

/**
 * Checks one row; a row whose area was redirected (old ARS, successor) that meets an area ×
 * Leistung already taken is a warning and left out, since merged Gemeinden each had their own
 * row in an older dashboard extract; two rows naming the same current area are an error.
 */
function checkRow(state: PlanState, row: OfferingRow): void {
  const leistung = checkLeistung(state, row);
  const area = checkArea(state, row);
  if (!leistung || !area?.target) return;
  const region = area.target;
  const pair = `${region.id}:${leistung.id}`;
  const first = state.seen.get(pair);
  if (first !== undefined) {
    const redirected = area.via !== null;
    report(
      state,
      redirected ? 'warning' : 'error',
      row.row,
      'leika_key',
      redirected
        ? `${region.name} (${region.key}) hat für ${leistung.schluessel} schon die Angaben aus Zeile ${first}; diese Zeile wird nicht übernommen.`
        : `${region.key} / ${leistung.schluessel} steht schon in Zeile ${first}; jede Kombination aus Gebiet und Leistung nur einmal.`,
    );
    return;
  }
  state.seen.set(pair, row.row);
  if (row.ok) state.checked.push({ row, region, leistung });
}

/** The note: the file's `bemerkung` or the stored note, with the dashboard's marks recomputed when the file has them. */
function noteOf(row: OfferingRow, before: OfferingSnapshot | null): string | null {
  const note = row.note === undefined ? (before?.note ?? null) : row.note;
  return row.marks === undefined ? note : withMarks(note, row.marks);
}

function sameSnapshot(a: OfferingSnapshot, b: OfferingSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Checks every row against the database — known Leistung (its OZG-ID should match: a warning),
 * a current area the caller may write, no area × Leistung twice — and compares the rest with
 * the stored `dashboard` offerings. Every problem of every row is collected.
 */
export async function planOfferings(
  manager: EntityManager,
  rows: OfferingRow[],
  options: OfferingPlanOptions,
): Promise<OfferingPlan> {
  const state: PlanState = {
    options,
    leistungen: await loadLeistungen(manager, rows),
    areas: await resolveAreas(
      manager,
      rows.map((r) => r.area).filter((a): a is string => a !== undefined),
      options.lock,
    ),
    lands: await loadLandNames(manager),
    verdicts: new Map(),
    seen: new Map(),
    problems: [],
    checked: [],
  };
  // Rows for an area as written first, so they win over rows redirected to the same area.
  const redirected = (row: OfferingRow) => (row.area ? (state.areas.get(row.area)?.via ?? null) !== null : false);
  for (const row of rows) if (!redirected(row)) checkRow(state, row);
  for (const row of rows) if (redirected(row)) checkRow(state, row);
  const stored = await loadStored(manager, [...new Set(state.checked.map((c) => c.region.id))]);
  const changes: OfferingChange[] = [];
  for (const { row, region, leistung } of state.checked) {
    const before = stored.get(`${region.id}:${leistung.id}`) ?? null;
    const after: OfferingSnapshot = {
      url: row.url === undefined ? (before?.url ?? null) : row.url,
      status: row.status ?? before?.status ?? 'unknown',
      maturity: row.maturity === undefined ? (before?.maturity ?? null) : row.maturity,
      flaechendeckend: row.coverage?.flaechendeckend ?? before?.flaechendeckend ?? false,
      coverageRaw: row.coverage === undefined ? (before?.coverageRaw ?? null) : row.coverage.coverageRaw,
      note: noteOf(row, before),
    };
    if (!before || !sameSnapshot(before, after)) changes.push({ region, leistung, before, after });
  }
  const created = changes.filter((c) => c.before === null).length;
  return {
    problems: state.problems,
    changes,
    counts: {
      rows: rows.length,
      created,
      updated: changes.length - created,
      unchanged: state.checked.length - changes.length,
      areas: new Set(state.checked.map((c) => c.region.id)).size,
      areasChanged: new Set(changes.map((c) => c.region.id)).size,
    },
  };
}
