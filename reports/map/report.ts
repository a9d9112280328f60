import type { EntityManager } from 'typeorm';
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '../../lib/vocabulary';
import { loadPlaceNames, type Area } from '../area';
import { loadCatalogue, type CatalogueEntry } from '../common/records';
import { num } from '../common/sql';
import { buildOperatorMapReport, operatorComponent } from './operators';
import { classify, COUNT_CLASSES, SHARE_CLASSES, type MapClass } from './classes';
import { buildOzgMapReport, OZG_MEASURE, type OzgMapChoice } from './ozg';
import { buildOpportunityMapReport, OPPORTUNITY_MEASURE } from './opportunities';
import { loadGemeindeCounts, type GemeindeRow } from './queries';
import { groupUnits, outlineLabelOf } from './units';

/**
 * The numbers behind a choropleth map of an area: one value per drawn unit (Land, Kreis or
 * Gemeinde) for one measure, the class limits, and what to outline. The geometry is drawn by
 * the view; this file only counts, so the map and its table show the same numbers.
 */

/** The units a map colours. */
export type MapLevel = 'land' | 'kreis' | 'gemeinde';

/** `anzahl`: components in use; `erfasst`: share recorded; else a component code (its status or share in use). */
export type MapMeasure = string;

/** One coloured unit. */
export interface MapUnit {
  key: string;
  name: string;
  href: string;
  /** Units sharing a group are outlined together (Verband, Kreis or Land). */
  group: string;
  /** The AGS of its Gemeinden (a Gemeinde: itself). */
  members: string[];
  value: number | null;
  /** German, e.g. "5 von 9 im Einsatz" or "keine Angaben". */
  valueText: string;
  /** Index into `classes`; -1 for no data, -2 for the report's `notApplicableLabel`. */
  classIndex: number;
  demo: boolean;
}

export { classify, type MapClass } from './classes';

/** A map's numbers. */
export interface MapReport {
  areaKey: string;
  areaLabel: string;
  level: MapLevel;
  measure: MapMeasure;
  measureLabel: string;
  /** What the outlines show, e.g. "Grenzen der Gemeindeverbände"; null for none. */
  outlineLabel: string | null;
  classes: MapClass[];
  /** `sequential`: ordered classes (blues); `categorical`: one colour per operator. */
  palette: 'sequential' | 'categorical';
  units: MapUnit[];
  components: CatalogueEntry[];
  demoData: boolean;
  /** Legend label of a second no-data class (`classIndex` -2), e.g. "nicht zuständig"; drawn dotted. */
  notApplicableLabel?: string;
  /** Further query parameters of the measure (`ozg=10119&ziel=RGM-1.1%3A3`), for links and the download. */
  query?: string;
  /** The OZG map's choice, for the form. */
  ozg?: { ozgId?: number; themenfeld?: string; target: string };
}

/** Adds one Gemeinde's counts to its unit's tally. */
function addToTally(t: Tally, row: GemeindeRow | undefined): void {
  const recorded = num(row?.recorded ?? 0);
  t.gemeinden += 1;
  t.recorded += recorded;
  if (recorded > 0) {
    t.withData += 1;
    t.inUse += num(row?.inUse ?? 0);
  }
  const status = row?.status ?? null;
  if (status !== null && status !== 'unknown') {
    t.known += 1;
    if (status === 'in-use') t.componentInUse += 1;
  }
  t.demo ||= num(row?.demo ?? 0) > 0;
}

/** Levels a map of this kind of area can colour, the default first. */
export function mapLevels(kind: Area['kind']): MapLevel[] {
  if (kind === 'germany') return ['land', 'kreis', 'gemeinde'];
  if (kind === 'land' || kind === 'regierungsbezirk') return ['kreis', 'gemeinde'];
  return ['gemeinde'];
}

/** A Gemeinde's own status of one component, as ordinal classes. */
const STATUS_CLASSES: MapClass[] = [
  { label: 'nicht genutzt oder abgeschaltet', below: 1 },
  { label: 'geplant', below: 2 },
  { label: 'im Einsatz', below: Infinity },
];
const STATUS_VALUE: Partial<Record<ComponentStatus, number>> = { 'not-used': 0, retired: 0, planned: 1, 'in-use': 2 };

/** Whether a measure names something this catalogue can map. */
export function knownMeasure(measure: MapMeasure, components: CatalogueEntry[]): boolean {
  return (
    measure === 'anzahl' ||
    measure === 'erfasst' ||
    measure === OZG_MEASURE ||
    measure === OPPORTUNITY_MEASURE ||
    components.some((c) => c.code === measure) ||
    operatorComponent(measure, components) !== null
  );
}

const oneDecimal = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 1 });

interface Tally {
  gemeinden: number;
  withData: number;
  inUse: number;
  recorded: number;
  known: number;
  componentInUse: number;
  demo: boolean;
}

function measureOf(
  measure: MapMeasure,
  components: CatalogueEntry[],
): { label: string; component: CatalogueEntry | null } {
  if (measure === 'anzahl') return { label: `Komponenten im Einsatz (von ${components.length})`, component: null };
  if (measure === 'erfasst') return { label: 'Erfasste Angaben (Anteil der Komponenten mit Eintrag)', component: null };
  const component = components.find((c) => c.code === measure) ?? null;
  return { label: component ? `${component.label}: im Einsatz` : measure, component };
}

/** Value, text and classes of one unit's tally. */
function valueOf(t: Tally, measure: MapMeasure, n: number, single: boolean, component: CatalogueEntry | null) {
  if (measure === 'erfasst') {
    const v = t.gemeinden === 0 ? null : (100 * t.recorded) / (n * t.gemeinden);
    return { value: v, text: v === null ? 'keine Gemeinden' : `${oneDecimal(v)} % erfasst` };
  }
  if (component === null) {
    const v = t.withData === 0 ? null : t.inUse / t.withData;
    const text =
      v === null
        ? 'keine Angaben'
        : single
          ? `${v} von ${n} im Einsatz`
          : `im Mittel ${oneDecimal(v)} von ${n} im Einsatz`;
    return { value: v, text };
  }
  const v = t.known === 0 ? null : (100 * t.componentInUse) / t.known;
  return { value: v, text: v === null ? 'keine Angaben' : `${oneDecimal(v)} % der Gemeinden mit Angabe nutzen sie` };
}

/**
 * Builds the map numbers of an area at a level for a measure (`ozg`: for the OZG-Leistung or
 * Themenfeld of `ozg`). Averages count only Gemeinden with
 * data (a Gemeinde without any record is "no data", not "nothing in use").
 */
export async function buildMapReport(
  manager: EntityManager,
  area: Area,
  level: MapLevel,
  measure: MapMeasure,
  ozg: OzgMapChoice = {},
): Promise<MapReport> {
  const components = await loadCatalogue(manager);
  if (measure === OZG_MEASURE) return buildOzgMapReport(manager, area, level, ozg, components);
  if (measure === OPPORTUNITY_MEASURE) return buildOpportunityMapReport(manager, area, level, components);
  const operatorMap = operatorComponent(measure, components);
  if (operatorMap) return buildOperatorMapReport(manager, area, level, operatorMap, components);
  const { label: measureLabel, component } = measureOf(measure, components);
  const rows = await loadGemeindeCounts(manager, area, component?.id ?? null);
  const names = await loadPlaceNames(manager, area.landKeys);
  const perUnit = groupUnits(
    area,
    level,
    names,
    (m) => rows.get(m.key)?.verbandKey ?? null,
    () => ({
      // The status of the unit's first Gemeinde: shown only where a unit is one Gemeinde.
      status: undefined as ComponentStatus | null | undefined,
      tally: { gemeinden: 0, withData: 0, inUse: 0, recorded: 0, known: 0, componentInUse: 0, demo: false } as Tally,
    }),
    (state, m) => {
      const row = rows.get(m.key);
      if (state.status === undefined) state.status = row?.status ?? null;
      addToTally(state.tally, row);
    },
  );
  const statusMap = level === 'gemeinde' && component !== null;
  const classes = measure === 'anzahl' ? COUNT_CLASSES : statusMap ? STATUS_CLASSES : SHARE_CLASSES;
  const units: MapUnit[] = [...perUnit].map(([key, { state, ...u }]) => {
    const status = state.status ?? null;
    let { value, text } = valueOf(state.tally, measure, components.length, level === 'gemeinde', component);
    if (statusMap) {
      value = status === null ? null : (STATUS_VALUE[status] ?? null);
      text = status === null ? 'keine Angabe' : COMPONENT_STATUS_LABELS[status];
    }
    return {
      key,
      name: u.name,
      href: u.href,
      group: u.group,
      members: u.members,
      value,
      valueText: text,
      classIndex: classify(classes, value),
      demo: state.tally.demo,
    };
  });
  return {
    areaKey: area.key,
    areaLabel: area.label,
    level,
    measure,
    measureLabel,
    outlineLabel: outlineLabelOf(area, level),
    classes,
    palette: 'sequential',
    units,
    components,
    demoData: units.some((u) => u.demo),
  };
}
