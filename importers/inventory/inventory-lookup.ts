import type { EntityManager } from 'typeorm';
import type { Component } from '../../entities';
import { selectWhereIn } from '../../entities/bulk-write';
import { isPostgres } from '../../entities/transaction';
import type { WriteTarget } from '../../lib/inventory/write-refusal';
import { searchKey } from '../../lib/text';
import type { ComponentStatus } from '../../lib/vocabulary';
import { componentsByCode } from '../../services/component.service';
import { OperatorCache } from '../../services/operator-resolution';
import type { InventoryRow } from './inventory-rows';
import { componentSynonyms } from './inventory-synonyms';

/** The columns of a region the import needs: id, name and what the write rule reads ({@link WriteTarget}). */
export interface RegionRef extends WriteTarget {
  id: number;
  name: string;
}

/** A stored component record with its operator, as the diff compares it. */
export interface StoredRecord {
  id: number;
  regionId: number;
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
  /** `demo` for generated records: an imported row replaces them even with the same content. */
  source: string;
}

/** Everything the checks and the diff read from the database, loaded up front in a few queries. */
export interface InventoryLookup {
  regions: Map<string, RegionRef>;
  /** Catalogue components by code and by folded German label. */
  components: Map<string, Component>;
  componentCodes: string[];
  /** "Formularserver (form-server), E-Payment (epayment), …" for messages: German first. */
  componentTitles: string;
  operators: OperatorCache;
  /** Stored records by {@link RecordKeys.key}. */
  stored: Map<number, StoredRecord>;
  keys: RecordKeys;
}

/**
 * Keys of records (region × component) for maps: region id × catalogue size + the
 * component's position in the catalogue.
 * NOTE: small integers on purpose. V8 hashes small integers fastest; string keys or keys
 * beyond 2^30 (heap numbers) made the map lookups a third of the planning time at 100,000 rows.
 */
export class RecordKeys {
  private readonly position = new Map<number, number>();

  constructor(componentIds: number[]) {
    componentIds.forEach((id, index) => this.position.set(id, index));
  }

  key(regionId: number, componentId: number): number {
    return regionId * this.position.size + (this.position.get(componentId) ?? 0);
  }
}

async function loadRegions(manager: EntityManager, keys: string[], lock: boolean): Promise<Map<string, RegionRef>> {
  // NOTE: on PostgreSQL a real run locks the municipalities it reads, as single-record writes
  // do (`lockMunicipality`), so no API write slips in between the diff and the write.
  const forUpdate = lock && isPostgres(manager.connection) ? ' FOR UPDATE' : '';
  const rows = await selectWhereIn<RegionRef & { isCurrent: boolean | number }>(
    manager,
    (list) =>
      'SELECT "id", "key", "level", "name", "land_key" AS "landKey", "rb_key" AS "rbKey", "kreis_key" AS "kreisKey", ' +
      `"verband_key" AS "verbandKey", "is_current" AS "isCurrent", "successor_key" AS "successorKey" ` +
      `FROM "regions" WHERE "key" IN (${list})${forUpdate}`,
    keys,
  );
  return new Map(rows.map((r) => [r.key, { ...r, id: Number(r.id), isCurrent: Boolean(r.isCurrent) }]));
}

/** Loads the stored records of the given regions, with their operators' names and types. */
export async function loadStoredRecords(
  manager: EntityManager,
  regionIds: number[],
  keys: RecordKeys,
): Promise<Map<number, StoredRecord>> {
  const rows = await selectWhereIn<StoredRecord>(
    manager,
    (list) =>
      'SELECT cr."id", cr."region_id" AS "regionId", cr."component_id" AS "componentId", cr."status", ' +
      'cr."operator_id" AS "operatorId", o."name" AS "operatorName", o."type" AS "operatorType", cr."product", ' +
      'cr."valid_from" AS "validFrom", cr."valid_to" AS "validTo", cr."note", cr."serves_members" AS "servesMembers", cr."source" ' +
      'FROM "component_records" cr ' +
      `LEFT JOIN "operators" o ON o."id" = cr."operator_id" WHERE cr."region_id" IN (${list})`,
    regionIds,
  );
  const stored = new Map<number, StoredRecord>();
  for (const r of rows) {
    const record = { ...r, id: Number(r.id), regionId: Number(r.regionId), componentId: Number(r.componentId) };
    record.operatorId = r.operatorId === null ? null : Number(r.operatorId);
    record.servesMembers = Boolean(r.servesMembers);
    stored.set(keys.key(record.regionId, record.componentId), record);
  }
  return stored;
}

async function loadComponents(
  manager: EntityManager,
): Promise<{ byAlias: Map<string, Component>; codes: string[]; ids: number[]; titles: string }> {
  const catalogue = await componentsByCode(manager);
  const byAlias = new Map<string, Component>();
  for (const component of catalogue.values()) {
    byAlias.set(searchKey(component.label), component);
    byAlias.set(searchKey(component.label.replace(/\s*\(.*\)\s*$/, '')), component);
  }
  // Common German names ("Servicekonto", "Bezahlung"), as data with their sources.
  for (const [synonym, code] of componentSynonyms()) {
    const component = catalogue.get(code);
    if (component) byAlias.set(synonym, component);
  }
  for (const component of catalogue.values()) byAlias.set(component.code, component);
  const titles = [...catalogue.values()].map((c) => `${c.label.replace(/\s*\(.*\)\s*$/, '')} (${c.code})`).join(', ');
  return { byAlias, codes: [...catalogue.keys()], ids: [...catalogue.values()].map((c) => c.id), titles };
}

/**
 * Loads regions (only the keys named in the file), the component catalogue and every
 * operator. Stored records follow once the rows' regions are known to be writable
 * ({@link loadStoredRecords}). `lock` locks the regions on PostgreSQL (real runs).
 */
export async function loadLookup(
  manager: EntityManager,
  rows: InventoryRow[],
  lock: boolean,
): Promise<InventoryLookup> {
  // Sorted, so concurrent runs lock shared regions in the same order (no deadlock on PostgreSQL).
  const keys = [...new Set(rows.map((r) => r.ags).filter((k): k is string => k !== undefined))].sort();
  const regions = keys.length > 0 ? await loadRegions(manager, keys, lock) : new Map<string, RegionRef>();
  const { byAlias, codes, ids, titles } = await loadComponents(manager);
  const operators = new OperatorCache();
  await operators.preload(manager);
  return {
    regions,
    components: byAlias,
    componentCodes: codes,
    componentTitles: titles,
    operators,
    stored: new Map(),
    keys: new RecordKeys(ids),
  };
}
