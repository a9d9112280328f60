import type { EntityManager } from 'typeorm';
import { loadPlaceNames, type Area } from '../area';
import { outlineLabelOf, unitKey, unitShell, type UnitShell } from './units';
import type { MapClass, MapLevel, MapReport, MapUnit } from './report';
import { DEMO_SOURCE, loadOperators, type CatalogueEntry } from '../common/records';
import { num } from '../common/sql';
import { loadComponentRecords } from './queries';

/**
 * Operator territories: which provider runs a component for whom. A Gemeinde is coloured by the
 * operator of its component in use; a Kreis or Land by the operator serving most of its
 * Gemeinden. The operators leading the most units get a colour each, the rest share one.
 */

/** Prefix of the measure: `betreiber-epayment` maps who runs E-Payment. */
export const OPERATOR_MEASURE_PREFIX = 'betreiber-';

/** Operators with a colour of their own (Okabe-Ito has seven distinct hues besides black). */
export const OPERATOR_COLOURS_SHOWN = 6;

/** The component of an operator measure, or null for another measure. */
export function operatorComponent(measure: string, components: CatalogueEntry[]): CatalogueEntry | null {
  if (!measure.startsWith(OPERATOR_MEASURE_PREFIX)) return null;
  return components.find((c) => c.code === measure.slice(OPERATOR_MEASURE_PREFIX.length)) ?? null;
}

/** What a unit knows: Gemeinden per operator, with a record but no operator in use, without data. */
interface Served {
  shell: UnitShell;
  members: string[];
  byOperator: Map<number, number>;
  withoutOperator: number;
  demo: boolean;
}

/** Builds the operator map of a component. */
export async function buildOperatorMapReport(
  manager: EntityManager,
  area: Area,
  level: MapLevel,
  component: CatalogueEntry,
  components: CatalogueEntry[],
): Promise<MapReport> {
  const byKey = await loadComponentRecords(manager, area, component.id);
  const names = await loadPlaceNames(manager, area.landKeys);
  const operators = await loadOperators(manager);
  const units = new Map<string, Served>();
  for (const m of area.municipalities) {
    const row = byKey.get(m.key);
    const key = unitKey(level, m);
    let unit = units.get(key);
    if (!unit) {
      const shell = unitShell(area, level, names, m, row?.verbandKey ?? null);
      unit = { shell, members: [], byOperator: new Map(), withoutOperator: 0, demo: false };
      units.set(key, unit);
    }
    unit.members.push(m.key);
    unit.demo ||= row?.source === DEMO_SOURCE;
    if (!row?.status || row.status === 'unknown') continue;
    if (row.status === 'in-use' && row.operatorId !== null) {
      const id = num(row.operatorId);
      unit.byOperator.set(id, (unit.byOperator.get(id) ?? 0) + 1);
    } else unit.withoutOperator += 1;
  }
  // The leading operator of each unit: most Gemeinden, then the lower id (stable).
  const leader = (u: Served) =>
    [...u.byOperator].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] as [number, number] | undefined;
  const leads = new Map<number, number>();
  for (const u of units.values()) {
    const l = leader(u);
    if (l) leads.set(l[0], (leads.get(l[0]) ?? 0) + 1);
  }
  const shown = [...leads]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, OPERATOR_COLOURS_SHOWN)
    .map(([id]) => id);
  const classes: MapClass[] = [
    ...shown.map((id, i) => ({ label: operators.get(id)?.name ?? `Betreiber ${id}`, below: i + 1 })),
    { label: 'andere Betreiber', below: shown.length + 1 },
    { label: 'nicht im Einsatz oder ohne Betreiber', below: shown.length + 2 },
  ];
  const result: MapUnit[] = [...units].map(([key, u]) => {
    const l = leader(u);
    const known = [...u.byOperator.values()].reduce((a, b) => a + b, 0) + u.withoutOperator;
    let classIndex = -1;
    let valueText = 'keine Angaben';
    if (l) {
      const name = operators.get(l[0])?.name ?? `Betreiber ${l[0]}`;
      classIndex = shown.includes(l[0]) ? shown.indexOf(l[0]) : shown.length;
      valueText =
        level === 'gemeinde' ? `betrieben von ${name}` : `${name} für ${l[1]} von ${u.members.length} Gemeinden`;
    } else if (known > 0) {
      classIndex = shown.length + 1;
      valueText = 'nicht im Einsatz oder ohne Betreiber';
    }
    const value = classIndex < 0 ? null : classIndex;
    return { key, ...u.shell, members: u.members, value, valueText, classIndex, demo: u.demo };
  });
  return {
    areaKey: area.key,
    areaLabel: area.label,
    level,
    measure: `${OPERATOR_MEASURE_PREFIX}${component.code}`,
    measureLabel: `${component.label}: Betreiber`,
    outlineLabel: outlineLabelOf(area, level),
    classes,
    palette: 'categorical',
    units: result,
    components,
    demoData: result.some((u) => u.demo),
  };
}
