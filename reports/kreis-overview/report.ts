import type { EntityManager } from 'typeorm';
import { OPERATOR_TYPE_LABELS, OPERATOR_TYPES, COMPONENT_STATUSES, type OperatorType } from '../../lib/vocabulary';
import { areaView, loadPlaceNames, resolveArea, type AreaMunicipality, type AreaView } from '../area';
import { loadCatalogue, type CatalogueEntry } from '../common/records';
import { kreisLabel, withDemoNote } from '../common/wording';
import { emptyStatusCounts, type ComponentTotal } from '../landscape/report';
import { loadKreisComponentCounts, type KreisComponentCount } from './queries';

/** One component in one Kreis of the overview. */
export interface KreisOverviewCell {
  /** Gemeinden of the Kreis with the component in use. */
  inUse: number;
  /** `inUse` in percent of the Kreis's Gemeinden with data (one decimal); null without data. */
  share: number | null;
  /** The operator type of most in-use records (ties: catalogue order); null if none names an operator. */
  dominantType: OperatorType | null;
  dominantTypeLabel: string | null;
  /** In-use records run by the dominant type. */
  dominantCount: number;
  demo: boolean;
}

/** One Kreis of the overview. */
export interface KreisOverviewRow {
  key: string;
  name: string;
  label: string;
  landKey: string;
  landName: string;
  municipalities: number;
  population: number;
  withData: number;
  demoData: boolean;
  cells: Record<string, KreisOverviewCell>;
}

/**
 * The landscape of a large area (a Land, Germany) one row per Kreis instead of per Gemeinde:
 * per component the share of Gemeinden with data that have it in use and which type of
 * operator runs most of them. A Land has up to a few hundred Kreise, so the overview fits on
 * a page where the matrix of thousands of Gemeinden does not.
 */
export interface KreisOverview {
  area: AreaView;
  notes: string[];
  demoData: boolean;
  components: { code: string; label: string }[];
  kreise: KreisOverviewRow[];
  /** Per component over all Gemeinden of the area, as in the landscape report. */
  componentTotals: ComponentTotal[];
}

function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
}

function overviewCell(counts: KreisComponentCount[], withData: number): KreisOverviewCell {
  const inUse = counts.filter((c) => c.status === 'in-use');
  const byType = new Map<OperatorType, number>();
  for (const c of inUse) if (c.operatorType) byType.set(c.operatorType, (byType.get(c.operatorType) ?? 0) + c.records);
  let dominantType: OperatorType | null = null;
  for (const type of OPERATOR_TYPES) {
    if ((byType.get(type) ?? 0) > (dominantType ? (byType.get(dominantType) ?? 0) : 0)) dominantType = type;
  }
  const inUseCount = inUse.reduce((sum, c) => sum + c.records, 0);
  return {
    inUse: inUseCount,
    share: percentOf(inUseCount, withData),
    dominantType,
    dominantTypeLabel: dominantType ? OPERATOR_TYPE_LABELS[dominantType] : null,
    dominantCount: dominantType ? (byType.get(dominantType) ?? 0) : 0,
    demo: counts.some((c) => c.demoRecords > 0),
  };
}

function overviewTotals(
  counts: KreisComponentCount[],
  catalogue: CatalogueEntry[],
  municipalities: number,
): ComponentTotal[] {
  return catalogue.map((component) => {
    const tally = emptyStatusCounts();
    for (const c of counts) if (c.componentId === component.id) tally[c.status] += c.records;
    const recorded = COMPONENT_STATUSES.reduce((sum, s) => sum + tally[s], 0);
    tally['not-recorded'] = municipalities - recorded;
    return { component: component.code, label: component.label, counts: tally };
  });
}

/**
 * Builds the per-Kreis overview of an area (see {@link KreisOverview}) from two aggregate
 * queries: its cost depends on the number of Kreise, not of Gemeinden.
 */
export async function buildKreisOverview(manager: EntityManager, areaText: string): Promise<KreisOverview> {
  const area = await resolveArea(manager, areaText);
  const catalogue = await loadCatalogue(manager);
  const { counts, withData } = await loadKreisComponentCounts(manager, area);
  const names = await loadPlaceNames(manager, area.landKeys);
  const members = new Map<string, AreaMunicipality[]>();
  for (const m of area.municipalities) {
    if (m.kreisKey) members.set(m.kreisKey, [...(members.get(m.kreisKey) ?? []), m]);
  }
  const byKreis = new Map<string | null, KreisComponentCount[]>();
  for (const c of counts) byKreis.set(c.kreisKey, [...(byKreis.get(c.kreisKey) ?? []), c]);
  const kreise = [...members.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, gemeinden]): KreisOverviewRow => {
      const place = names.kreise.get(key);
      const mine = byKreis.get(key) ?? [];
      const data = withData.get(key) ?? 0;
      return {
        key,
        name: place?.name ?? key,
        label: kreisLabel(place?.name ?? key, place?.typeLabel ?? null),
        landKey: gemeinden[0].landKey,
        landName: names.laender.get(gemeinden[0].landKey) ?? gemeinden[0].landKey,
        municipalities: gemeinden.length,
        population: gemeinden.reduce((sum, m) => sum + m.population, 0),
        withData: data,
        demoData: mine.some((c) => c.demoRecords > 0),
        cells: Object.fromEntries(
          catalogue.map((component) => [
            component.code,
            overviewCell(
              mine.filter((c) => c.componentId === component.id),
              data,
            ),
          ]),
        ),
      };
    });
  const demoData = counts.some((c) => c.demoRecords > 0);
  return {
    area: areaView(area),
    notes: withDemoNote(demoData, [
      'Gezählt werden Gemeinden (ohne gemeindefreie Gebiete); eigene Einträge von Kreisen und Gemeindeverbänden zählen nicht mit.',
      'Je Kreis: Anteil der Gemeinden mit Angaben, die die Komponente im Einsatz haben, und die Art des Betreibers, ' +
        'der die meisten dieser Gemeinden versorgt. Gemeinden ohne Angaben zählen nicht mit – fehlende Angaben sind keine fehlenden Komponenten.',
    ]),
    demoData,
    components: catalogue.map((c) => ({ code: c.code, label: c.label })),
    kreise,
    componentTotals: overviewTotals(counts, catalogue, area.municipalities.length),
  };
}
