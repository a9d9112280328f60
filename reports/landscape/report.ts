import type { EntityManager } from 'typeorm';
import {
  COMPONENT_STATUS_LABELS,
  COMPONENT_STATUSES,
  OPERATOR_TYPE_LABELS,
  OPERATOR_TYPES,
  type ComponentStatus,
  type OperatorType,
} from '../../lib/vocabulary';
import { areaView, loadPlaceNames, resolveArea, UPPER_LEVEL_NOTE, type AreaMunicipality, type AreaView } from '../area';
import { buildTable, fileStem, type ExportDocument, type ExportTable, type TableColumn } from '../export';
import {
  loadAdministrationRecords,
  loadCatalogue,
  loadKreisComponentCounts,
  loadMunicipalityRecords,
  loadOperators,
  type CatalogueEntry,
  type KreisComponentCount,
  type OperatorRef,
  type ReportRecord,
} from '../common/records';
import { kreisLabel, shortLabel, withDemoNote } from '../common/wording';

/** One cell of the matrix: what a municipality has recorded for one component. */
export interface LandscapeCell {
  status: ComponentStatus;
  statusLabel: string;
  operator: OperatorRef | null;
  product: string | null;
  updatedAt: string;
  /** Demo data (`demo load`): the status, operator and product are invented. */
  demo: boolean;
}

/** One row of the matrix: a Gemeinde, or a Kreis / Gemeindeverband in the separate section. */
export interface LandscapeRow {
  key: string;
  name: string;
  level: 'gemeinde' | 'kreis' | 'gemeindeverband';
  population: number | null;
  kreisKey: string | null;
  /** Components with status `in-use`. */
  inUseCount: number;
  /** Cells by component code; null where nothing is recorded. */
  cells: Record<string, LandscapeCell | null>;
}

/** Per component: how many Gemeinden have which status. */
export interface ComponentTotal {
  component: string;
  label: string;
  counts: Record<ComponentStatus | 'not-recorded', number>;
}

/** Per operator: whom it serves in the area. */
export interface OperatorTotal {
  operator: OperatorRef;
  /** Gemeinden with at least one record naming the operator. */
  municipalities: number;
  /** Records with status `in-use`. */
  inUse: number;
  /** In-use records by component code. */
  components: Record<string, number>;
}

/** The landscape matrix of an area: municipalities × components. */
export interface LandscapeReport {
  report: 'landscape';
  area: AreaView;
  generatedAt: string;
  notes: string[];
  /** True when any cell holds demo data (then the first note says so). */
  demoData: boolean;
  components: { code: string; label: string }[];
  municipalities: LandscapeRow[];
  /** Kreise and Gemeindeverbände with records of their own (not counted in the totals). */
  administrations: LandscapeRow[];
  componentTotals: ComponentTotal[];
  operatorTotals: OperatorTotal[];
}

function cellOf(record: ReportRecord, operators: Map<number, OperatorRef>): LandscapeCell {
  return {
    status: record.status,
    statusLabel: COMPONENT_STATUS_LABELS[record.status],
    operator: record.operatorId === null ? null : (operators.get(record.operatorId) ?? null),
    product: record.product,
    updatedAt: record.updatedAt.toISOString(),
    demo: record.demo,
  };
}

/** Whether any cell of these rows holds demo data. */
export function hasDemoCell(rows: LandscapeRow[]): boolean {
  return rows.some((row) => Object.values(row.cells).some((cell) => cell?.demo));
}

function groupByRegion(records: ReportRecord[]): Map<number, ReportRecord[]> {
  const byRegion = new Map<number, ReportRecord[]>();
  for (const record of records) {
    const list = byRegion.get(record.regionId);
    if (list) list.push(record);
    else byRegion.set(record.regionId, [record]);
  }
  return byRegion;
}

function rowOf(
  region: Pick<LandscapeRow, 'key' | 'name' | 'level' | 'population' | 'kreisKey'> & { id: number },
  records: ReportRecord[],
  catalogue: CatalogueEntry[],
  operators: Map<number, OperatorRef>,
): LandscapeRow {
  const byComponent = new Map(records.map((r) => [r.componentId, r]));
  const cells: Record<string, LandscapeCell | null> = {};
  let inUseCount = 0;
  for (const component of catalogue) {
    const record = byComponent.get(component.id);
    cells[component.code] = record ? cellOf(record, operators) : null;
    if (record?.status === 'in-use') inUseCount += 1;
  }
  return {
    key: region.key,
    name: region.name,
    level: region.level,
    population: region.population,
    kreisKey: region.kreisKey,
    inUseCount,
    cells,
  };
}

function componentTotals(rows: LandscapeRow[], catalogue: CatalogueEntry[]): ComponentTotal[] {
  return catalogue.map((component) => {
    const counts = Object.fromEntries(
      [...COMPONENT_STATUSES, 'not-recorded'].map((s) => [s, 0]),
    ) as ComponentTotal['counts'];
    for (const row of rows) counts[row.cells[component.code]?.status ?? 'not-recorded'] += 1;
    return { component: component.code, label: component.label, counts };
  });
}

function operatorTotals(rows: LandscapeRow[]): OperatorTotal[] {
  const totals = new Map<number, OperatorTotal>();
  for (const row of rows) {
    const seen = new Set<number>();
    for (const [code, cell] of Object.entries(row.cells)) {
      if (!cell?.operator) continue;
      let total = totals.get(cell.operator.id);
      if (!total) {
        total = { operator: cell.operator, municipalities: 0, inUse: 0, components: {} };
        totals.set(cell.operator.id, total);
      }
      if (!seen.has(cell.operator.id)) total.municipalities += 1;
      seen.add(cell.operator.id);
      if (cell.status === 'in-use') {
        total.inUse += 1;
        total.components[code] = (total.components[code] ?? 0) + 1;
      }
    }
  }
  return [...totals.values()].sort(
    (a, b) =>
      b.municipalities - a.municipalities || b.inUse - a.inUse || a.operator.name.localeCompare(b.operator.name, 'de'),
  );
}

/**
 * Builds the landscape matrix of an area (see `area.ts` for the accepted forms): one row per
 * Gemeinde with status, operator and product per component, the Kreis- and Verband-level
 * records in a separate section, totals per component (by status) and per operator. Four
 * queries whatever the size of the area.
 */
export async function buildLandscapeReport(manager: EntityManager, areaText: string): Promise<LandscapeReport> {
  const area = await resolveArea(manager, areaText);
  const [catalogue, operators, records, upper] = [
    await loadCatalogue(manager),
    await loadOperators(manager),
    await loadMunicipalityRecords(manager, area),
    await loadAdministrationRecords(manager, area),
  ];
  const byRegion = groupByRegion(records);
  const municipalities = area.municipalities.map((m) =>
    rowOf({ ...m, level: 'gemeinde' }, byRegion.get(m.id) ?? [], catalogue, operators),
  );
  const upperByRegion = groupByRegion(upper.records);
  const administrations = upper.administrations.map((a) =>
    rowOf({ ...a, population: null, kreisKey: a.key.slice(0, 5) }, upperByRegion.get(a.id) ?? [], catalogue, operators),
  );
  const demoData = records.some((r) => r.demo) || upper.records.some((r) => r.demo);
  return {
    report: 'landscape',
    area: areaView(area),
    generatedAt: new Date().toISOString(),
    notes: withDemoNote(demoData, [
      UPPER_LEVEL_NOTE,
      'Leere Zellen: zu dieser Komponente ist nichts erfasst (nicht dasselbe wie „nicht genutzt“).',
    ]),
    demoData,
    components: catalogue.map((c) => ({ code: c.code, label: c.label })),
    municipalities,
    administrations,
    componentTotals: componentTotals(municipalities, catalogue),
    operatorTotals: operatorTotals(municipalities),
  };
}

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
    const tally = Object.fromEntries(
      [...COMPONENT_STATUSES, 'not-recorded'].map((s) => [s, 0]),
    ) as ComponentTotal['counts'];
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

const LEVEL_LABELS: Record<LandscapeRow['level'], string> = {
  gemeinde: 'Gemeinde',
  kreis: 'Kreis',
  gemeindeverband: 'Gemeindeverband',
};

function matrixColumns(report: LandscapeReport): TableColumn<LandscapeRow>[] {
  const columns: TableColumn<LandscapeRow>[] = [
    { header: 'Ebene', value: (r) => LEVEL_LABELS[r.level] },
    { header: 'Schlüssel', value: (r) => r.key },
    { header: 'Name', value: (r) => r.name, width: 36 },
    { header: 'Einwohner', value: (r) => r.population },
    { header: 'Komponenten im Einsatz', value: (r) => r.inUseCount },
  ];
  for (const c of report.components) {
    columns.push(
      { header: `${c.label}: Status`, value: (r) => r.cells[c.code]?.statusLabel ?? '' },
      { header: `${c.label}: Betreiber`, value: (r) => r.cells[c.code]?.operator?.name ?? '' },
      { header: `${c.label}: Betreibertyp`, value: (r) => r.cells[c.code]?.operator?.typeLabel ?? '' },
      { header: `${c.label}: Produkt`, value: (r) => r.cells[c.code]?.product ?? '' },
    );
  }
  // Last, so the columns of existing spreadsheets keep their places.
  columns.push({ header: 'Demodaten (erfunden)', value: (r) => hasDemoCell([r]) });
  return columns;
}

const STATUS_SYMBOLS: Record<ComponentStatus, string> = {
  'in-use': '●',
  planned: '○',
  'not-used': '–',
  retired: '×',
  unknown: '?',
};

const LEGEND = '● im Einsatz, ○ geplant, – nicht genutzt, × abgeschaltet, ? unbekannt, · nichts erfasst';

function compactMatrix(name: string, report: LandscapeReport, rows: LandscapeRow[]): ExportTable {
  const columns: TableColumn<LandscapeRow>[] = [
    { header: 'Schlüssel', value: (r) => r.key },
    { header: 'Name', value: (r) => (hasDemoCell([r]) ? `${r.name} [Demodaten]` : r.name) },
    { header: 'Einwohner', value: (r) => r.population },
    ...report.components.map((c) => ({
      header: shortLabel(c.label),
      value: (r: LandscapeRow) => {
        const cell = r.cells[c.code];
        return cell ? STATUS_SYMBOLS[cell.status] : '·';
      },
    })),
    { header: 'im Einsatz', value: (r) => r.inUseCount },
  ];
  return buildTable(name, columns, rows);
}

function totalsTables(report: LandscapeReport): ExportTable[] {
  const statusColumns = [...COMPONENT_STATUSES, 'not-recorded' as const].map((s) => ({
    header: s === 'not-recorded' ? 'nichts erfasst' : COMPONENT_STATUS_LABELS[s],
    value: (t: ComponentTotal) => t.counts[s],
  }));
  return [
    buildTable(
      'Summen je Komponente',
      [{ header: 'Komponente', value: (t: ComponentTotal) => t.label }, ...statusColumns],
      report.componentTotals,
    ),
    buildTable(
      'Summen je Betreiber',
      [
        { header: 'Betreiber', value: (t: OperatorTotal) => t.operator.name, width: 40 },
        { header: 'Betreibertyp', value: (t) => t.operator.typeLabel },
        { header: 'Gemeinden', value: (t) => t.municipalities },
        { header: 'Komponenten im Einsatz', value: (t) => t.inUse },
        ...report.components.map((c) => ({
          header: shortLabel(c.label),
          value: (t: OperatorTotal) => t.components[c.code] ?? 0,
        })),
      ],
      report.operatorTotals,
    ),
  ];
}

/**
 * The landscape as an export document: the matrix (Gemeinden first, then Kreis- and
 * Verband-level rows, told apart by the column "Ebene") and the totals per component and
 * per operator.
 */
export function landscapeDocument(report: LandscapeReport): ExportDocument {
  const matrix = buildTable('Matrix', matrixColumns(report), [...report.municipalities, ...report.administrations]);
  const totals = totalsTables(report);
  return {
    title: `Komponentenlandschaft ${report.area.label}`,
    fileStem: fileStem('Komponentenlandschaft', report.area.label, report.generatedAt.slice(0, 10)),
    notes: report.notes,
    tables: [matrix, ...totals],
    terminalTables: [
      compactMatrix(`Gemeinden (${LEGEND})`, report, report.municipalities),
      ...(report.administrations.length > 0
        ? [compactMatrix('Kreis- und Verbandsebene (gesondert)', report, report.administrations)]
        : []),
      ...totals.map((t) => ({ ...t, rows: t.rows.slice(0, 20) })),
    ],
  };
}
