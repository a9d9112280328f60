import type { EntityManager } from 'typeorm';
import { formatTarget, LEVEL_LABELS, type MaturityTarget } from '../../lib/maturity';
import type { ServiceKind } from '../../lib/connections';
import { RESPONSIBILITY_SOURCES, type ResponsibilitySource } from '../../lib/responsibility';
import { catalogueNote, gapDefinitions } from './definitions';
import { resolveGapArea } from './area';
import { computeGaps, type GapComputation } from './engine';
import { loadComponentLabels, merkmaleOf, type CatalogueFilter } from './queries';
import type { MetSource } from './offering-scan';
import { reportParts, type GapReportPart } from './parts';

/** A criterion that holds units back, with the components that would lift it. */
export interface GapBlocker {
  criterion: string;
  label: string;
  components: string[];
  /** Units (among those not meeting the target) whose components, recorded as missing, cap a Leistung here. */
  units: number;
  /** Units with no data on these components, where they would cap a Leistung below the target if missing. */
  noDataUnits: number;
  /** Units that lack the components, where it is unknown whether the Leistung needs them (fee, Vertrauensniveau). */
  unknownRequirementUnits: number;
  /** Federal or Land services of the area's Länder that provide the components: connect, don't build. */
  connectable: { code: string; name: string; kind: ServiceKind }[];
}

/** Units below the target, by what holds them back (they add up to `responsibleUnits − metUnits`). */
export interface UnmetUnits {
  /** A component the data record as missing caps a Leistung below the target. */
  blocked: number;
  /** Nothing recorded as missing does, but the unit has no data on a component that would. */
  noData: number;
  /** Its components are known; whether a Leistung needs the missing ones is unknown. */
  unknownRequirement: number;
  /** The components allow the target: an online offering (or its Reifegrad) is missing. */
  offeringMissing: number;
}

/** A set of components and the unit × Leistung pairs it alone would unlock (all caps known). */
export interface GapCombination {
  components: string[];
  labels: string[];
  pairs: number;
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
  /** Its Leistungen that happen in person only (Merkmal rules): not counted in the strict rule. */
  inPersonLeistungen: number;
  unmetUnits: UnmetUnits;
  blockers: GapBlocker[];
}

/** One Leistung of an OZG-Leistung in an area (the drill-down). */
export interface LeistungGap {
  schluessel: string;
  name: string;
  typisierung: string | null;
  typisierungSource: 'fim' | 'catalogue' | null;
  /** False for in-person-only Leistungen, with the rule that says so. */
  onlineRelevant: boolean;
  relevanceRule: { id: number; reason: string; source: string } | null;
  /** Fee and Vertrauensniveau as known (null: unknown) and where from. */
  requirements: {
    feeBearing: boolean | null;
    feeOrigin: string | null;
    vertrauensniveau: string | null;
    trustOrigin: string | null;
  };
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
    /** Units with data on at least one base component (in use or recorded as not in use). */
    unitsWithComponentData: number;
    /** `unitsWithComponentData / units`; null without units. */
    componentDataShare: number | null;
    responsiblePairs: number;
    metPairs: number;
    /** Unmet responsible unit × Leistung pairs by what holds them back (see {@link UnmetUnits}). */
    unmetPairs: UnmetUnits;
    /** Catalogue Leistungen that happen in person only, left out of the strict rule. */
    inPersonLeistungen: number;
    /** Unmet responsible pairs online only without a Reifegrad: the dashboard rule counts them, the target not. */
    onlineWithoutMaturityPairs: number;
  };
  /** The smallest component sets that would unlock unmet pairs, largest first (empty set: the offering is missing). */
  combinations: GapCombination[];
  sources: {
    responsibility: Record<ResponsibilitySource, number>;
    /** Met pairs by the offering's source; `connection`: a live connection to an EfA service. */
    metOfferings: Record<MetSource, number>;
  };
  definitions: string[];
  ozgLeistungen: OzgGap[];
  /** With an `ozgId` filter: its Leistungen, one by one. */
  leistungen?: LeistungGap[];
  /** Germany: the counts per Land; a Land or Regierungsbezirk: per Kreis (see `report-parts.ts`). */
  parts?: GapReportPart[];
}

/** Options of the gap report. */
export interface GapReportOptions {
  target: MaturityTarget;
  filter?: CatalogueFilter;
}

/** Aggregates a computation into the per-OZG-Leistung rows and the area totals. */
export function summariseGaps(
  c: GapComputation,
  labels: ReadonlyMap<string, string> = new Map(),
): Pick<GapReport, 'totals' | 'sources' | 'ozgLeistungen' | 'combinations'> {
  const ozgCount = c.catalogue.ozg.length;
  const units = c.area.units.length;
  const leistungenPerOzg = new Array<number>(ozgCount).fill(0);
  const inPersonPerOzg = new Array<number>(ozgCount).fill(0);
  for (const l of c.catalogue.leistungen) {
    leistungenPerOzg[l.ozgIndex]++;
    if (!l.onlineRelevant) inPersonPerOzg[l.ozgIndex]++;
  }
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
    const noDataUnits = new Array<number>(c.capRows.length).fill(0);
    const unknownUnits = new Array<number>(c.capRows.length).fill(0);
    const unmetUnits: UnmetUnits = { blocked: 0, noData: 0, unknownRequirement: 0, offeringMissing: 0 };
    for (let u = 0; u < units; u++) {
      const cell = u * ozgCount + o;
      const r = c.responsible[cell];
      if (r === 0) continue;
      responsibleUnits++;
      responsiblePairs += r;
      metPairs += c.met[cell];
      if (c.dashboard[cell]) dashboardUnits++;
      if (c.met[cell] === r) {
        metUnits++;
        continue;
      }
      const blocked = c.blockers[cell];
      const noData = c.noData[cell];
      const unknown = c.unknownRequirement[cell];
      for (let b = 0; b < c.capRows.length; b++) {
        if (blocked & (1 << b)) blockerUnits[b]++;
        else if (noData & (1 << b)) noDataUnits[b]++;
        else if (unknown & (1 << b)) unknownUnits[b]++;
      }
      if (blocked) unmetUnits.blocked++;
      else if (noData) unmetUnits.noData++;
      else if (unknown) unmetUnits.unknownRequirement++;
      else unmetUnits.offeringMissing++;
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
      inPersonLeistungen: inPersonPerOzg[o],
      unmetUnits,
      blockers: c.capRows
        .map((row, b) => ({
          criterion: row.criterion,
          label: row.label,
          components: row.components,
          units: blockerUnits[b],
          noDataUnits: noDataUnits[b],
          unknownRequirementUnits: unknownUnits[b],
          connectable: c.connectable
            .filter((service) => service.components.some((code) => row.components.includes(code)))
            .map((service) => ({ code: service.code, name: service.name, kind: service.kind })),
        }))
        .filter((b) => b.units + b.noDataUnits + b.unknownRequirementUnits > 0)
        .sort((a, b) => b.units - a.units || b.noDataUnits - a.noDataUnits),
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
      componentDataShare: units === 0 ? null : c.unitsWithComponents / units,
      responsiblePairs,
      metPairs,
      unmetPairs: c.unmetPairs,
      inPersonLeistungen: c.catalogue.leistungen.filter((l) => !l.onlineRelevant).length,
      onlineWithoutMaturityPairs: c.onlineWithoutMaturity,
    },
    sources: { responsibility, metOfferings: c.metByOfferingSource },
    ozgLeistungen: rows,
    combinations: [...c.combinations]
      .map(([mask, entry]) => {
        const components = c.capRows.filter((_, b) => mask & (1 << b)).map((row) => row.components[0]);
        return { components, labels: components.map((code) => labels.get(code) ?? code), ...entry };
      })
      .sort((a, b) => b.pairs - a.pairs),
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
    ...summariseGaps(computation, await loadComponentLabels(manager)),
    definitions: gapDefinitions(options.target),
    ...(filter.ozgId !== undefined && { leistungen: drillDown(computation) }),
    ...(await partsOf(manager, computation)),
  };
}

/** The `parts` of a report, left out where the area has none (a Kreis, a Gemeinde). */
async function partsOf(manager: EntityManager, c: GapComputation): Promise<{ parts?: GapReportPart[] }> {
  const parts = await reportParts(manager, c);
  return parts.length > 0 ? { parts } : {};
}

/** The Leistungen of the report's OZG-Leistungen with their own counts. */
export function drillDown(c: GapComputation): LeistungGap[] {
  return c.catalogue.leistungen.map((l) => ({
    schluessel: l.schluessel,
    name: l.name,
    typisierung: l.typisierung,
    typisierungSource: l.typisierungSource,
    ...merkmaleOf(l),
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
