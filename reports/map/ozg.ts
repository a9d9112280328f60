import type { EntityManager } from 'typeorm';
import { DEFAULT_TARGET, formatTarget, type MaturityTarget } from '../../lib/maturity';
import { loadPlaceNames, type Area } from '../area';
import { groupUnits, outlineLabelOf } from './units';
import { classify, SHARE_CLASSES } from './classes';
import type { MapLevel, MapReport, MapUnit } from './report';
import type { CatalogueEntry } from '../common/records';
import { resolveGapArea, type GapUnit } from '../gaps/area';
import { computeGaps, type GapComputation } from '../gaps/engine';
import type { CatalogueFilter } from '../gaps/queries';
import { VersionedCache } from '../common/versioned-cache';

/**
 * OZG attainment on the map: per Gemeinde (or Kreis, Land) the share of responsibilities — a
 * responsible unit for an OZG-Leistung — that meet the target. The numbers come from the same
 * computation as the gap report of the area (`reports/gaps/engine.ts`), run once; a Gemeinde
 * counts the units whose territory covers it: itself, its Verband and its Landkreis. The
 * computation's per-unit counts are kept per thread ({@link ozgMapCache}), so the next visit,
 * another level or the SVG download at the same data version reuse them.
 */

/** The measure: `?karte=ozg&ozg=10119` or `?karte=ozg&themenfeld=Familie%20%26%20Kind`. */
export const OZG_MEASURE = 'ozg';

/** The OZG-Leistung or Themenfeld a map shows, and the target (default RGM-1.1:3). */
export interface OzgMapChoice {
  ozgId?: number;
  themenfeld?: string;
  target?: MaturityTarget;
}

/** Legend label of the units no OZG-Leistung of the choice falls to. */
export const NOT_RESPONSIBLE = 'nicht zuständig';

/** Per unit of the gap area: responsibilities, those met, and unmet ones that lack only component data. */
export interface Counts {
  responsible: number;
  met: number;
  noData: number;
}

function add(a: Counts, b: Counts): void {
  a.responsible += b.responsible;
  a.met += b.met;
  a.noData += b.noData;
}

/** One pass over the computation's cells: per gap unit, its OZG-Leistungen responsible, met, unknown. */
function countsPerUnit(c: GapComputation): Counts[] {
  const ozgCount = c.catalogue.ozg.length;
  return c.area.units.map((_, u) => {
    const counts: Counts = { responsible: 0, met: 0, noData: 0 };
    for (let o = 0; o < ozgCount; o++) {
      const cell = u * ozgCount + o;
      const r = c.responsible[cell];
      if (r === 0) continue;
      counts.responsible++;
      if (c.met[cell] === r) counts.met++;
      else if (c.blockers[cell] === 0 && c.noData[cell] !== 0) counts.noData++;
    }
    return counts;
  });
}

/**
 * The counts of a map unit: for a Gemeinde those of the units covering it; for a Kreis or Land
 * those of every unit inside it, each once.
 */
function countsPerMapUnit(gapUnits: GapUnit[], perUnit: Counts[], level: MapLevel): Map<string, Counts> {
  const byKey = new Map(gapUnits.map((unit, u) => [unit.key, u]));
  const result = new Map<string, Counts>();
  const into = (key: string, u: number | undefined) => {
    if (u === undefined) return;
    let counts = result.get(key);
    if (!counts) result.set(key, (counts = { responsible: 0, met: 0, noData: 0 }));
    add(counts, perUnit[u]);
  };
  gapUnits.forEach((unit, u) => {
    const kreis = unit.kind === 'kreis' ? unit.key : (unit.kreisKey ?? unit.key.slice(0, 5));
    if (level === 'land') return into(unit.landKey, u);
    if (level === 'kreis') return into(kreis, u);
    if (unit.kind === 'kreis' || unit.kind === 'verband') return;
    into(unit.key, u);
    if (unit.verbandKey && unit.verbandKey !== unit.key) into(unit.key, byKey.get(unit.verbandKey));
    if (unit.kreisKey) into(unit.key, byKey.get(unit.kreisKey));
  });
  return result;
}

const percent = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 1 });

function valueOf(counts: Counts | undefined): { value: number | null; text: string; classIndex?: number } {
  if (!counts || counts.responsible === 0) return { value: null, text: NOT_RESPONSIBLE, classIndex: -2 };
  if (counts.met === 0 && counts.noData === counts.responsible)
    return { value: null, text: 'keine Angaben (Komponenten nicht erfasst)' };
  const value = (100 * counts.met) / counts.responsible;
  return { value, text: `${percent(value)} % (${counts.met} von ${counts.responsible} Zuständigkeiten erfüllt)` };
}

/** The label of the choice: the OZG-Leistung's or Themenfeld's name, or null when the catalogue has none. */
function choiceLabel(c: GapComputation, choice: OzgMapChoice): string | null {
  const first = c.catalogue.ozg[0];
  if (!first) return choice.ozgId !== undefined ? `OZG-Leistung ${choice.ozgId} (nicht im Katalog)` : null;
  if (choice.ozgId !== undefined) return `OZG-Leistung ${first.ozgId} ${first.name}`;
  if (choice.themenfeld) return `Themenfeld ${first.themenfeld ?? choice.themenfeld}`;
  return 'alle OZG-Leistungen';
}

/**
 * What an OZG map keeps of its area's gap computation: the units, their counts and the label of
 * the choice. Level-independent, and small (a few numbers per unit) where the computation's
 * cells of Germany take tens of megabytes.
 */
export interface OzgMapCounts {
  units: GapUnit[];
  perUnit: Counts[];
  /** The choice's name (OZG-Leistung, Themenfeld, all); null when the catalogue has no OZG-Leistung. */
  label: string | null;
}

/** The OZG maps' counts in this thread, by area, target and choice (`reports/common/versioned-cache.ts`). */
export const ozgMapCache = new VersionedCache<OzgMapCounts>(8);

/** The counts of an area for a choice: reused at the same data version, or computed. */
export function ozgMapCounts(manager: EntityManager, areaKey: string, choice: OzgMapChoice): Promise<OzgMapCounts> {
  const target = choice.target ?? DEFAULT_TARGET;
  const filter: CatalogueFilter =
    choice.ozgId !== undefined ? { ozgId: choice.ozgId } : choice.themenfeld ? { themenfeld: choice.themenfeld } : {};
  // Only what the filter reads: a choice naming both an OZG-Leistung and a Themenfeld is the Leistung's.
  const key = JSON.stringify([areaKey, formatTarget(target), filter.ozgId ?? '', filter.themenfeld ?? '']);
  return ozgMapCache.get(manager, key, async () => {
    const gapArea = await resolveGapArea(manager, areaKey);
    const computation = await computeGaps(manager, gapArea, target, filter);
    return {
      units: gapArea.units,
      perUnit: countsPerUnit(computation),
      label: choiceLabel(computation, choice),
    };
  });
}

/** Builds the OZG attainment map of an area (one gap computation for the whole area, reused). */
export async function buildOzgMapReport(
  manager: EntityManager,
  area: Area,
  level: MapLevel,
  choice: OzgMapChoice,
  components: CatalogueEntry[],
): Promise<MapReport> {
  const target = choice.target ?? DEFAULT_TARGET;
  const computed = await ozgMapCounts(manager, area.key, choice);
  const counts = countsPerMapUnit(computed.units, computed.perUnit, level);
  const names = await loadPlaceNames(manager, area.landKeys);
  const verbandOf = new Map(computed.units.map((u) => [u.key, u.kind === 'gemeinde' ? u.verbandKey : null]));
  const shells = groupUnits(
    area,
    level,
    names,
    (m) => verbandOf.get(m.key) ?? null,
    () => null,
    () => undefined,
  );
  const units: MapUnit[] = [...shells].map(([key, { state: _state, ...shell }]) => {
    const { value, text, classIndex } = valueOf(counts.get(key));
    return {
      key,
      ...shell,
      value,
      valueText: text,
      classIndex: classIndex ?? classify(SHARE_CLASSES, value),
      demo: false,
    };
  });
  const label = computed.label ?? 'keine OZG-Leistung im Katalog';
  const query = [
    choice.ozgId !== undefined
      ? `ozg=${choice.ozgId}`
      : choice.themenfeld
        ? `themenfeld=${encodeURIComponent(choice.themenfeld)}`
        : '',
    `ziel=${encodeURIComponent(formatTarget(target))}`,
  ].filter(Boolean);
  return {
    areaKey: area.key,
    areaLabel: area.label,
    level,
    measure: OZG_MEASURE,
    measureLabel: `${label}: Anteil der Zuständigkeiten mit Ziel ${formatTarget(target)} erreicht`,
    outlineLabel: outlineLabelOf(area, level),
    classes: SHARE_CLASSES,
    palette: 'sequential',
    units,
    components,
    demoData: false,
    notApplicableLabel: NOT_RESPONSIBLE,
    query: query.join('&'),
    ozg: { ozgId: choice.ozgId, themenfeld: choice.themenfeld, target: formatTarget(target) },
  };
}
