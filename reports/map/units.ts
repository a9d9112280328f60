import type { Area, AreaMunicipality, PlaceNames } from '../area';
import type { MapLevel } from './report';
import { kreisLabel } from '../common/wording';

/** A unit of a map before its numbers: name, link and outline group. */
export interface UnitShell {
  name: string;
  href: string;
  /** Units sharing a group are outlined together (Verband, Kreis or Land). */
  group: string;
}

/** The key of the unit a Gemeinde belongs to at a level. */
export function unitKey(level: MapLevel, m: AreaMunicipality): string {
  if (level === 'gemeinde') return m.key;
  return level === 'kreis' ? (m.kreisKey ?? m.key.slice(0, 5)) : m.landKey;
}

/**
 * Name, link and outline group of the unit of a Gemeinde: on a Kreis map the Gemeinden of one
 * Verband are outlined together (a verbandsfreie Gemeinde alone), on a Land map those of one
 * Kreis, on the Germany map those of one Land.
 */
export function unitShell(
  area: Area,
  level: MapLevel,
  names: PlaceNames,
  m: AreaMunicipality,
  verbandKey: string | null,
): UnitShell {
  const kreis = m.kreisKey ?? m.key.slice(0, 5);
  if (level === 'land')
    return { name: names.laender.get(m.landKey) ?? m.landKey, href: `/gebiete/${m.landKey}`, group: m.landKey };
  if (level === 'kreis') {
    const k = names.kreise.get(kreis);
    return { name: k ? kreisLabel(k.name, k.typeLabel) : kreis, href: `/gebiete/${kreis}`, group: m.landKey };
  }
  const group = area.kind === 'kreis' ? (verbandKey ?? m.key) : area.kind === 'germany' ? m.landKey : kreis;
  return { name: m.name, href: `/kommunen/${m.key}`, group };
}

/** What the thick outlines of a map show, or null for none. */
export function outlineLabelOf(area: Area, level: MapLevel): string | null {
  if (level === 'gemeinde')
    return area.kind === 'kreis' ? 'Gemeindeverbände' : area.kind === 'germany' ? 'Länder' : 'Kreise';
  return level === 'kreis' && area.kind === 'germany' ? 'Länder' : null;
}

/** A unit of a map: its name, link and outline group, the Gemeinden it covers, and what its measure collects. */
export type GroupedUnit<S> = UnitShell & { members: string[]; state: S };

/**
 * Groups the area's Gemeinden into the units of `level`, the one loop every map measure needs:
 * each unit's shell (from its first Gemeinde), its members, and `add` folded over them into the
 * state `start` makes. Units come in the order of their first Gemeinde.
 */
export function groupUnits<S>(
  area: Area,
  level: MapLevel,
  names: PlaceNames,
  verbandOf: (m: AreaMunicipality) => string | null,
  start: () => S,
  add: (state: S, m: AreaMunicipality) => void,
): Map<string, GroupedUnit<S>> {
  const units = new Map<string, GroupedUnit<S>>();
  for (const m of area.municipalities) {
    const key = unitKey(level, m);
    let unit = units.get(key);
    if (!unit) {
      unit = { ...unitShell(area, level, names, m, verbandOf(m)), members: [], state: start() };
      units.set(key, unit);
    }
    unit.members.push(m.key);
    add(unit.state, m);
  }
  return units;
}
