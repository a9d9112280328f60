import type { EntityManager } from 'typeorm';
import { COMPONENT_STATUS_LABELS, COMPONENT_STATUSES, type ComponentStatus } from '../../lib/vocabulary';
import { areaView, resolveArea, UPPER_LEVEL_NOTE, type AreaView } from '../area';
import type { CatalogueEntry, OperatorRef, ReportRecord } from '../common/records';
import { withDemoNote } from '../common/wording';
import { loadLandscapeInputs } from './queries';

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

/** Every status and `not-recorded` at zero: the counts a {@link ComponentTotal} starts from. */
export function emptyStatusCounts(): ComponentTotal['counts'] {
  return Object.fromEntries([...COMPONENT_STATUSES, 'not-recorded'].map((s) => [s, 0])) as ComponentTotal['counts'];
}

function componentTotals(rows: LandscapeRow[], catalogue: CatalogueEntry[]): ComponentTotal[] {
  return catalogue.map((component) => {
    const counts = emptyStatusCounts();
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
  const { catalogue, operators, records, upper } = await loadLandscapeInputs(manager, area);
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
