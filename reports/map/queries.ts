import type { EntityManager } from 'typeorm';
import type { ComponentStatus } from '../../lib/vocabulary';
import type { Area } from '../area';
import { DEMO_SOURCE } from '../common/records';
import { MUNICIPALITY_CONDITION, MUNICIPALITY_PARAMS, selectRows } from '../common/sql';

/*
 * The read models of the component maps (`report.ts`, `operators.ts`): one row per Gemeinde of
 * the area, counted or with its record of one component.
 */

/**
 * One Gemeinde of the area: its records in use and recorded (all components), its status of
 * the mapped component (null: none or no component mapped), and whether any record is demo data.
 * Counts come back as the driver returns them (see `common/sql.ts#num`).
 */
export interface GemeindeRow {
  key: string;
  verbandKey: string | null;
  inUse: unknown;
  recorded: unknown;
  status: ComponentStatus | null;
  demo: unknown;
}

/** The {@link GemeindeRow} of every Gemeinde of the area by AGS, in one query. */
export async function loadGemeindeCounts(
  manager: EntityManager,
  area: Area,
  componentId: number | null,
): Promise<Map<string, GemeindeRow>> {
  const rows = await selectRows<GemeindeRow>(
    manager,
    `SELECT r.key AS "key", r.verband_key AS "verbandKey",
            SUM(CASE WHEN cr.status = 'in-use' THEN 1 ELSE 0 END) AS "inUse", COUNT(cr.id) AS "recorded",
            MAX(CASE WHEN cr.component_id = ? THEN cr.status END) AS "status",
            MAX(CASE WHEN cr.source = '${DEMO_SOURCE}' THEN 1 ELSE 0 END) AS "demo"
       FROM regions r LEFT JOIN component_records cr ON cr.region_id = r.id
      WHERE ${MUNICIPALITY_CONDITION} AND (${area.condition}) GROUP BY r.key, r.verband_key`,
    [componentId ?? -1, ...MUNICIPALITY_PARAMS, ...area.params],
  );
  return new Map(rows.map((r) => [r.key, r]));
}

/** One Gemeinde of the area with its record of one component (all null without one). */
export interface ComponentRecordRow {
  key: string;
  verbandKey: string | null;
  status: string | null;
  operatorId: unknown;
  source: string | null;
}

/** The {@link ComponentRecordRow} of every Gemeinde of the area by AGS, in one query. */
export async function loadComponentRecords(
  manager: EntityManager,
  area: Area,
  componentId: number,
): Promise<Map<string, ComponentRecordRow>> {
  const rows = await selectRows<ComponentRecordRow>(
    manager,
    `SELECT r.key AS "key", r.verband_key AS "verbandKey", cr.status AS "status", cr.operator_id AS "operatorId", cr.source AS "source"
       FROM regions r LEFT JOIN component_records cr ON cr.region_id = r.id AND cr.component_id = ?
      WHERE ${MUNICIPALITY_CONDITION} AND (${area.condition})`,
    [componentId, ...MUNICIPALITY_PARAMS, ...area.params],
  );
  return new Map(rows.map((r) => [r.key, r]));
}
