import type { EntityManager } from 'typeorm';
import type { OperatorType } from '../../lib/vocabulary';
import type { Area } from '../area';
import { DEMO_SOURCE } from '../common/records';
import { MUNICIPALITY_CONDITION, MUNICIPALITY_PARAMS, num, selectRows, timestamp } from '../common/sql';

/*
 * The benchmark's read models: per Gemeinde how much is in use and when its data were last
 * current, and the in-use records counted by component and operator type.
 */

/** One Gemeinde with records, as the benchmark counts it. */
export interface Activity {
  inUse: number;
  /** The later of the last record change and the last "Daten vollständig bestätigen". */
  lastActivity: Date | null;
  demo: boolean;
}

function later(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

/**
 * Per Gemeinde with records: components in use, and when its data were last shown to be
 * current — by a change to any record or by a confirmation that the data are complete and
 * current (`inventory_confirmations`, one row per region at most, so the join adds no rows).
 */
export async function loadActivity(manager: EntityManager, area: Area): Promise<Map<number, Activity>> {
  const rows = await selectRows<{
    regionId: number;
    inUse: unknown;
    lastUpdate: unknown;
    confirmedAt: unknown;
    demo: unknown;
  }>(
    manager,
    `SELECT cr.region_id AS "regionId", SUM(CASE WHEN cr.status = 'in-use' THEN 1 ELSE 0 END) AS "inUse",
            MAX(cr.updated_at) AS "lastUpdate", MAX(ic.confirmed_at) AS "confirmedAt",
            SUM(CASE WHEN cr.source = '${DEMO_SOURCE}' THEN 1 ELSE 0 END) AS "demo"
       FROM component_records cr JOIN regions r ON r.id = cr.region_id
       LEFT JOIN inventory_confirmations ic ON ic.region_id = cr.region_id
      WHERE ${MUNICIPALITY_CONDITION} AND (${area.condition}) GROUP BY cr.region_id`,
    [...MUNICIPALITY_PARAMS, ...area.params],
  );
  return new Map(
    rows.map((r) => [
      num(r.regionId),
      {
        inUse: num(r.inUse),
        lastActivity: later(timestamp(r.lastUpdate), timestamp(r.confirmedAt)),
        demo: num(r.demo) > 0,
      },
    ]),
  );
}

/** In-use records of the area's Gemeinden for one component run by one operator type. */
export interface OperatorTypeCount {
  componentId: number;
  /** Null: no operator recorded. */
  type: OperatorType | null;
  records: number;
}

/** The area's in-use Gemeinde records counted per component and operator type, in one query. */
export async function loadOperatorTypeCounts(manager: EntityManager, area: Area): Promise<OperatorTypeCount[]> {
  const rows = await selectRows<{ componentId: unknown; type: OperatorType | null; n: unknown }>(
    manager,
    `SELECT cr.component_id AS "componentId", o.type AS "type", COUNT(*) AS "n"
       FROM component_records cr JOIN regions r ON r.id = cr.region_id LEFT JOIN operators o ON o.id = cr.operator_id
      WHERE ${MUNICIPALITY_CONDITION} AND (${area.condition}) AND cr.status = 'in-use'
      GROUP BY cr.component_id, o.type`,
    [...MUNICIPALITY_PARAMS, ...area.params],
  );
  return rows.map((r) => ({ componentId: num(r.componentId), type: r.type, records: num(r.n) }));
}
