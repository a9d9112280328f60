import type { EntityManager } from 'typeorm';
import type { ComponentStatus } from '../../lib/vocabulary';
import type { Area } from '../area';
import { DEMO_SOURCE } from '../common/records';
import { MUNICIPALITY_CONDITION, MUNICIPALITY_PARAMS, num, placeholders, selectRows } from '../common/sql';

/*
 * The opportunities report's read models: the statuses of the area's Gemeinden, who serves how
 * many Gemeinden per Kreis and Land, and the in-use records next door. The catalogue and the
 * operators come from `common/records.ts`, the connectable services from their service.
 */

/** A recorded status; `demo` when the record is from `demo load`. */
export interface RecordedStatus {
  status: ComponentStatus;
  demo: boolean;
  operatorId: number | null;
}

/** Status per Gemeinde and component index (undefined = nothing recorded), in one query. */
export async function loadStatuses(
  manager: EntityManager,
  area: Area,
  index: Map<number, number>,
): Promise<Map<number, (RecordedStatus | undefined)[]>> {
  const rows = await selectRows<{
    regionId: number;
    componentId: number;
    status: ComponentStatus;
    source: string;
    operatorId: number | null;
  }>(
    manager,
    `SELECT cr.region_id AS "regionId", cr.component_id AS "componentId", cr.status AS "status", cr.source AS "source",
            cr.operator_id AS "operatorId"
       FROM component_records cr JOIN regions r ON r.id = cr.region_id
      WHERE ${MUNICIPALITY_CONDITION} AND (${area.condition})`,
    [...MUNICIPALITY_PARAMS, ...area.params],
  );
  const statuses = new Map<number, (RecordedStatus | undefined)[]>();
  for (const row of rows) {
    const position = index.get(num(row.componentId));
    if (position === undefined) continue;
    const regionId = num(row.regionId);
    let list = statuses.get(regionId);
    if (!list) statuses.set(regionId, (list = new Array(index.size)));
    list[position] = {
      status: row.status,
      demo: row.source === DEMO_SOURCE,
      operatorId: row.operatorId === null ? null : num(row.operatorId),
    };
  }
  return statuses;
}

/** Gemeinden one operator serves with one component (in use) in one Kreis, with their population. */
export interface ServedRow {
  landKey: string;
  kreisKey: string | null;
  componentId: number;
  operatorId: number;
  municipalities: number;
  population: number;
  /** Of `municipalities`: records from `demo load`. */
  demoRecords: number;
}

/** The Gemeinden of one Kreis (of a Land, for Gemeinden outside any Kreis) and their population. */
export interface KreisTotalRow {
  landKey: string;
  kreisKey: string | null;
  municipalities: number;
  population: number;
}

/**
 * For the Gemeinden of the given Länder (at least one): the in-use records with an operator
 * grouped by Kreis, component and operator, and the Gemeinden per Kreis — two aggregate queries.
 */
export async function loadServedRows(
  manager: EntityManager,
  landKeys: string[],
): Promise<{ served: ServedRow[]; totals: KreisTotalRow[] }> {
  const inLaender = `r.land_key IN (${placeholders(landKeys.length)})`;
  const served = await selectRows<{
    landKey: string;
    kreisKey: string | null;
    componentId: unknown;
    operatorId: unknown;
    n: unknown;
    population: unknown;
    demo: unknown;
  }>(
    manager,
    `SELECT r.land_key AS "landKey", r.kreis_key AS "kreisKey", cr.component_id AS "componentId",
            cr.operator_id AS "operatorId", COUNT(*) AS "n", SUM(COALESCE(r.population, 0)) AS "population",
            SUM(CASE WHEN cr.source = '${DEMO_SOURCE}' THEN 1 ELSE 0 END) AS "demo"
       FROM component_records cr JOIN regions r ON r.id = cr.region_id
      WHERE ${MUNICIPALITY_CONDITION} AND ${inLaender} AND cr.status = 'in-use' AND cr.operator_id IS NOT NULL
      GROUP BY r.land_key, r.kreis_key, cr.component_id, cr.operator_id`,
    [...MUNICIPALITY_PARAMS, ...landKeys],
  );
  const totals = await selectRows<{ landKey: string; kreisKey: string | null; n: unknown; population: unknown }>(
    manager,
    `SELECT r.land_key AS "landKey", r.kreis_key AS "kreisKey", COUNT(*) AS "n", SUM(COALESCE(r.population, 0)) AS "population"
       FROM regions r WHERE ${MUNICIPALITY_CONDITION} AND ${inLaender} GROUP BY r.land_key, r.kreis_key`,
    [...MUNICIPALITY_PARAMS, ...landKeys],
  );
  return {
    served: served.map((row) => ({
      landKey: row.landKey,
      kreisKey: row.kreisKey,
      componentId: num(row.componentId),
      operatorId: num(row.operatorId),
      municipalities: num(row.n),
      population: num(row.population),
      demoRecords: num(row.demo),
    })),
    totals: totals.map((row) => ({
      landKey: row.landKey,
      kreisKey: row.kreisKey,
      municipalities: num(row.n),
      population: num(row.population),
    })),
  };
}

/** A Gemeinde and, if any, one of its in-use records with an operator. */
export interface NeighbourRecordRow {
  key: string;
  name: string;
  kreisKey: string | null;
  /** Both null for a Gemeinde without such a record. */
  componentId: number | null;
  operatorId: number | null;
}

/** Keys per query: far below the parameter limits of SQLite and PostgreSQL. */
const CHUNK = 500;

/**
 * The given Gemeinden (AGS, sorted) with their in-use records that name an operator, one row
 * per record (one row with nulls for a Gemeinde without any), in one query per 500 keys.
 */
export async function loadInUseRecordsOf(manager: EntityManager, keys: string[]): Promise<NeighbourRecordRow[]> {
  const result: NeighbourRecordRow[] = [];
  for (let from = 0; from < keys.length; from += CHUNK) {
    const chunk = keys.slice(from, from + CHUNK);
    const rows = await selectRows<{
      key: string;
      name: string;
      kreisKey: string | null;
      componentId: number | null;
      operatorId: number | null;
    }>(
      manager,
      `SELECT r.key AS "key", r.name AS "name", r.kreis_key AS "kreisKey", cr.component_id AS "componentId",
              cr.operator_id AS "operatorId"
         FROM regions r LEFT JOIN component_records cr
           ON cr.region_id = r.id AND cr.status = 'in-use' AND cr.operator_id IS NOT NULL
        WHERE ${MUNICIPALITY_CONDITION} AND r.key IN (${placeholders(chunk.length)})`,
      [...MUNICIPALITY_PARAMS, ...chunk],
    );
    for (const row of rows) {
      result.push({
        key: row.key,
        name: row.name,
        kreisKey: row.kreisKey,
        componentId: row.componentId === null ? null : num(row.componentId),
        operatorId: row.operatorId === null ? null : num(row.operatorId),
      });
    }
  }
  return result;
}
