import type { EntityManager } from 'typeorm';
import { BadRequestError, NotFoundError } from '../../lib/errors';
import { type AdminUnit, loadUnits, type UnitScope } from '../../services/administrative-units';
import { findRegion } from '../../services/region.service';
import { inKreis, inLand, kreisLabel } from '../common/wording';

/** An administrative unit a gap report counts (see `services/administrative-units.ts`). */
export type GapUnit = AdminUnit;

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

/** Parses and resolves a gap report area; 400 for a malformed one, 404 for an unknown key. */
export async function resolveGapArea(manager: EntityManager, text: string): Promise<GapArea> {
  const key = text.trim();
  if (!new RegExp(GAP_AREA_PATTERN).test(key)) {
    throw new BadRequestError(`Ungültiges Gebiet „${text}“.`, [
      { parameter: 'area', detail: `erwartet ${GAP_AREA_FORMS}` },
    ]);
  }
  let scope: UnitScope = { all: true };
  let head: Omit<GapArea, 'units' | 'landKeys'>;
  if (/^de$/i.test(key)) {
    head = { key: 'DE', kind: 'germany', name: 'Deutschland', label: 'Deutschland', inPhrase: 'in Deutschland' };
  } else {
    const region = await findRegion(manager, key);
    const kind = ({ 2: 'land', 3: 'regierungsbezirk', 5: 'kreis', 8: 'gemeinde' } as const)[
      key.length as 2 | 3 | 5 | 8
    ];
    if (region.level !== kind) throw new NotFoundError(`Kein Gebiet mit dem Schlüssel ${key}.`);
    const column = ({ land: 'land_key', regierungsbezirk: 'rb_key', kreis: 'kreis_key', gemeinde: 'key' } as const)[
      kind
    ];
    scope = kind === 'kreis' ? { column, value: key, orKey: key } : { column, value: key };
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
  const units = await loadUnits(manager, scope);
  if (head.kind === 'gemeinde' && units.length === 0) {
    throw new NotFoundError(`${head.name} (${key}) ist keine aktuelle Gemeinde.`);
  }
  return { ...head, units, landKeys: [...new Set(units.map((u) => u.landKey))].sort() };
}

/** Resolves one administrative unit by AGS (Gemeinde), Verband key (9) or Kreis key (Landkreis), for unit reports. */
export async function resolveUnit(manager: EntityManager, key: string): Promise<GapUnit> {
  if (!/^(\d{5}|\d{8}|\d{9})$/.test(key)) {
    throw new BadRequestError(`Ungültiger Schlüssel „${key}“.`, [
      {
        parameter: 'ags',
        detail: 'erwartet eine Gemeinde (AGS, 8 Ziffern), einen Gemeindeverband (9) oder einen Landkreis (5)',
      },
    ]);
  }
  const region = await findRegion(manager, key);
  const [unit] = await loadUnits(manager, { column: 'id', value: region.id });
  if (!unit) {
    throw new NotFoundError(
      region.level === 'kreis'
        ? `${region.name} ist eine kreisfreie Stadt: ihre Leistungen stehen bei der Gemeinde ${key}000.`
        : `${region.name} (${key}) ist keine aktuelle Gemeinde, kein Gemeindeverband und kein Landkreis.`,
    );
  }
  return unit;
}
