import type { EntityManager } from 'typeorm';
import { throwIfCancelled } from '../../lib/cancellation';
import { convertLevel, OFFERING_SOURCES, type MaturityModel, type MaturityTarget } from '../../lib/maturity';
import { loadLiveServices, type ConnectableService } from '../../services/connectable-services';
import { num, placeholders, selectRows, selectTuples } from '../common/sql';
import type { GapUnit } from './area';
import type { Catalogue } from './queries';

/**
 * Where an offering that meets a target comes from: a recorded offering's source, or a live
 * connection to an EfA online service (`connection`), which the unit offers its citizens as its own.
 */
export const MET_SOURCES = [...OFFERING_SOURCES, 'connection'] as const;
export type MetSource = (typeof MET_SOURCES)[number];

/** The best online offering of a Leistung for a unit, own or inherited from a larger area. */
export interface BestOffering {
  /** Level in the target's model; null when the offering is online but its Reifegrad unknown. */
  level: number | null;
  /** Counts for the federal dashboard's rule: online at (Reifegrad 1.1) level 2 or more, or level unknown. */
  dashboard: boolean;
  url: string | null;
  source: MetSource;
  /** The model and level as recorded (before conversion). */
  recorded: { model: MaturityModel | null; level: number | null };
  /**
   * The larger area whose offering covers the unit (Land, Kreis …), or for source `connection`
   * the EfA service (its code and name); null for the unit's own.
   */
  inheritedFrom: { key: string; name: string } | null;
}

interface OfferingRow {
  regionId: number | string;
  leistungId: number | string;
  model: MaturityModel | null;
  level: number | string | null;
  url: string | null;
  source: MetSource;
}

/**
 * The EfA online services each unit is connected to live, as offering rows per Leistung of the
 * OZG-Leistungen they cover: a connected municipality offers the service to its citizens.
 */
async function connectedOfferings(
  manager: EntityManager,
  units: GapUnit[],
  catalogue: Catalogue,
): Promise<Map<number, { service: ConnectableService; leistungIndices: number[] }[]>> {
  const out = new Map<number, { service: ConnectableService; leistungIndices: number[] }[]>();
  const live = await loadLiveServices(manager, units);
  if (live.size === 0) return out;
  const byOzg = new Map<number, number[]>();
  for (const l of catalogue.leistungen) {
    const ozgId = catalogue.ozg[l.ozgIndex].ozgId;
    byOzg.set(ozgId, [...(byOzg.get(ozgId) ?? []), l.index]);
  }
  for (const [unitId, services] of live) {
    const list = services
      .filter((service) => service.ozgIds.length > 0)
      .map((service) => ({ service, leistungIndices: service.ozgIds.flatMap((id) => byOzg.get(id) ?? []) }))
      .filter((entry) => entry.leistungIndices.length > 0);
    if (list.length > 0) out.set(unitId, list);
  }
  return out;
}

function connectionRow(service: ConnectableService): Pick<OfferingRow, 'model' | 'level' | 'url' | 'source'> {
  return {
    model: service.maturity?.model ?? null,
    level: service.maturity?.level ?? null,
    url: service.url,
    source: 'connection',
  };
}

interface InheritedRow extends OfferingRow {
  key: string;
  name: string;
}

/** Units per query: large enough for few round trips, small enough to keep rows in memory few. */
const CHUNK = 250;

function best(row: OfferingRow, target: MaturityTarget, inheritedFrom: BestOffering['inheritedFrom']): BestOffering {
  const recordedLevel = row.level === null ? null : num(row.level);
  const model = row.model ?? 'RGM-1.1';
  const level = recordedLevel === null ? null : convertLevel(recordedLevel, model, target.model);
  const dashboard = recordedLevel === null || convertLevel(recordedLevel, model, 'RGM-1.1') >= 2;
  return {
    level,
    dashboard,
    url: row.url,
    source: row.source,
    recorded: { model: row.model, level: recordedLevel },
    inheritedFrom,
  };
}

/** The better of two offerings: a known higher level beats a lower or unknown one. */
function better(a: BestOffering | undefined, b: BestOffering): BestOffering {
  if (!a) return b;
  if ((b.level ?? -1) !== (a.level ?? -1)) return (b.level ?? -1) > (a.level ?? -1) ? b : a;
  return a.inheritedFrom && !b.inheritedFrom ? b : a;
}

/**
 * Online offerings of larger areas that cover all their municipalities: a Land's EfA service,
 * a Kreis-wide service marked flächendeckend — and anything recorded for the Kreis of a
 * kreisfreie Stadt, which is the same administration as its Gemeinde.
 */
async function loadInherited(manager: EntityManager, landKeys: string[]): Promise<Map<string, InheritedRow[]>> {
  const byArea = new Map<string, InheritedRow[]>();
  if (landKeys.length === 0) return byArea;
  const rows = await selectRows<InheritedRow>(
    manager,
    `SELECT o.region_id AS "regionId", o.leistung_id AS "leistungId", o.maturity_model AS "model",
            o.maturity_level AS "level", o.url AS "url", o.source AS "source", r.key AS "key", r.name AS "name"
       FROM offerings o JOIN regions r ON r.id = o.region_id
      WHERE o.status = 'online' AND r.land_key IN (${placeholders(landKeys.length)})
        AND r.level IN ('land', 'regierungsbezirk', 'kreis', 'gemeindeverband')
        AND (o.flaechendeckend = ? OR (r.level = 'kreis' AND r.text_code IN ('41', '42')))`,
    [...landKeys, true],
  );
  for (const row of rows) byArea.set(row.key, [...(byArea.get(row.key) ?? []), row]);
  return byArea;
}

/**
 * The regions whose offerings are a unit's own: the unit, and for a Verband its members too — the
 * Verband runs the members' services, so what is recorded for a member (the federal dashboard
 * keys offerings by the Gemeinde's ARS) is the Verband's offering.
 */
function ownRegions(unit: GapUnit): readonly number[] {
  return unit.memberIds.length === 0 ? [unit.id] : [unit.id, ...unit.memberIds];
}

/**
 * The order in which the scan reads units: each Verband followed by its members (by the
 * Verband key), everything else as given, so a chunk mostly holds a Verband with its members.
 */
function chunkOrder(units: GapUnit[]): number[] {
  const groupOf = (u: GapUnit) =>
    u.kind === 'verband' || (u.kind === 'gemeinde' && u.verbandType !== null) ? (u.verbandKey ?? '') : '';
  return units
    .map((_, i) => i)
    .sort((a, b) => {
      const ga = groupOf(units[a]);
      const gb = groupOf(units[b]);
      if (ga !== gb) return ga < gb ? -1 : 1;
      return a - b;
    });
}

/** The region ids whose offerings a chunk of units needs, each once. */
function regionIdsOf(chunk: GapUnit[]): number[] {
  return [...new Set(chunk.flatMap((unit) => ownRegions(unit)))];
}

function ancestorsOf(unit: GapUnit): string[] {
  const keys = [unit.landKey, unit.rbKey, unit.verbandKey];
  if (unit.kind !== 'kreis') keys.push(unit.kreisKey);
  return keys.filter((key): key is string => key !== null && key !== unit.key);
}

/** The level a recorded offering reaches in the target's model (-1 when unknown) and whether the dashboard counts it. */
function levelOf(
  model: MaturityModel | null,
  level: number | string | null,
  target: MaturityTarget,
): [number, boolean] {
  if (level === null) return [-1, true];
  const recorded = num(level);
  const from = model ?? 'RGM-1.1';
  return [convertLevel(recorded, from, target.model), convertLevel(recorded, from, 'RGM-1.1') >= 2];
}

/**
 * The lean scan behind area reports: like {@link scanOfferings}, but it visits each unit ×
 * Leistung once with plain numbers — the best level in the target's model (-1 unknown), whether
 * the dashboard rule counts it, and the source of the best one — and reads no URLs, so millions
 * of offerings cost no objects beyond one chunk's rows.
 */
export async function scanOfferingLevels(
  manager: EntityManager,
  units: GapUnit[],
  catalogue: Catalogue,
  target: MaturityTarget,
  visit: (unitIndex: number, leistungIndex: number, level: number, dashboard: boolean, source: MetSource) => void,
): Promise<void> {
  if (units.length === 0 || catalogue.leistungen.length === 0) return;
  const inherited = await loadInherited(manager, [...new Set(units.map((u) => u.landKey))]);
  const connected = await connectedOfferings(manager, units, catalogue);
  const size = catalogue.leistungen.length;
  const best = new Int8Array(size);
  const dash = new Uint8Array(size);
  const source = new Uint8Array(size);
  const touched: number[] = [];
  const sources = MET_SOURCES;
  const take = (k: number, model: MaturityModel | null, level: number | string | null, from: MetSource) => {
    const [value, counts] = levelOf(model, level, target);
    if (best[k] === 0) touched.push(k);
    // Stored +2 so 0 means "no offering" and 1 "online, level unknown".
    if (value + 2 > best[k]) {
      best[k] = value + 2;
      source[k] = sources.indexOf(from);
    }
    if (counts) dash[k] = 1;
  };
  // A Verband and its members in one chunk, so the members' offerings are read once for both.
  const order = chunkOrder(units);
  for (let start = 0; start < order.length; start += CHUNK) {
    const positions = order.slice(start, start + CHUNK);
    const chunk = positions.map((p) => units[p]);
    const ids = regionIdsOf(chunk);
    const rows = await selectTuples(
      manager,
      `SELECT o.region_id AS "regionId", o.leistung_id AS "leistungId", o.maturity_model AS "model",
              o.maturity_level AS "level", o.source AS "source"
         FROM offerings o WHERE o.status = 'online' AND o.region_id IN (${placeholders(ids.length)})`,
      ids,
    );
    const byUnit = new Map<number, number[]>();
    rows.forEach((row, i) => {
      const id = num(row[0]);
      const list = byUnit.get(id);
      if (list) list.push(i);
      else byUnit.set(id, [i]);
    });
    chunk.forEach((unit, c) => {
      for (const id of ownRegions(unit)) {
        for (const i of byUnit.get(id) ?? []) {
          const row = rows[i] as [unknown, number | string, MaturityModel | null, number | null, MetSource];
          const leistung = catalogue.byId.get(num(row[1]));
          if (leistung) take(leistung.index, row[2], row[3], row[4]);
        }
      }
      for (const area of ancestorsOf(unit)) {
        for (const row of inherited.get(area) ?? []) {
          const leistung = catalogue.byId.get(num(row.leistungId));
          if (leistung) take(leistung.index, row.model, row.level, row.source);
        }
      }
      for (const { service, leistungIndices } of connected.get(unit.id) ?? []) {
        const row = connectionRow(service);
        for (const k of leistungIndices) take(k, row.model, row.level, 'connection');
      }
      for (const k of touched) {
        visit(positions[c], k, best[k] - 2, dash[k] === 1, sources[source[k]]);
        best[k] = 0;
        dash[k] = 0;
      }
      touched.length = 0;
    });
    // Let other requests in between chunks: on SQLite every query blocks the process.
    await new Promise((resolve) => setImmediate(resolve));
    throwIfCancelled(); // the client has gone: stop (lib/cancellation.ts)
  }
}

/**
 * Visits, unit by unit, the best online offering of every Leistung of the catalogue the unit
 * has one for: its own offerings (any source) and those of larger areas that cover it. Units are
 * read a chunk at a time, so an area of 11,000 units with millions of offerings never holds
 * more than one chunk's rows.
 */
export async function scanOfferings(
  manager: EntityManager,
  units: GapUnit[],
  catalogue: Catalogue,
  target: MaturityTarget,
  visit: (unit: GapUnit, leistungIndex: number, offering: BestOffering) => void,
): Promise<void> {
  if (units.length === 0 || catalogue.leistungen.length === 0) return;
  const inherited = await loadInherited(manager, [...new Set(units.map((u) => u.landKey))]);
  const connected = await connectedOfferings(manager, units, catalogue);
  for (let start = 0; start < units.length; start += CHUNK) {
    const chunk = units.slice(start, start + CHUNK);
    const ids = regionIdsOf(chunk);
    const rows = await selectRows<OfferingRow>(
      manager,
      `SELECT o.region_id AS "regionId", o.leistung_id AS "leistungId", o.maturity_model AS "model",
              o.maturity_level AS "level", o.url AS "url", o.source AS "source"
         FROM offerings o
        WHERE o.status = 'online' AND o.region_id IN (${placeholders(ids.length)})`,
      ids,
    );
    const own = new Map<number, Map<number, BestOffering>>();
    for (const row of rows) {
      const leistung = catalogue.byId.get(num(row.leistungId));
      if (!leistung) continue;
      const regionId = num(row.regionId);
      const forUnit = own.get(regionId) ?? new Map<number, BestOffering>();
      forUnit.set(leistung.index, better(forUnit.get(leistung.index), best(row, target, null)));
      own.set(regionId, forUnit);
    }
    for (const unit of chunk) {
      const offerings = new Map<number, BestOffering>();
      for (const id of ownRegions(unit)) {
        for (const [index, offering] of own.get(id) ?? []) offerings.set(index, better(offerings.get(index), offering));
      }
      for (const area of ancestorsOf(unit)) {
        for (const row of inherited.get(area) ?? []) {
          const leistung = catalogue.byId.get(num(row.leistungId));
          if (!leistung) continue;
          const from = { key: row.key, name: row.name };
          offerings.set(leistung.index, better(offerings.get(leistung.index), best(row, target, from)));
        }
      }
      for (const { service, leistungIndices } of connected.get(unit.id) ?? []) {
        const row = { regionId: unit.id, leistungId: 0, ...connectionRow(service) };
        const from = { key: service.code, name: service.name };
        for (const k of leistungIndices) offerings.set(k, better(offerings.get(k), best(row, target, from)));
      }
      for (const [index, offering] of offerings) visit(unit, index, offering);
    }
  }
}
