import type { EntityManager } from 'typeorm';
import { ComponentRecord, type Component, type Operator, type Region } from '../entities';
import { Database } from '../entities/database';
import { rawQuery } from '../entities/raw-query';
import { entityTag } from '../lib/concurrency';
import { NotFoundError } from '../lib/errors';
import { recordSnapshot, type RecordSnapshot } from '../lib/inventory/record-content';
import { COMPONENT_STATUS_LABELS, type ComponentStatus, type RecordSource } from '../lib/vocabulary';
import { componentsByCode } from './component.service';
import { findMunicipality, regionView, type RegionView } from './region.service';

/** One component record as the API shows it. */
export interface ComponentRecordView {
  component: string;
  componentLabel: string;
  status: ComponentStatus;
  statusLabel: string;
  operator: { id: number; name: string; type: string } | null;
  product: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  /** A Landkreis runs the component for its Gemeinden too. */
  servesMembers: boolean;
  source: RecordSource;
  updatedAt: string;
}

/** A municipality's whole landscape. */
export interface LandscapeView {
  municipality: RegionView;
  components: ComponentRecordView[];
  /** Codes of catalogue components without a record (nothing known yet). */
  missingComponents: string[];
}

export type { RecordSnapshot } from '../lib/inventory/record-content';

/** A stored record with its operator, flat, as the one read query returns it. */
export interface RecordRow {
  id: number;
  componentId: number;
  status: ComponentStatus;
  operatorId: number | null;
  operatorName: string | null;
  operatorType: string | null;
  product: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  servesMembers: boolean;
  source: RecordSource;
  updatedAt: Date;
}

/**
 * The SQL of the records query, built once per database (`db.sql.built`) with TypeORM's query
 * builder (so quoting and placeholders fit the driver) and then reused: landscape reads are the
 * hot path and building the query each time cost more than running it.
 */
function recordsQuery(manager: EntityManager): string {
  return Database.of(manager.connection).sql.built('inventory-records', () => {
    const [sql] = manager
      .createQueryBuilder(ComponentRecord, 'cr')
      .leftJoin('cr.operator', 'o')
      .select('cr.id', 'id')
      .addSelect('cr.componentId', 'componentId')
      .addSelect('cr.status', 'status')
      .addSelect('o.id', 'operatorId')
      .addSelect('o.name', 'operatorName')
      .addSelect('o.type', 'operatorType')
      .addSelect('cr.product', 'product')
      .addSelect('cr.validFrom', 'validFrom')
      .addSelect('cr.validTo', 'validTo')
      .addSelect('cr.note', 'note')
      .addSelect('cr.servesMembers', 'servesMembers')
      .addSelect('cr.source', 'source')
      .addSelect('cr.updatedAt', 'updatedAt')
      // NOTE: a string placeholder value, because TypeORM inlines numeric literals on SQLite.
      .where('cr.regionId = :regionId', { regionId: 'region-id' })
      .getQueryAndParameters();
    return sql;
  });
}

/** SQLite returns timestamps as UTC text (`YYYY-MM-DD HH:MM:SS[.SSS]`), PostgreSQL as Date. */
function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}

/** All records of a region, with their operators, in one query. */
export async function readRecordRows(manager: EntityManager, regionId: number): Promise<RecordRow[]> {
  const raw = await rawQuery<Omit<RecordRow, 'updatedAt'> & { updatedAt: Date | string }>(
    manager,
    recordsQuery(manager),
    [regionId],
  );
  return raw.map((r) => ({
    ...r,
    id: Number(r.id),
    componentId: Number(r.componentId),
    operatorId: r.operatorId === null ? null : Number(r.operatorId),
    // NOTE: SQLite returns booleans as 0/1.
    servesMembers: Boolean(r.servesMembers),
    updatedAt: toDate(r.updatedAt),
  }));
}

/** The API view of a record row. */
export function rowView(row: RecordRow, component: Component): ComponentRecordView {
  return {
    component: component.code,
    componentLabel: component.label,
    status: row.status,
    statusLabel: COMPONENT_STATUS_LABELS[row.status],
    operator:
      row.operatorId === null
        ? null
        : { id: row.operatorId, name: row.operatorName ?? '', type: row.operatorType ?? '' },
    product: row.product,
    validFrom: row.validFrom,
    validTo: row.validTo,
    note: row.note,
    servesMembers: row.servesMembers,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The API view of a record entity (with its operator loaded). */
export function recordView(
  record: ComponentRecord,
  component: Component,
  operator: Operator | null,
): ComponentRecordView {
  return rowView(
    {
      ...record,
      operatorName: operator?.name ?? null,
      operatorType: operator?.type ?? null,
      updatedAt: toDate(record.updatedAt),
    },
    component,
  );
}

/** The audit snapshot of a view ({@link recordSnapshot}: drops ids, labels and timestamps). */
export function snapshotOfView(view: ComponentRecordView): RecordSnapshot {
  return recordSnapshot(view.component, view);
}

/** Builds the landscape view: records in catalogue order, and the components without one. */
export function landscapeOf(region: Region, rows: RecordRow[], catalogue: Map<string, Component>): LandscapeView {
  const byComponentId = new Map(rows.map((r) => [r.componentId, r]));
  const components: ComponentRecordView[] = [];
  const missingComponents: string[] = [];
  for (const component of catalogue.values()) {
    const row = byComponentId.get(component.id);
    if (row) components.push(rowView(row, component));
    else missingComponents.push(component.code);
  }
  return { municipality: regionView(region), components, missingComponents };
}

/** A municipality's landscape and its ETag. */
export async function getLandscape(
  manager: EntityManager,
  key: string,
): Promise<{ view: LandscapeView; etag: string }> {
  const region = await findMunicipality(manager, key);
  const view = landscapeOf(region, await readRecordRows(manager, region.id), await componentsByCode(manager));
  return { view, etag: entityTag(view) };
}

/** Finds a component in the (cached) catalogue or throws NotFoundError. */
export async function catalogueComponent(manager: EntityManager, code: string): Promise<Component> {
  const component = (await componentsByCode(manager)).get(code);
  if (!component) throw new NotFoundError(`Keine Basiskomponente mit dem Code „${code}“.`);
  return component;
}

/** One component record of a municipality and its ETag; 404 if nothing is recorded. */
export async function getComponentRecord(
  manager: EntityManager,
  key: string,
  code: string,
): Promise<{ view: ComponentRecordView; etag: string; row: RecordRow; region: Region; component: Component }> {
  const region = await findMunicipality(manager, key);
  const component = await catalogueComponent(manager, code);
  const row = (await readRecordRows(manager, region.id)).find((r) => r.componentId === component.id);
  if (!row) {
    throw new NotFoundError(`Für ${region.name} (${region.key}) ist zu „${component.label}“ nichts erfasst.`);
  }
  const view = rowView(row, component);
  return { view, etag: entityTag(view), row, region, component };
}
