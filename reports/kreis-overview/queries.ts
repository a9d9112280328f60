import type { EntityManager } from 'typeorm';
import type { ComponentStatus, OperatorType } from '../../lib/vocabulary';
import type { Area } from '../area';
import { DEMO_SOURCE } from '../common/records';
import { MUNICIPALITY_CONDITION, MUNICIPALITY_PARAMS, num, selectRows } from '../common/sql';

/** Records of the Gemeinden of one Kreis for one component with one status and operator type, counted. */
export interface KreisComponentCount {
  kreisKey: string | null;
  componentId: number;
  status: ComponentStatus;
  /** Null: no operator recorded. */
  operatorType: OperatorType | null;
  records: number;
  demoRecords: number;
}

/**
 * The area's Gemeinde records counted per Kreis, component, status and operator type, and the
 * Gemeinden with at least one record per Kreis: two aggregate queries, whatever the size of
 * the area, for the per-Kreis overview of a Land or of Germany.
 */
export async function loadKreisComponentCounts(
  manager: EntityManager,
  area: Area,
): Promise<{ counts: KreisComponentCount[]; withData: Map<string | null, number> }> {
  const where = `WHERE ${MUNICIPALITY_CONDITION} AND (${area.condition})`;
  const params = [...MUNICIPALITY_PARAMS, ...area.params];
  const rows = await selectRows<{
    kreisKey: string | null;
    componentId: unknown;
    status: ComponentStatus;
    operatorType: OperatorType | null;
    n: unknown;
    demo: unknown;
  }>(
    manager,
    `SELECT r.kreis_key AS "kreisKey", cr.component_id AS "componentId", cr.status AS "status", o.type AS "operatorType",
            COUNT(*) AS "n", SUM(CASE WHEN cr.source = '${DEMO_SOURCE}' THEN 1 ELSE 0 END) AS "demo"
       FROM component_records cr JOIN regions r ON r.id = cr.region_id LEFT JOIN operators o ON o.id = cr.operator_id
      ${where} GROUP BY r.kreis_key, cr.component_id, cr.status, o.type`,
    params,
  );
  const withData = await selectRows<{ kreisKey: string | null; n: unknown }>(
    manager,
    `SELECT r.kreis_key AS "kreisKey", COUNT(DISTINCT cr.region_id) AS "n"
       FROM component_records cr JOIN regions r ON r.id = cr.region_id ${where} GROUP BY r.kreis_key`,
    params,
  );
  return {
    counts: rows.map((r) => ({
      kreisKey: r.kreisKey,
      componentId: num(r.componentId),
      status: r.status,
      operatorType: r.operatorType,
      records: num(r.n),
      demoRecords: num(r.demo),
    })),
    withData: new Map(withData.map((r) => [r.kreisKey, num(r.n)])),
  };
}
