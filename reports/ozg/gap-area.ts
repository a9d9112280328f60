import type { EntityManager } from 'typeorm';
import { BadRequestError, NotFoundError } from '../../lib/errors';
import type { UnitKind } from '../../lib/responsibility';
import { findRegion } from '../../services/region.service';
import { num, selectRows } from '../report-sql';
import { inKreis, inLand, kreisLabel } from '../wording';

/**
 * An administrative unit a gap report counts: a Gemeinde (current, not a gemeindefreies Gebiet)
 * or a Landkreis. A kreisfreie Stadt is one unit, its Gemeinde record, carrying Gemeinde and
 * Kreis tasks; its Kreis record is not counted again.
 */
export interface GapUnit {
  id: number;
  key: string;
  name: string;
  kind: UnitKind;
  landKey: string;
  rbKey: string | null;
  kreisKey: string | null;
  verbandKey: string | null;
  population: number;
}

/** The area of a gap report and its units. */
export interface GapArea {
  /** `DE`, Land (2), Regierungsbezirk (3), Kreis (5) or Gemeinde (8). */
  key: string;
  kind: 'germany' | 'land' | 'regierungsbezirk' | 'kreis' | 'gemeinde';
  name: string;
  label: string;
  inPhrase: string;
  units: GapUnit[];
  landKeys: string[];
}

/** The forms of `area` for gap reports, as a JSON-schema pattern. */
export const GAP_AREA_PATTERN = '^(?:DE|de|\\d{2}|\\d{3}|\\d{5}|\\d{8})$';

/** German description of the accepted forms. */
export const GAP_AREA_FORMS = 'DE, Land (2 Ziffern), Regierungsbezirk (3), Kreis (5) oder Gemeinde (AGS, 8)';

const KREISFREI = ['41', '42'];
const KREISFREIE_GEMEINDE = ['61', '62'];

interface UnitRow {
  id: number | string;
  key: string;
  name: string;
  level: string;
  textCode: string | null;
  landKey: string;
  rbKey: string | null;
  kreisKey: string | null;
  verbandKey: string | null;
  population: number | string | null;
}

const UNIT_SQL = `SELECT r.id AS "id", r.key AS "key", r.name AS "name", r.level AS "level", r.text_code AS "textCode",
    r.land_key AS "landKey", r.rb_key AS "rbKey", r.kreis_key AS "kreisKey", r.verband_key AS "verbandKey",
    r.population AS "population"
  FROM regions r
 WHERE r.is_current = ? AND r.is_unincorporated = ?
   AND (r.level = 'gemeinde' OR (r.level = 'kreis' AND (r.text_code IS NULL OR r.text_code NOT IN ('41', '42'))))`;

/** Land keys whose one Gemeinde is the Land itself (Berlin, Hamburg). */
async function cityStates(manager: EntityManager): Promise<Set<string>> {
  const rows = await selectRows<{ landKey: string; n: number | string }>(
    manager,
    `SELECT r.land_key AS "landKey", COUNT(*) AS "n" FROM regions r
      WHERE r.level = 'gemeinde' AND r.is_current = ? AND r.is_unincorporated = ? GROUP BY r.land_key`,
    [true, false],
  );
  return new Set(rows.filter((r) => num(r.n) === 1).map((r) => r.landKey));
}

function kindOf(row: UnitRow, cityStateLands: Set<string>): UnitKind {
  if (row.level === 'kreis') return 'kreis';
  if (cityStateLands.has(row.landKey)) return 'stadtstaat';
  return row.textCode && KREISFREIE_GEMEINDE.includes(row.textCode) ? 'kreisfreie-stadt' : 'gemeinde';
}

/** Parses and resolves a gap report area; 400 for a malformed one, 404 for an unknown key. */
export async function resolveGapArea(manager: EntityManager, text: string): Promise<GapArea> {
  const key = text.trim();
  if (!new RegExp(GAP_AREA_PATTERN).test(key)) {
    throw new BadRequestError(`Ungültiges Gebiet „${text}“.`, [
      { parameter: 'area', detail: `erwartet ${GAP_AREA_FORMS}` },
    ]);
  }
  const states = await cityStates(manager);
  let condition = '1 = 1';
  let params: unknown[] = [];
  let head: Omit<GapArea, 'units' | 'landKeys'>;
  if (/^de$/i.test(key)) {
    head = { key: 'DE', kind: 'germany', name: 'Deutschland', label: 'Deutschland', inPhrase: 'in Deutschland' };
  } else {
    const region = await findRegion(manager, key);
    const kind = ({ 2: 'land', 3: 'regierungsbezirk', 5: 'kreis', 8: 'gemeinde' } as const)[
      key.length as 2 | 3 | 5 | 8
    ];
    if (region.level !== kind) throw new NotFoundError(`Kein Gebiet mit dem Schlüssel ${key}.`);
    const column = { land: 'land_key', regierungsbezirk: 'rb_key', kreis: 'kreis_key', gemeinde: 'key' }[kind];
    condition = kind === 'kreis' ? '(r.kreis_key = ? OR r.key = ?)' : `r.${column} = ?`;
    params = kind === 'kreis' ? [key, key] : [key];
    const label = kind === 'kreis' ? kreisLabel(region.name, region.typeLabel) : region.name;
    const inPhrase =
      kind === 'land'
        ? inLand(region.name)
        : kind === 'kreis'
          ? inKreis(region.name, region.typeLabel)
          : `in ${region.name}`;
    head = { key, kind, name: region.name, label, inPhrase };
    if (kind === 'kreis' && region.textCode && KREISFREI.includes(region.textCode)) {
      head.label = region.name;
      head.inPhrase = `in ${region.name}`;
    }
  }
  const rows = await selectRows<UnitRow>(manager, `${UNIT_SQL} AND (${condition}) ORDER BY r.id`, [
    true,
    false,
    ...params,
  ]);
  const units = rows.map((row) => ({
    id: num(row.id),
    key: row.key,
    name: row.name,
    kind: kindOf(row, states),
    landKey: row.landKey,
    rbKey: row.rbKey,
    kreisKey: row.kreisKey,
    verbandKey: row.verbandKey,
    population: num(row.population),
  }));
  if (head.kind === 'gemeinde' && units.length === 0) {
    throw new NotFoundError(`${head.name} (${key}) ist keine aktuelle Gemeinde.`);
  }
  return { ...head, units, landKeys: [...new Set(units.map((u) => u.landKey))].sort() };
}

/** Resolves one administrative unit by AGS (Gemeinde) or Kreis key (Landkreis), for unit reports. */
export async function resolveUnit(manager: EntityManager, key: string): Promise<GapUnit> {
  if (!/^(\d{5}|\d{8})$/.test(key)) {
    throw new BadRequestError(`Ungültiger Schlüssel „${key}“.`, [
      { parameter: 'ags', detail: 'erwartet eine Gemeinde (AGS, 8 Ziffern) oder einen Landkreis (5)' },
    ]);
  }
  const region = await findRegion(manager, key);
  const states = await cityStates(manager);
  const [row] = await selectRows<UnitRow>(manager, `${UNIT_SQL} AND r.id = ?`, [true, false, region.id]);
  if (!row) {
    throw new NotFoundError(
      region.level === 'kreis'
        ? `${region.name} ist eine kreisfreie Stadt: ihre Leistungen stehen bei der Gemeinde ${key}000.`
        : `${region.name} (${key}) ist keine aktuelle Gemeinde und kein Landkreis.`,
    );
  }
  return {
    id: num(row.id),
    key: row.key,
    name: row.name,
    kind: kindOf(row, states),
    landKey: row.landKey,
    rbKey: row.rbKey,
    kreisKey: row.kreisKey,
    verbandKey: row.verbandKey,
    population: num(row.population),
  };
}
