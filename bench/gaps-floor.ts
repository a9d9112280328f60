import type { DataSource } from 'typeorm';
import { convertLevel, MATURITY_MODELS, MAX_LEVEL, type MaturityTarget } from '../lib/maturity';

/** Per OZG-Leistung: responsible units and units meeting the target, as the gap report counts them. */
export interface FloorRow {
  ozgId: number;
  responsibleUnits: number;
  metUnits: number;
  dashboardUnits: number;
}

/** The lowest recorded level of each model that reaches the target once converted. */
function thresholds(target: MaturityTarget): Record<string, number> {
  const out: Record<string, number> = {};
  for (const model of MATURITY_MODELS) {
    let level = 0;
    while (level <= MAX_LEVEL[model] && convertLevel(level, model, target.model) < target.level) level++;
    out[model] = level;
  }
  return out;
}

/**
 * The floor of the gap benchmark: the same per-OZG counts (responsible units, units meeting the
 * target, units the dashboard rule counts) written as one hand-written SQL statement over the
 * same tables — units and their kinds (Gemeinden with their Verband type and city status,
 * Verbände, Landkreise), derived responsibility with task groups, Land law on delegation, units
 * named by Zuständigkeit data, online relevance from the Leistungsmerkmale (a Leistungsschlüssel
 * rule, else a Verrichtung rule), own and inherited flächendeckend offerings — for SQLite. `areaCondition` filters the regions `r` of the area ('1 = 1' for DE).
 */
export async function floorGaps(
  dataSource: DataSource,
  areaCondition: string,
  target: MaturityTarget,
): Promise<FloorRow[]> {
  const t = thresholds(target);
  const reaches = `(COALESCE(o.maturity_model, 'RGM-1.1') = 'RGM-1.1' AND o.maturity_level >= ${t['RGM-1.1']}
                 OR o.maturity_model = 'RGM-2.0' AND o.maturity_level >= ${t['RGM-2.0']})`;
  const dashboard = `(o.maturity_level IS NULL OR COALESCE(o.maturity_model, 'RGM-1.1') = 'RGM-1.1' AND o.maturity_level >= 2
                   OR o.maturity_model = 'RGM-2.0' AND o.maturity_level >= 2)`;
  const sql = `
    WITH city_states AS (
      SELECT land_key FROM regions WHERE level = 'gemeinde' AND is_current = 1 AND is_unincorporated = 0
       GROUP BY land_key HAVING COUNT(*) = 1
    ), units AS (
      SELECT r.id, r.key, r.land_key, r.rb_key, r.kreis_key, r.verband_key,
             CASE WHEN r.level = 'kreis' THEN 'kreis'
                  WHEN r.level = 'gemeindeverband' THEN 'verband'
                  WHEN r.land_key IN (SELECT land_key FROM city_states) THEN 'stadtstaat'
                  WHEN r.text_code IN ('61', '62') THEN 'kreisfreie-stadt' ELSE 'gemeinde' END AS kind,
             CASE WHEN r.level = 'gemeindeverband' THEN r.text_code ELSE v.text_code END AS vtype,
             CASE WHEN r.text_code = '67' THEN 'grosse-kreisstadt' ELSE cs.status END AS cstatus
        FROM regions r
        LEFT JOIN regions v ON r.level = 'gemeinde' AND v.level = 'gemeindeverband' AND v.key = r.verband_key AND v.is_current = 1
        LEFT JOIN city_statuses cs ON cs.ags = r.key
       WHERE r.is_current = 1 AND r.is_unincorporated = 0
         AND (r.level IN ('gemeinde', 'gemeindeverband')
              OR (r.level = 'kreis' AND (r.text_code IS NULL OR r.text_code NOT IN ('41', '42'))))
         AND (${areaCondition})
    ), responsible AS (
      SELECT u.id AS unit_id, l.id AS leistung_id, l.ozg_id
        FROM units u
        JOIN leistung_responsibilities lr ON lr.land_key = u.land_key
        JOIN leistungen l ON l.id = lr.leistung_id AND l.is_active = 1
        JOIN ozg_leistungen z ON z.ozg_id = l.ozg_id AND z.is_active = 1
        LEFT JOIN task_delegation_rules dv ON dv.land_key = u.land_key AND dv.unit_type = u.vtype AND dv.task_group = lr.task_group
        LEFT JOIN task_delegation_rules dc ON dc.land_key = u.land_key AND dc.unit_type = u.cstatus AND dc.task_group = lr.task_group
       WHERE (lr.level = 'gemeinde' AND (u.kind IN ('kreisfreie-stadt', 'stadtstaat')
                OR (u.kind = 'gemeinde' AND COALESCE(dv.carrier, '') <> 'verband')
                OR (u.kind = 'verband' AND dv.carrier = 'verband')))
          OR (lr.level = 'kreis' AND (u.kind IN ('kreis', 'kreisfreie-stadt', 'stadtstaat')
                OR (u.kind = 'gemeinde' AND dc.carrier = 'stadt')))
          OR (lr.level = 'land' AND u.kind = 'stadtstaat')
      UNION
      SELECT u.id, l.id, l.ozg_id
        FROM units u
        JOIN unit_responsibilities ur ON ur.region_id = u.id
        JOIN leistungen l ON l.id = ur.leistung_id AND l.is_active = 1
        JOIN ozg_leistungen z ON z.ozg_id = l.ozg_id AND z.is_active = 1
    ), relevance AS (
      SELECT l.id AS leistung_id, COALESCE(k.online_relevant, v.online_relevant, 1) AS relevant
        FROM leistungen l
        LEFT JOIN leistung_traits k ON k.leistungsschluessel = l.schluessel AND k.online_relevant IS NOT NULL
        LEFT JOIN leistung_traits v ON v.leistungsschluessel = '' AND v.verrichtung = substr(l.schluessel, 9, 3)
    ), covering AS (
      SELECT u.id AS unit_id, o.leistung_id, o.maturity_model, o.maturity_level
        FROM units u JOIN offerings o ON o.region_id = u.id AND o.status = 'online'
      UNION ALL
      SELECT u.id, o.leistung_id, o.maturity_model, o.maturity_level
        FROM units u JOIN regions m ON m.verband_key = u.key AND m.level = 'gemeinde'
                                    AND m.is_current = 1 AND m.is_unincorporated = 0
        JOIN offerings o ON o.region_id = m.id AND o.status = 'online'
       WHERE u.kind = 'verband'
      UNION ALL
      SELECT u.id, o.leistung_id, o.maturity_model, o.maturity_level
        FROM units u JOIN regions a ON a.key IN (u.land_key, u.rb_key, u.verband_key)
                                    OR (a.key = u.kreis_key AND u.kind <> 'kreis')
        JOIN offerings o ON o.region_id = a.id AND o.status = 'online'
       WHERE a.level IN ('land', 'regierungsbezirk', 'kreis', 'gemeindeverband')
         AND (o.flaechendeckend = 1 OR (a.level = 'kreis' AND a.text_code IN ('41', '42')))
    ), best AS (
      SELECT o.unit_id, o.leistung_id, MAX(CASE WHEN ${reaches} THEN 1 ELSE 0 END) AS met,
             MAX(CASE WHEN ${dashboard} THEN 1 ELSE 0 END) AS dash
        FROM covering o GROUP BY o.unit_id, o.leistung_id
    ), per_unit AS (
      SELECT r.unit_id, r.ozg_id, COUNT(*) AS responsible, SUM(COALESCE(b.met, 0)) AS met
        FROM responsible r
        JOIN relevance rv ON rv.leistung_id = r.leistung_id AND rv.relevant = 1
        LEFT JOIN best b ON b.unit_id = r.unit_id AND b.leistung_id = r.leistung_id
       GROUP BY r.unit_id, r.ozg_id
    ), dash_unit AS (
      SELECT DISTINCT b.unit_id, l.ozg_id FROM best b JOIN leistungen l ON l.id = b.leistung_id WHERE b.dash = 1
    )
    SELECT p.ozg_id AS "ozgId", COUNT(*) AS "responsibleUnits",
           SUM(CASE WHEN p.met = p.responsible THEN 1 ELSE 0 END) AS "metUnits",
           SUM(CASE WHEN d.unit_id IS NOT NULL THEN 1 ELSE 0 END) AS "dashboardUnits"
      FROM per_unit p LEFT JOIN dash_unit d ON d.unit_id = p.unit_id AND d.ozg_id = p.ozg_id
     GROUP BY p.ozg_id ORDER BY p.ozg_id`;
  const rows = (await dataSource.query(sql)) as FloorRow[];
  return rows.map((r) => ({
    ozgId: Number(r.ozgId),
    responsibleUnits: Number(r.responsibleUnits),
    metUnits: Number(r.metUnits),
    dashboardUnits: Number(r.dashboardUnits),
  }));
}
