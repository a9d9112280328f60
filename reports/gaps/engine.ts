import type { EntityManager } from 'typeorm';
import type { MaturityTarget } from '../../lib/maturity';
import { RESPONSIBILITY_SOURCES } from '../../lib/responsibility';
import { attainableLevel, TRAITS_OF_CLASS, traitClass } from '../../lib/attainable';
import { COMPONENT_CAPS, type ComponentCap } from '../../lib/component-caps';
import type { GapArea, GapUnit } from './area';
import { isAvailableIn } from '../../lib/connections';
import { loadComponentsInUse } from '../../services/components-in-use';
import { loadConnectableServices, type ConnectableService } from '../../services/connectable-services';
import { type Catalogue, type CatalogueFilter, loadCatalogue } from './queries';
import { Responsibility } from './responsibility-queries';
import { MET_SOURCES, scanOfferingLevels, type MetSource } from './offering-scan';

/**
 * The counts every gap report is built from, per unit × OZG-Leistung, in flat typed arrays
 * (`cell = unitIndex * ozgCount + ozgIndex`): an area of 11,000 units and 557 OZG-Leistungen is
 * six million cells, a few dozen megabytes.
 */
export interface GapComputation {
  area: GapArea;
  catalogue: Catalogue;
  target: MaturityTarget;
  responsibility: Responsibility;
  /** Criteria rows of the target's model; bit `i` of `blockers` is row `i`. */
  capRows: ComponentCap[];
  /** Responsible online-relevant Leistungen of the OZG-Leistung for the unit. */
  responsible: Uint16Array;
  /** Of those, how many reach the target. */
  met: Uint16Array;
  /** 1 when the dashboard rule holds: some Leistung of it online at level 2 (or unknown). */
  dashboard: Uint8Array;
  /** Criteria whose components the data say are missing and that cap a responsible, unmet Leistung below the target. */
  blockers: Uint8Array;
  /** Criteria that may cap an unmet Leistung below the target, but the unit has no data on their components. */
  noData: Uint8Array;
  /** Criteria whose components are recorded as missing, but whether the Leistung needs them is unknown. */
  unknownRequirement: Uint8Array;
  /**
   * Unmet responsible unit × Leistung pairs whose caps are all known, by the criteria that cap
   * them (bit mask over `capRows`; 0: the components allow the target, the offering is missing):
   * pairs and distinct units. The components of a mask's criteria are the smallest set that
   * would unlock those Leistungen.
   */
  combinations: Map<number, { pairs: number; units: number }>;
  /** Active component services available in at least one Land of the area (BundID, Land accounts …). */
  connectable: ConnectableService[];
  /** Unmet responsible pairs by what holds them back. */
  unmetPairs: { blocked: number; noData: number; unknownRequirement: number; offeringMissing: number };
  /** Responsible unit × Leistung pairs per OZG-Leistung by source (`RESPONSIBILITY_SOURCES` order). */
  pairsBySource: Uint32Array;
  /** Met pairs by the source of the offering that met them (`connection`: a live EfA connection). */
  metByOfferingSource: Record<MetSource, number>;
  /**
   * Responsible online-relevant pairs online only without a Reifegrad (e.g. from the OZG dashboard,
   * which carries none): the dashboard rule counts them, a Reifegrad target never does.
   */
  onlineWithoutMaturity: number;
  /** Units with data on at least one base component (in use or recorded as not in use; own or the Verband's). */
  unitsWithComponents: number;
  /** Per Leistung (catalogue index): responsible units, of those with an online offering, and meeting the target. */
  perLeistung: { responsible: Uint32Array; online: Uint32Array; met: Uint32Array };
}

const ZUSTAENDIGKEIT = RESPONSIBILITY_SOURCES.indexOf('zustaendigkeit');

/** Per trait class, the criteria below the target by status (bit `i` is `capRows[i]`). */
interface ClassMasks {
  blocked: Uint8Array;
  noData: Uint8Array;
  unknownRequirement: Uint8Array;
}

/**
 * Computes the gap counts of an area: responsibility per unit and Leistung (derived table,
 * unit kinds), the best online offering per pair (own or inherited), and for every unmet pair
 * which criteria the unit's missing components cap below the target.
 */
export async function computeGaps(
  manager: EntityManager,
  area: GapArea,
  target: MaturityTarget,
  filter: CatalogueFilter,
): Promise<GapComputation> {
  const catalogue = await loadCatalogue(manager, filter);
  const responsibility = await Responsibility.load(manager, catalogue, area.landKeys, area.units);
  const inUse = await loadComponentsInUse(manager, area.units);
  // A unit has component data when any component is recorded with a known status (own or its Verband's).
  const unitsWithComponents = area.units.filter((unit) => {
    const state = inUse.get(unit.id);
    return state !== undefined && state.inUse.size + state.notInUse.size > 0;
  }).length;
  const capRows = COMPONENT_CAPS.filter((row) => row.model === target.model);
  const units = area.units.length;
  const ozgCount = catalogue.ozg.length;
  const leistungCount = catalogue.leistungen.length;
  const responsible = new Uint16Array(units * ozgCount);
  const met = new Uint16Array(units * ozgCount);
  const dashboard = new Uint8Array(units * ozgCount);
  const blockers = new Uint8Array(units * ozgCount);
  const noData = new Uint8Array(units * ozgCount);
  const unknownRequirement = new Uint8Array(units * ozgCount);
  const relevant = Uint8Array.from(catalogue.leistungen, (l) => (l.onlineRelevant ? 1 : 0));
  const pairsBySource = new Uint32Array(ozgCount * RESPONSIBILITY_SOURCES.length);
  const words = Math.ceil(leistungCount / 32);
  const metBits = new Uint32Array(units * words);

  // Responsible Leistungen per unit profile (Land, kind, Verband type, city status), computed
  // once, as a list and as a bitset for the offering scan; what Zuständigkeit data name is added
  // per unit.
  const profiles = new Map<string, { list: number[]; bits: Uint32Array }>();
  const profileOf = (unit: GapUnit) => {
    const key = `${unit.landKey}|${unit.kind}|${unit.verbandType ?? ''}|${unit.cityStatus ?? ''}`;
    let profile = profiles.get(key);
    if (!profile) {
      const list = catalogue.leistungen.filter((l) => responsibility.byRule(unit, l.index)).map((l) => l.index);
      const bits = new Uint32Array(words);
      for (const k of list) bits[k >>> 5] |= 1 << (k & 31);
      profile = { list, bits };
      profiles.set(key, profile);
    }
    return profile;
  };
  const unitBits = area.units.map((unit) => profileOf(unit).bits);
  const named = area.units.map((unit) => {
    const set = responsibility.namedFor(unit.id);
    return set.size > 0 ? set : null;
  });
  const responsibleOf = (unit: GapUnit, u: number): number[] => {
    const { list, bits } = profileOf(unit);
    const extra = named[u]
      ? [...(named[u] as ReadonlySet<number>)].filter((k) => !(bits[k >>> 5] & (1 << (k & 31))))
      : [];
    return extra.length === 0 ? list : [...list, ...extra];
  };
  const isResponsible = (u: number, k: number): boolean =>
    (unitBits[u][k >>> 5] & (1 << (k & 31))) !== 0 || (named[u]?.has(k) ?? false);

  const perLeistung = {
    responsible: new Uint32Array(leistungCount),
    online: new Uint32Array(leistungCount),
    met: new Uint32Array(leistungCount),
  };
  area.units.forEach((unit, u) => {
    const sources = responsibility.sourceIndices(unit.landKey);
    for (const k of responsibleOf(unit, u)) {
      perLeistung.responsible[k]++;
      // In-person-only Leistungen (handing over a card, a ceremony) are not counted against the unit.
      if (!relevant[k]) continue;
      const o = catalogue.leistungen[k].ozgIndex;
      responsible[u * ozgCount + o]++;
      const source = named[u]?.has(k) ? ZUSTAENDIGKEIT : sources[k];
      pairsBySource[o * RESPONSIBILITY_SOURCES.length + source]++;
    }
  });

  const metByOfferingSource = Object.fromEntries(MET_SOURCES.map((s) => [s, 0])) as Record<MetSource, number>;
  let onlineWithoutMaturity = 0;
  await scanOfferingLevels(manager, area.units, catalogue, target, (u, k, level, counts, source) => {
    const cell = u * ozgCount + catalogue.leistungen[k].ozgIndex;
    if (counts) dashboard[cell] = 1;
    if (!isResponsible(u, k)) return;
    perLeistung.online[k]++;
    // -1: online, but no offering names a Reifegrad; said in the report, never counted as met.
    if (level < 0 && relevant[k]) onlineWithoutMaturity++;
    if (level < target.level) return;
    perLeistung.met[k]++;
    if (!relevant[k]) return;
    met[cell]++;
    metBits[u * words + (k >>> 5)] |= 1 << (k & 31);
    metByOfferingSource[source]++;
  });

  // What holds unmet pairs back: per component state (shared by many units) and trait class,
  // the criteria below the target by status; pairs whose caps are all known by their mask.
  const masksByState = new Map<string, ClassMasks>();
  const classOf = Uint8Array.from(catalogue.leistungen, (l) => traitClass(l));
  const combinations = new Map<number, { pairs: number; units: number; lastUnit: number }>();
  const unmetPairs = { blocked: 0, noData: 0, unknownRequirement: 0, offeringMissing: 0 };
  const bit = (criterion: string) => 1 << capRows.findIndex((row) => row.criterion === criterion);
  area.units.forEach((unit, u) => {
    const state = inUse.get(unit.id) ?? { inUse: new Set<string>(), notInUse: new Set<string>(), key: '' };
    let masks = masksByState.get(state.key);
    if (!masks) {
      const m: ClassMasks = {
        blocked: new Uint8Array(9),
        noData: new Uint8Array(9),
        unknownRequirement: new Uint8Array(9),
      };
      TRAITS_OF_CLASS.forEach((traits, c) => {
        for (const cap of attainableLevel(target.model, state, traits).caps) {
          if (cap.cap >= target.level) continue;
          if (cap.status === 'missing') m.blocked[c] |= bit(cap.criterion);
          else if (cap.status === 'no-data') m.noData[c] |= bit(cap.criterion);
          else m.unknownRequirement[c] |= bit(cap.criterion);
        }
      });
      masks = m;
      masksByState.set(state.key, m);
    }
    for (const k of responsibleOf(unit, u)) {
      if (!relevant[k] || metBits[u * words + (k >>> 5)] & (1 << (k & 31))) continue;
      const cell = u * ozgCount + catalogue.leistungen[k].ozgIndex;
      const c = classOf[k];
      const blocked = masks.blocked[c];
      blockers[cell] |= blocked;
      noData[cell] |= masks.noData[c];
      unknownRequirement[cell] |= masks.unknownRequirement[c];
      // What the data say is missing comes first; then what nobody knows; then the offering.
      const unknown = masks.noData[c] | masks.unknownRequirement[c];
      if (blocked !== 0) unmetPairs.blocked++;
      else if (masks.noData[c] !== 0) unmetPairs.noData++;
      else if (unknown !== 0) unmetPairs.unknownRequirement++;
      else unmetPairs.offeringMissing++;
      if (unknown === 0) {
        const entry = combinations.get(blocked) ?? { pairs: 0, units: 0, lastUnit: -1 };
        entry.pairs++;
        if (entry.lastUnit !== u) {
          entry.units++;
          entry.lastUnit = u;
        }
        combinations.set(blocked, entry);
      }
    }
  });

  const services = await loadConnectableServices(manager);
  const connectable = services.filter(
    (service) => service.components.length > 0 && area.landKeys.some((land) => isAvailableIn(service, land)),
  );
  return {
    area,
    catalogue,
    connectable,
    target,
    responsibility,
    capRows,
    responsible,
    met,
    dashboard,
    blockers,
    noData,
    unknownRequirement,
    combinations: new Map([...combinations].map(([mask, e]) => [mask, { pairs: e.pairs, units: e.units }])),
    unmetPairs,
    pairsBySource,
    metByOfferingSource,
    onlineWithoutMaturity,
    unitsWithComponents,
    perLeistung,
  };
}
