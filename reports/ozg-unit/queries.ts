import type { EntityManager } from 'typeorm';
import { Region } from '../../entities';
import { findOneByColumn } from '../../entities/fast-find';
import type { ConnectionStatus } from '../../lib/connections';
import type { MaturityModel, MaturityTarget, OfferingSource, OfferingStatus } from '../../lib/maturity';
import { loadComponentsInUse, type ComponentsInUse } from '../../services/components-in-use';
import {
  loadConnectableServices,
  loadConnections,
  servicesAvailableTo,
  type ConnectableService,
} from '../../services/connectable-services';
import { findMunicipality } from '../../services/region.service';
import { num, placeholders, selectRows } from '../common/sql';
import { isKreisfreieStadt, resolveUnit, type GapUnit } from '../gaps/area';
import { scanOfferings, type BestOffering } from '../gaps/offering-scan';
import { loadCatalogue, loadComponentLabels, type Catalogue, type CatalogueFilter } from '../gaps/queries';
import { Responsibility } from '../gaps/responsibility-queries';

/** The region whose unit report to show, or the key of the Gemeinde that carries it instead. */
export type UnitRegion = { region: Region; gemeindeKey?: undefined } | { region?: undefined; gemeindeKey: string };

/**
 * The region of a unit report: a Gemeinde, a Gemeindeverband (for the tasks it runs for its
 * members) or a Landkreis; 404 for anything else. A kreisfreie Stadt's Kreis record names its
 * Gemeinde instead, which carries its Kreis tasks.
 */
export async function findUnitRegion(manager: EntityManager, ags: string): Promise<UnitRegion> {
  const region = await findMunicipality(manager, ags);
  if (isKreisfreieStadt(region)) {
    const city = await findOneByColumn(manager, Region, 'key', `${region.key}000`);
    if (city) return { gemeindeKey: city.key };
  }
  return { region };
}

/** An offering of the unit that is not online (planned, in progress, …), by Leistung id. */
export interface PendingOffering {
  status: OfferingStatus;
  url: string | null;
  source: OfferingSource;
}

/** What the report of one unit is built from. */
export interface UnitInputs {
  unit: GapUnit;
  catalogue: Catalogue;
  responsibility: Responsibility;
  /** The unit's components: its own records and those inherited from its Verband or Landkreis. */
  inUse: ComponentsInUse;
  /** German component labels by code. */
  labels: Map<string, string>;
  /** The federal, Land and EfA services open to the unit's Land. */
  services: ConnectableService[];
  /** The unit's recorded connection status by service id. */
  statuses: Map<number, ConnectionStatus>;
  /** The unit's best online offering by Leistung index (own, inherited or by connection). */
  offerings: Map<number, BestOffering>;
  /** The unit's offerings that are not online, by Leistung id. */
  notOnline: Map<number, PendingOffering>;
}

/**
 * The per-unit report's read model: the unit, the catalogue and who carries what, the unit's
 * components, services and connections, and its offerings — a fixed number of queries.
 */
export async function loadUnitInputs(
  manager: EntityManager,
  key: string,
  target: MaturityTarget,
  filter: CatalogueFilter,
): Promise<UnitInputs> {
  const unit = await resolveUnit(manager, key);
  const catalogue = await loadCatalogue(manager, filter);
  const responsibility = await Responsibility.load(manager, catalogue, [unit.landKey], [unit]);
  const inUse = (await loadComponentsInUse(manager, [unit])).get(unit.id) as ComponentsInUse;
  const labels = await loadComponentLabels(manager);
  const services = servicesAvailableTo(await loadConnectableServices(manager), unit.landKey);
  const statuses = new Map(
    ((await loadConnections(manager, [unit.id])).get(unit.id) ?? []).map((c) => [c.serviceId, c.status]),
  );
  const offerings = new Map<number, BestOffering>();
  await scanOfferings(manager, [unit], catalogue, target, (_u, k, offering) => offerings.set(k, offering));
  const statusRows = await selectRows<{
    leistungId: number | string;
    status: OfferingStatus;
    url: string | null;
    source: OfferingSource;
  }>(
    manager,
    `SELECT o.leistung_id AS "leistungId", o.status AS "status", o.url AS "url", o.source AS "source" FROM offerings o WHERE o.region_id = ? AND o.status <> 'online'`,
    [unit.id],
  );
  const notOnline = new Map(
    statusRows.map((r): [number, PendingOffering] => [
      num(r.leistungId),
      { status: r.status, url: r.url, source: r.source },
    ]),
  );
  return { unit, catalogue, responsibility, inUse, labels, services, statuses, offerings, notOnline };
}

/** Another unit's online offering of a Leistung, with the form server it runs (when recorded). */
export interface NearbyOffering {
  leistungId: number;
  key: string;
  name: string;
  /** The region level of the offering unit (`gemeinde`, `kreis`, `land`, …). */
  level: string;
  url: string | null;
  model: MaturityModel | null;
  maturity: number | null;
  product: string | null;
  operator: string | null;
}

/** The form server product and operator each of these regions runs (in use), by region key. */
async function loadFormServers(
  manager: EntityManager,
  keys: string[],
): Promise<Map<string, { product: string | null; operator: string | null }>> {
  if (keys.length === 0) return new Map();
  const rows = await selectRows<{ key: string; product: string | null; operator: string | null }>(
    manager,
    `SELECT r.key AS "key", cr.product AS "product", op.name AS "operator"
       FROM component_records cr JOIN components c ON c.id = cr.component_id JOIN regions r ON r.id = cr.region_id
       LEFT JOIN operators op ON op.id = cr.operator_id
      WHERE c.code = 'form-server' AND cr.status = 'in-use' AND r.key IN (${placeholders(keys.length)})`,
    keys,
  );
  return new Map(rows.map((r) => [r.key, { product: r.product, operator: r.operator }]));
}

/**
 * Who else offers these Leistungen online: units of the same Kreis, the Kreis, the Land (two
 * queries: the offerings, then the form servers of the units that have them).
 */
export async function loadNearbyOfferings(
  manager: EntityManager,
  unit: GapUnit,
  leistungIds: number[],
): Promise<NearbyOffering[]> {
  if (leistungIds.length === 0) return [];
  const nearby = unit.kreisKey ? 'r.key = ? OR r.kreis_key = ? OR r.key = ?' : 'r.key = ?';
  const rows = await selectRows<{
    leistungId: number | string;
    key: string;
    name: string;
    level: string;
    url: string | null;
    model: MaturityModel | null;
    maturity: number | string | null;
  }>(
    manager,
    `SELECT o.leistung_id AS "leistungId", r.key AS "key", r.name AS "name", r.level AS "level", o.url AS "url",
            o.maturity_model AS "model", o.maturity_level AS "maturity"
       FROM offerings o JOIN regions r ON r.id = o.region_id
      WHERE o.status = 'online' AND r.id <> ? AND (${nearby})
        AND o.leistung_id IN (${placeholders(leistungIds.length)})`,
    [unit.id, unit.landKey, ...(unit.kreisKey ? [unit.kreisKey, unit.kreisKey] : []), ...leistungIds],
  );
  const products = await loadFormServers(manager, [...new Set(rows.map((r) => r.key))]);
  return rows.map((row) => ({
    ...row,
    leistungId: num(row.leistungId),
    maturity: row.maturity === null ? null : num(row.maturity),
    product: products.get(row.key)?.product ?? null,
    operator: products.get(row.key)?.operator ?? null,
  }));
}
