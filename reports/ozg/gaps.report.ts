import type { EntityManager } from 'typeorm';
import { formatTarget, LEVEL_LABELS, type MaturityTarget, type OfferingSource } from '../../lib/maturity';
import { RESPONSIBILITY_SOURCES, type ResponsibilitySource } from '../../lib/responsibility';
import { catalogueNote, gapDefinitions } from './gap-definitions';
import { resolveGapArea } from './gap-area';
import { computeGaps, type GapComputation } from './gap-engine';
import type { CatalogueFilter } from './gap-inputs';

/** A criterion that holds units back, with the components that would lift it. */
export interface GapBlocker {
  criterion: string;
  label: string;
  components: string[];
  /** Units (among those not meeting the target) whose missing components cap a Leistung here. */
  units: number;
}

/** One OZG-Leistung in an area. */
export interface OzgGap {
  ozgId: number;
  name: string;
  themenfeld: string | null;
  lebenslage: string | null;
  /** Its Leistungen in the catalogue. */
  leistungen: number;
  /** Units responsible for at least one of its Leistungen (the denominator). */
  responsibleUnits: number;
  /** Units where every Leistung they are responsible for reaches the target. */
  metUnits: number;
  /** `metUnits / responsibleUnits`; null without responsible units. */
  metShare: number | null;
  flaechendeckend: boolean;
  inAtLeastOne: boolean;
  /** The federal dashboard's looser rule, over the same responsible units. */
  dashboard: { units: number; flaechendeckend: boolean; inAtLeastOne: boolean };
  /** Responsible unit × Leistung pairs by where the responsibility came from. */
  responsibilitySources: Record<ResponsibilitySource, number>;
  blockers: GapBlocker[];
}

/** One Leistung of an OZG-Leistung in an area (the drill-down). */
export interface LeistungGap {
  schluessel: string;
  name: string;
  typisierung: string | null;
  typisierungSource: 'fim' | 'catalogue' | null;
  /** Who carries it in each Land of the area, and by which source. */
  responsibility: {
    landKey: string;
    level: string;
    taskGroup: string;
    source: ResponsibilitySource;
    /** The rule the level rests on (null for `explicit` or where no rule says). */
    rule: { id: number; reason: string; source: string } | null;
  }[];
  responsibleUnits: number;
  /** Responsible units with an online offering of it (any Reifegrad). */
  onlineUnits: number;
  metUnits: number;
}

/** The gap report of an area. */
export interface GapReport {
  area: { key: string; kind: string; name: string; label: string; units: number; population: number };
  target: { model: string; level: number; label: string; text: string };
  catalogue: { edition: string; note: string };
  filter: CatalogueFilter;
  totals: {
    ozgLeistungen: number;
    /** OZG-Leistungen with at least one responsible unit in the area. */
    relevant: number;
    flaechendeckend: number;
    inAtLeastOne: number;
    dashboardFlaechendeckend: number;
    dashboardInAtLeastOne: number;
    units: number;
    unitsWithComponentData: number;
    responsiblePairs: number;
    metPairs: number;
  };
  sources: {
    responsibility: Record<ResponsibilitySource, number>;
    metOfferings: Record<OfferingSource, number>;
  };
  definitions: string[];
  ozgLeistungen: OzgGap[];
  /** With an `ozgId` filter: its Leistungen, one by one. */
  leistungen?: LeistungGap[];
}

/** Options of the gap report. */
export interface GapReportOptions {
  target: MaturityTarget;
  filter?: CatalogueFilter;
}

/** Aggregates a computation into the per-OZG-Leistung rows and the area totals. */
export function summariseGaps(c: GapComputation): Pick<GapReport, 'totals' | 'sources' | 'ozgLeistungen'> {
  const ozgCount = c.catalogue.ozg.length;
  const units = c.area.units.length;
  const leistungenPerOzg = new Array<number>(ozgCount).fill(0);
  for (const l of c.catalogue.leistungen) leistungenPerOzg[l.ozgIndex]++;
  const responsibility = Object.fromEntries(RESPONSIBILITY_SOURCES.map((s) => [s, 0])) as Record<
    ResponsibilitySource,
    number
  >;
  let responsiblePairs = 0;
  let metPairs = 0;
  const rows: OzgGap[] = c.catalogue.ozg.map((ozg, o) => {
    let responsibleUnits = 0;
    let metUnits = 0;
    let dashboardUnits = 0;
    const blockerUnits = new Array<number>(c.capRows.length).fill(0);
    for (let u = 0; u < units; u++) {
      const cell = u * ozgCount + o;
      const r = c.responsible[cell];
      if (r === 0) continue;
      responsibleUnits++;
      responsiblePairs += r;
      metPairs += c.met[cell];
      if (c.met[cell] === r) metUnits++;
      else for (let b = 0; b < c.capRows.length; b++) if (c.blockers[cell] & (1 << b)) blockerUnits[b]++;
      if (c.dashboard[cell]) dashboardUnits++;
    }
    const sources = Object.fromEntries(
      RESPONSIBILITY_SOURCES.map((s, i) => {
        const n = c.pairsBySource[o * RESPONSIBILITY_SOURCES.length + i];
        responsibility[s] += n;
        return [s, n];
      }),
    ) as Record<ResponsibilitySource, number>;
    return {
      ozgId: ozg.ozgId,
      name: ozg.name,
      themenfeld: ozg.themenfeld,
      lebenslage: ozg.lebenslage,
      leistungen: leistungenPerOzg[o],
      responsibleUnits,
      metUnits,
      metShare: responsibleUnits === 0 ? null : metUnits / responsibleUnits,
      flaechendeckend: responsibleUnits > 0 && metUnits === responsibleUnits,
      inAtLeastOne: metUnits > 0,
      dashboard: {
        units: dashboardUnits,
        flaechendeckend: responsibleUnits > 0 && dashboardUnits === responsibleUnits,
        inAtLeastOne: dashboardUnits > 0,
      },
      responsibilitySources: sources,
      blockers: c.capRows
        .map((row, b) => ({
          criterion: row.criterion,
          label: row.label,
          components: row.components,
          units: blockerUnits[b],
        }))
        .filter((b) => b.units > 0)
        .sort((a, b) => b.units - a.units),
    };
  });
  const relevant = rows.filter((r) => r.responsibleUnits > 0);
  return {
    totals: {
      ozgLeistungen: rows.length,
      relevant: relevant.length,
      flaechendeckend: relevant.filter((r) => r.flaechendeckend).length,
      inAtLeastOne: relevant.filter((r) => r.inAtLeastOne).length,
      dashboardFlaechendeckend: relevant.filter((r) => r.dashboard.flaechendeckend).length,
      dashboardInAtLeastOne: relevant.filter((r) => r.dashboard.inAtLeastOne).length,
      units,
      unitsWithComponentData: c.unitsWithComponents,
      responsiblePairs,
      metPairs,
    },
    sources: { responsibility, metOfferings: c.metByOfferingSource },
    ozgLeistungen: rows,
  };
}

/**
 * The gap report of an area (Germany, a Land, a Regierungsbezirk, a Kreis or one Gemeinde): per
 * OZG-Leistung the responsible units, how many meet the target, whether it is met
 * flächendeckend or in at least one unit, the dashboard's looser rule beside it, where the
 * responsibility came from, and which missing base components hold the rest back.
 */
export async function buildGapReport(
  manager: EntityManager,
  areaText: string,
  options: GapReportOptions,
): Promise<GapReport> {
  const area = await resolveGapArea(manager, areaText);
  const filter = options.filter ?? {};
  const computation = await computeGaps(manager, area, options.target, filter);
  return {
    area: {
      key: area.key,
      kind: area.kind,
      name: area.name,
      label: area.label,
      units: area.units.length,
      population: area.units
        .filter((u) => u.kind !== 'kreis' && u.kind !== 'verband')
        .reduce((sum, u) => sum + u.population, 0),
    },
    target: {
      model: options.target.model,
      level: options.target.level,
      label: LEVEL_LABELS[options.target.model][options.target.level],
      text: formatTarget(options.target),
    },
    catalogue: { edition: computation.catalogue.edition, note: catalogueNote(computation.catalogue.edition) },
    filter,
    ...summariseGaps(computation),
    definitions: gapDefinitions(options.target),
    ...(filter.ozgId !== undefined && { leistungen: drillDown(computation) }),
  };
}

/** The Leistungen of the report's OZG-Leistungen with their own counts. */
export function drillDown(c: GapComputation): LeistungGap[] {
  return c.catalogue.leistungen.map((l) => ({
    schluessel: l.schluessel,
    name: l.name,
    typisierung: l.typisierung,
    typisierungSource: l.typisierungSource,
    responsibility: c.area.landKeys.map((landKey) => ({
      landKey,
      level: c.responsibility.level(landKey, l.index),
      taskGroup: c.responsibility.taskGroup(landKey, l.index),
      source: c.responsibility.source(landKey, l.index),
      rule: c.responsibility.rule(landKey, l.index),
    })),
    responsibleUnits: c.perLeistung.responsible[l.index],
    onlineUnits: c.perLeistung.online[l.index],
    metUnits: c.perLeistung.met[l.index],
  }));
}
