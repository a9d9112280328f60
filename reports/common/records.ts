import type { EntityManager } from 'typeorm';
import { OPERATOR_TYPE_LABELS, type ComponentStatus, type OperatorType } from '../../lib/vocabulary';
import { componentsByCode } from '../../services/component.service';
import type { Area } from '../area';
import { MUNICIPALITY_CONDITION, MUNICIPALITY_PARAMS, num, selectRows, timestamp } from './sql';

/*
 * The read models several reports share: the catalogue, the operators, and the stored records
 * of an area flat (landscape, fragmentation). A read model only one report needs lives in that
 * report's `queries.ts`.
 */

/** The `source` of records written by `demo load` (see `importers/demo/demo.writer.ts`). */
export const DEMO_SOURCE = 'demo';

/** A catalogue component as the reports use it. */
export interface CatalogueEntry {
  id: number;
  code: string;
  label: string;
}

/** An operator as reports show it. */
export interface OperatorRef {
  id: number;
  name: string;
  type: OperatorType;
  typeLabel: string;
}

/** One stored record, flat. */
export interface ReportRecord {
  regionId: number;
  componentId: number;
  status: ComponentStatus;
  operatorId: number | null;
  product: string | null;
  updatedAt: Date;
  /** Written by `demo load` (source `demo`): synthetic, never a real statement. */
  demo: boolean;
}

/** The component catalogue in display order. */
export async function loadCatalogue(manager: EntityManager): Promise<CatalogueEntry[]> {
  return [...(await componentsByCode(manager)).values()].map((c) => ({ id: c.id, code: c.code, label: c.label }));
}

/**
 * Every operator by id. There are a few thousand at most (one own-IT operator per
 * municipality at worst), so one unfiltered read is cheaper than an IN list.
 */
export async function loadOperators(manager: EntityManager): Promise<Map<number, OperatorRef>> {
  const rows = await selectRows<{ id: number; name: string; type: OperatorType }>(
    manager,
    'SELECT o.id AS "id", o.name AS "name", o.type AS "type" FROM operators o',
  );
  return new Map(
    rows.map((o) => [
      num(o.id),
      { id: num(o.id), name: o.name, type: o.type, typeLabel: OPERATOR_TYPE_LABELS[o.type] },
    ]),
  );
}

interface RecordRow {
  regionId: number;
  componentId: number;
  status: ComponentStatus;
  operatorId: number | null;
  product: string | null;
  updatedAt: unknown;
  source: string;
}

const RECORD_COLUMNS = `cr.region_id AS "regionId", cr.component_id AS "componentId", cr.status AS "status",
       cr.operator_id AS "operatorId", cr.product AS "product", cr.updated_at AS "updatedAt", cr.source AS "source"`;

function toRecords(rows: RecordRow[]): ReportRecord[] {
  return rows.map((r) => ({
    regionId: num(r.regionId),
    componentId: num(r.componentId),
    status: r.status,
    operatorId: r.operatorId === null ? null : num(r.operatorId),
    product: r.product,
    updatedAt: timestamp(r.updatedAt) as Date,
    demo: r.source === DEMO_SOURCE,
  }));
}

/** All records of the area's Gemeinden, in one query. */
export async function loadMunicipalityRecords(manager: EntityManager, area: Area): Promise<ReportRecord[]> {
  const rows = await selectRows<RecordRow>(
    manager,
    `SELECT ${RECORD_COLUMNS} FROM component_records cr JOIN regions r ON r.id = cr.region_id
      WHERE ${MUNICIPALITY_CONDITION} AND (${area.condition})`,
    [...MUNICIPALITY_PARAMS, ...area.params],
  );
  return toRecords(rows);
}

/** A Kreis or Gemeindeverband of the area that holds records of its own. */
export interface Administration {
  id: number;
  key: string;
  name: string;
  level: 'kreis' | 'gemeindeverband';
  typeLabel: string | null;
}

/** The Kreise and Gemeindeverbände of the area with records of their own, and those records. */
export async function loadAdministrationRecords(
  manager: EntityManager,
  area: Area,
): Promise<{ administrations: Administration[]; records: ReportRecord[] }> {
  const condition = `r.level IN ('kreis', 'gemeindeverband') AND r.is_current = ? AND (${area.condition})`;
  const rows = await selectRows<RecordRow>(
    manager,
    `SELECT ${RECORD_COLUMNS} FROM component_records cr JOIN regions r ON r.id = cr.region_id WHERE ${condition}`,
    [true, ...area.params],
  );
  const units = await selectRows<Administration>(
    manager,
    `SELECT r.id AS "id", r.key AS "key", r.name AS "name", r.level AS "level", r.type_label AS "typeLabel"
       FROM regions r WHERE ${condition} AND r.id IN (SELECT y.region_id FROM component_records y) ORDER BY r.key`,
    [true, ...area.params],
  );
  return { administrations: units.map((u) => ({ ...u, id: num(u.id) })), records: toRecords(rows) };
}
