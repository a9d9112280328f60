import type { EntityManager } from 'typeorm';
import { ConnectableService as ServiceRow, Region, ServiceConnection as ConnectionRow } from '../entities';
import { selectWhereIn } from '../entities/bulk-write';
import { isPostgres } from '../entities/transaction';
import { assertPrecondition, entityTag, type Precondition } from '../lib/concurrency';
import {
  CONNECTION_STATUS_LABELS,
  isAvailableIn,
  SERVICE_KIND_LABELS,
  SERVICE_KINDS,
  type ConnectionStatus,
  type ServiceKind,
} from '../lib/connections';
import { ConflictError, NotFoundError } from '../lib/errors';
import type { MaturityModel } from '../lib/maturity';
import type { Actor } from '../lib/principal';
import type { AdminUnit } from './administrative-units';
import { recordAudit } from './audit.service';
import { findMunicipality } from './region.service';
import { assertWritable } from './write-refusal';

/** A connectable service (DOMAIN.md §5a, §6) as the domain uses it. */
export interface ConnectableService {
  id: number;
  code: string;
  name: string;
  kind: ServiceKind;
  /** Base component codes it provides to a connected municipality. */
  components: string[];
  /** OZG-IDs an online (EfA) service covers. */
  ozgIds: number[];
  /** Where municipalities can connect; empty: all of Germany. */
  landKeys: string[];
  operator: string;
  url: string | null;
  maturity: { model: MaturityModel; level: number } | null;
  source: string;
  note: string | null;
  active: boolean;
}

/** One municipality's connection to one service: which and how far. */
export interface ServiceConnection {
  serviceId: number;
  status: ConnectionStatus;
}

function serviceOf(row: ServiceRow): ConnectableService {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    components: row.components,
    ozgIds: row.ozgIds,
    landKeys: row.landKeys,
    operator: row.operator,
    url: row.url,
    maturity:
      row.maturityModel !== null && row.maturityLevel !== null
        ? { model: row.maturityModel, level: row.maturityLevel }
        : null,
    source: row.source,
    note: row.note,
    active: row.isActive,
  };
}

/** Federal services first, then Land, then EfA services; by name within a kind. */
function byKindThenName(a: ConnectableService, b: ConnectableService): number {
  return SERVICE_KINDS.indexOf(a.kind) - SERVICE_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name, 'de');
}

/** Every connectable service, active or not, federal first (a few dozen rows: one read). */
export async function loadConnectableServices(manager: EntityManager): Promise<ConnectableService[]> {
  return (await manager.find(ServiceRow)).map(serviceOf).sort(byKindThenName);
}

/** The active services a municipality of this Land can connect to. */
export function servicesAvailableTo(services: readonly ConnectableService[], landKey: string): ConnectableService[] {
  return services.filter((s) => isAvailableIn(s, landKey));
}

/** The active services of this Land that provide a base component, federal first. */
export function servicesProviding(
  services: readonly ConnectableService[],
  landKey: string,
  componentCode: string,
): ConnectableService[] {
  return services.filter((s) => s.components.includes(componentCode) && isAvailableIn(s, landKey));
}

/**
 * The recorded connections of the given regions, by region id (regions without any are
 * absent). Chunked, so a report can ask for every Gemeinde of Germany at once.
 */
export async function loadConnections(
  manager: EntityManager,
  regionIds: number[],
): Promise<Map<number, ServiceConnection[]>> {
  const rows = await selectWhereIn<{ regionId: unknown; serviceId: unknown; status: ConnectionStatus }>(
    manager,
    (list) =>
      `SELECT sc.region_id AS "regionId", sc.service_id AS "serviceId", sc.status AS "status"
         FROM service_connections sc WHERE sc.region_id IN (${list}) ORDER BY sc.region_id, sc.service_id`,
    [...new Set(regionIds)],
  );
  const byRegion = new Map<number, ServiceConnection[]>();
  for (const row of rows) {
    const regionId = Number(row.regionId);
    let list = byRegion.get(regionId);
    if (!list) byRegion.set(regionId, (list = []));
    list.push({ serviceId: Number(row.serviceId), status: row.status });
  }
  return byRegion;
}

/** A connectable service as the API shows it (natural key `code`, no internal id). */
export interface ConnectableServiceView {
  code: string;
  name: string;
  kind: ServiceKind;
  kindLabel: string;
  components: string[];
  ozgIds: number[];
  landKeys: string[];
  operator: string;
  url: string | null;
  maturity: { model: MaturityModel; level: number } | null;
  source: string;
  note: string | null;
  active: boolean;
}

/** Maps a service to its API view. */
export function connectableServiceView(s: ConnectableService): ConnectableServiceView {
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    kindLabel: SERVICE_KIND_LABELS[s.kind],
    components: s.components,
    ozgIds: s.ozgIds,
    landKeys: s.landKeys,
    operator: s.operator,
    url: s.url,
    maturity: s.maturity,
    source: s.source,
    note: s.note,
    active: s.active,
  };
}

/** The catalogue of connectable services; with `land`, only those active and offered there. */
export async function listConnectableServices(
  manager: EntityManager,
  filter: { land?: string } = {},
): Promise<ConnectableServiceView[]> {
  const all = await loadConnectableServices(manager);
  return (filter.land ? servicesAvailableTo(all, filter.land) : all).map(connectableServiceView);
}

/** A municipality's connection to one service, as the API shows it. */
export interface ConnectionView {
  service: string;
  serviceName: string;
  status: ConnectionStatus;
  statusLabel: string;
  note: string | null;
  updatedAt: string;
  updatedBy: string;
}

function connectionView(row: ConnectionRow, service: ConnectableService): ConnectionView {
  return {
    service: service.code,
    serviceName: service.name,
    status: row.status,
    statusLabel: CONNECTION_STATUS_LABELS[row.status],
    note: row.note,
    updatedAt: new Date(row.updatedAt).toISOString(),
    updatedBy: row.updatedBy,
  };
}

/** One line of a municipality's connections: a service and its connection, if any. */
export interface ConnectionLine {
  service: ConnectableServiceView;
  connection: ConnectionView | null;
}

/** What `GET /api/municipalities/{key}/connections` answers. */
export interface MunicipalityConnectionsView {
  municipality: { key: string; name: string; landKey: string };
  /** The services of the Land, then any other service the municipality has a connection to. */
  services: ConnectionLine[];
}

/**
 * The services a municipality can connect to, each with its connection (or null), plus
 * connections to services no longer offered there (replaced, switched off), so none is hidden.
 */
export async function getMunicipalityConnections(
  manager: EntityManager,
  key: string,
): Promise<{ view: MunicipalityConnectionsView; etag: string }> {
  const region = await findMunicipality(manager, key);
  const services = await loadConnectableServices(manager);
  const rows = await manager.find(ConnectionRow, { where: { regionId: region.id } });
  const byService = new Map(rows.map((r) => [r.serviceId, r]));
  const lines = services
    .filter((s) => isAvailableIn(s, region.landKey) || byService.has(s.id))
    .map((s) => {
      const row = byService.get(s.id);
      return { service: connectableServiceView(s), connection: row ? connectionView(row, s) : null };
    });
  const view = {
    municipality: { key: region.key, name: region.name, landKey: region.landKey },
    services: lines,
  };
  return { view, etag: entityTag(view) };
}

async function serviceByCode(manager: EntityManager, code: string): Promise<ConnectableService> {
  const row = await manager.findOne(ServiceRow, { where: { code } });
  if (!row) throw new NotFoundError(`Kein anschließbarer Dienst mit dem Code ${code}.`);
  return serviceOf(row);
}

/** One connection and its ETag; 404 when the municipality has none to this service. */
export async function getConnection(
  manager: EntityManager,
  key: string,
  code: string,
): Promise<{ view: ConnectionView; etag: string }> {
  const region = await findMunicipality(manager, key);
  const service = await serviceByCode(manager, code);
  const row = await manager.findOne(ConnectionRow, { where: { regionId: region.id, serviceId: service.id } });
  if (!row) throw new NotFoundError(`${region.name} (${region.key}) hat keinen Anschluss an ${service.name} erfasst.`);
  const view = connectionView(row, service);
  return { view, etag: entityTag(view) };
}

/** What a client sends for a connection. */
export interface ConnectionInput {
  status: ConnectionStatus;
  note?: string | null;
}

/** Arguments of a conditional connection write. */
export interface ConnectionWriteArgs {
  key: string;
  code: string;
  actor: Actor;
  precondition: Precondition;
}

/** The audit snapshot of a connection: natural keys, no timestamps. */
function snapshot(
  service: ConnectableService,
  values: { status: ConnectionStatus; note: string | null },
): Record<string, unknown> {
  return { service: service.code, serviceName: service.name, status: values.status, note: values.note };
}

/**
 * Opens a municipality for a connection write: it exists, the caller may write it (editors
 * only within their scope, as for component records), it is current, and other writers of it
 * wait (a row lock on PostgreSQL; SQLite transactions are queued anyway).
 */
async function openForWrite(
  tx: EntityManager,
  args: ConnectionWriteArgs,
): Promise<{ region: Region; service: ConnectableService; row: ConnectionRow | null }> {
  const region = await findMunicipality(tx, args.key);
  await assertWritable(tx, args.actor.principal, region);
  if (isPostgres(tx.connection)) {
    await tx
      .createQueryBuilder(Region, 'r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id: region.id })
      .getOne();
  }
  const service = await serviceByCode(tx, args.code);
  const row = await tx.findOne(ConnectionRow, { where: { regionId: region.id, serviceId: service.id } });
  return { region, service, row };
}

/**
 * Records (or changes) a municipality's connection to a service under optimistic concurrency,
 * like a component record: an existing connection needs `If-Match`. The service must be
 * offered in the municipality's Land and still active. An input equal to the stored state
 * writes nothing; every change writes an audit event, so it shows in the municipality's
 * history. Runs inside the caller's transaction.
 */
export async function putConnection(
  tx: EntityManager,
  args: ConnectionWriteArgs & { input: ConnectionInput },
): Promise<{ view: ConnectionView; etag: string; created: boolean }> {
  const { region, service, row } = await openForWrite(tx, args);
  assertPrecondition(args.precondition, row ? entityTag(connectionView(row, service)) : null);
  if (!isAvailableIn(service, region.landKey)) {
    throw new ConflictError(
      service.active
        ? `${service.name} wird Kommunen in diesem Land nicht angeboten; ${region.name} (${region.key}) kann sich nicht anschließen.`
        : `${service.name} wird nicht mehr angeboten; ein Anschluss kann nur noch entfernt werden.`,
    );
  }
  const values = { status: args.input.status, note: args.input.note?.trim() || null };
  const before = row ? snapshot(service, row) : null;
  const after = snapshot(service, values);
  if (row && JSON.stringify(before) === JSON.stringify(after)) {
    const view = connectionView(row, service);
    return { view, etag: entityTag(view), created: false };
  }
  const written = { ...values, updatedAt: new Date(), updatedBy: args.actor.principal.name };
  if (row) await tx.update(ConnectionRow, { id: row.id }, written);
  else await tx.insert(ConnectionRow, { ...written, regionId: region.id, serviceId: service.id });
  await recordAudit(tx, args.actor, {
    action: row ? 'service-connection.updated' : 'service-connection.created',
    entityType: 'service-connection',
    entityKey: `${region.key}/${service.code}`,
    regionId: region.id,
    before,
    after,
  });
  const saved = await tx.findOneOrFail(ConnectionRow, { where: { regionId: region.id, serviceId: service.id } });
  const view = connectionView(saved, service);
  return { view, etag: entityTag(view), created: row === null };
}

/**
 * Removes a municipality's connection to a service (with `If-Match`), also to a service no
 * longer offered; the audit event keeps what it was. Runs inside the caller's transaction.
 */
export async function deleteConnection(tx: EntityManager, args: ConnectionWriteArgs): Promise<void> {
  const { region, service, row } = await openForWrite(tx, args);
  if (!row) throw new NotFoundError(`${region.name} (${region.key}) hat keinen Anschluss an ${service.name} erfasst.`);
  assertPrecondition(args.precondition, entityTag(connectionView(row, service)));
  await tx.delete(ConnectionRow, { id: row.id });
  await recordAudit(tx, args.actor, {
    action: 'service-connection.deleted',
    entityType: 'service-connection',
    entityKey: `${region.key}/${service.code}`,
    regionId: region.id,
    before: snapshot(service, row),
    after: null,
  });
}

/**
 * The services each unit is connected to live (status `live`, service active): its own
 * connections and, for a member Gemeinde, its Verband's (the Verband is its administration).
 */
export async function loadLiveServices(
  manager: EntityManager,
  units: AdminUnit[],
): Promise<Map<number, ConnectableService[]>> {
  const out = new Map<number, ConnectableService[]>();
  if (units.length === 0) return out;
  const verbandKeys = [
    ...new Set(units.filter((u) => u.kind === 'gemeinde' && u.verbandType !== null).map((u) => u.verbandKey as string)),
  ];
  const verbandIds = new Map(
    (
      await selectWhereIn<{ id: number | string; key: string }>(
        manager,
        (list) => `SELECT "id" AS "id", "key" AS "key" FROM "regions" WHERE "key" IN (${list})`,
        verbandKeys,
      )
    ).map((r) => [r.key, Number(r.id)]),
  );
  const connections = await loadConnections(manager, [...units.map((u) => u.id), ...verbandIds.values()]);
  if (connections.size === 0) return out;
  const services = new Map((await loadConnectableServices(manager)).filter((s) => s.active).map((s) => [s.id, s]));
  const liveOf = (regionId: number | undefined) =>
    (regionId === undefined ? [] : (connections.get(regionId) ?? []))
      .filter((c) => c.status === 'live')
      .map((c) => services.get(c.serviceId))
      .filter((s): s is ConnectableService => s !== undefined);
  for (const unit of units) {
    const own = liveOf(unit.id);
    const ofVerband =
      unit.kind === 'gemeinde' && unit.verbandType !== null ? liveOf(verbandIds.get(unit.verbandKey as string)) : [];
    const all = [...own, ...ofVerband.filter((s) => !own.includes(s))];
    if (all.length > 0) out.set(unit.id, all);
  }
  return out;
}
