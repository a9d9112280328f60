import type { EntityManager } from 'typeorm';
import { type MaturityTarget, OFFERING_SOURCES, type OfferingSource } from '../../lib/maturity';
import { RESPONSIBILITY_SOURCES } from '../../lib/responsibility';
import { attainableLevel, type LeistungTraits } from '../../lib/attainable';
import { COMPONENT_CAPS, needsEid, type ComponentCap } from '../../lib/component-caps';
import type { GapArea, GapUnit } from './gap-area';
import { loadComponentsInUse } from '../../services/components-in-use';
import { type Catalogue, type CatalogueFilter, loadCatalogue, Responsibility } from './gap-inputs';
import { scanOfferingLevels } from './offering-scan';

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
  /** Responsible Leistungen of the OZG-Leistung for the unit. */
  responsible: Uint16Array;
  /** Of those, how many reach the target. */
  met: Uint16Array;
  /** 1 when the dashboard rule holds: some Leistung of it online at level 2 (or unknown). */
  dashboard: Uint8Array;
  /** Criteria whose missing components cap a responsible, unmet Leistung below the target. */
  blockers: Uint16Array;
  /** Responsible unit × Leistung pairs per OZG-Leistung by source (`RESPONSIBILITY_SOURCES` order). */
  pairsBySource: Uint32Array;
  /** Met pairs by the source of the offering that met them (`OFFERING_SOURCES` order). */
  metByOfferingSource: Record<OfferingSource, number>;
  /** Units with at least one recorded base component (status anything). */
  unitsWithComponents: number;
  /** Per Leistung (catalogue index): responsible units, of those with an online offering, and meeting the target. */
  perLeistung: { responsible: Uint32Array; online: Uint32Array; met: Uint32Array };
}

const ZUSTAENDIGKEIT = RESPONSIBILITY_SOURCES.indexOf('zustaendigkeit');

/** Trait class of a Leistung for the cap table: needs eID × fee (yes, no, unknown). */
function traitClass(traits: LeistungTraits): number {
  const fee = traits.feeBearing === true ? 0 : traits.feeBearing === false ? 1 : 2;
  return (needsEid(traits.vertrauensniveau) ? 3 : 0) + fee;
}

const TRAITS_OF_CLASS: LeistungTraits[] = [0, 1, 2, 3, 4, 5].map((c) => ({
  vertrauensniveau: c >= 3 ? '30' : null,
  feeBearing: [true, false, null][c % 3],
}));

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
  const unitsWithComponents = await countUnitsWithComponents(manager, area.units);
  const capRows = COMPONENT_CAPS.filter((row) => row.model === target.model);
  const units = area.units.length;
  const ozgCount = catalogue.ozg.length;
  const leistungCount = catalogue.leistungen.length;
  const responsible = new Uint16Array(units * ozgCount);
  const met = new Uint16Array(units * ozgCount);
  const dashboard = new Uint8Array(units * ozgCount);
  const blockers = new Uint16Array(units * ozgCount);
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
      const o = catalogue.leistungen[k].ozgIndex;
      responsible[u * ozgCount + o]++;
      perLeistung.responsible[k]++;
      const source = named[u]?.has(k) ? ZUSTAENDIGKEIT : sources[k];
      pairsBySource[o * RESPONSIBILITY_SOURCES.length + source]++;
    }
  });

  const metByOfferingSource = Object.fromEntries(OFFERING_SOURCES.map((s) => [s, 0])) as Record<OfferingSource, number>;
  await scanOfferingLevels(manager, area.units, catalogue, target, (u, k, level, counts, source) => {
    const cell = u * ozgCount + catalogue.leistungen[k].ozgIndex;
    if (counts) dashboard[cell] = 1;
    if (!isResponsible(u, k)) return;
    perLeistung.online[k]++;
    if (level < target.level) return;
    perLeistung.met[k]++;
    met[cell]++;
    metBits[u * words + (k >>> 5)] |= 1 << (k & 31);
    metByOfferingSource[source]++;
  });

  // Blockers: per component set (shared by many units) and trait class, the criteria that cap below target.
  const masksBySet = new Map<string, Uint16Array>();
  const classOf = Uint8Array.from(catalogue.leistungen, (l) => traitClass(l));
  area.units.forEach((unit, u) => {
    const components = inUse.get(unit.id) ?? { codes: new Set<string>(), key: '' };
    let masks = masksBySet.get(components.key);
    if (!masks) {
      masks = Uint16Array.from(TRAITS_OF_CLASS, (traits) => {
        const attainable = attainableLevel(target.model, components.codes, traits);
        let mask = 0;
        for (const cap of attainable.caps) {
          if (cap.cap < target.level) mask |= 1 << capRows.findIndex((row) => row.criterion === cap.criterion);
        }
        return mask;
      });
      masksBySet.set(components.key, masks);
    }
    for (const k of responsibleOf(unit, u)) {
      if (metBits[u * words + (k >>> 5)] & (1 << (k & 31))) continue;
      blockers[u * ozgCount + catalogue.leistungen[k].ozgIndex] |= masks[classOf[k]];
    }
  });

  return {
    area,
    catalogue,
    target,
    responsibility,
    capRows,
    responsible,
    met,
    dashboard,
    blockers,
    pairsBySource,
    metByOfferingSource,
    unitsWithComponents,
    perLeistung,
  };
}

async function countUnitsWithComponents(manager: EntityManager, units: GapUnit[]): Promise<number> {
  if (units.length === 0) return 0;
  const ids = new Set(units.map((u) => u.id));
  const rows = (await manager.query('SELECT DISTINCT "region_id" AS "regionId" FROM "component_records"')) as {
    regionId: number | string;
  }[];
  return rows.filter((row) => ids.has(Number(row.regionId))).length;
}
