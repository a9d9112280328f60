import type { EntityManager } from 'typeorm';
import type { Region } from '../../entities';
import { BadRequestError, NotFoundError } from '../../lib/errors';
import { findArea, parseAreaKey, type AreaPlace, type AreaSyntax } from '../area';
import { type AdminUnit, loadUnits, type UnitScope } from '../../services/administrative-units';
import { findRegion } from '../../services/region.service';
import { inKreis, inLand, kreisLabel } from '../common/wording';

/** An administrative unit a gap report counts (see `services/administrative-units.ts`). */
export type GapUnit = AdminUnit;

/** The kinds of area a gap report covers. */
export type GapAreaKind = 'germany' | 'land' | 'regierungsbezirk' | 'kreis' | 'gemeinde';

/** The area of a gap report and its units. */
export interface GapArea {
  /** `DE`, Land (2), Regierungsbezirk (3), Kreis (5) or Gemeinde (8). */
  key: string;
  kind: GapAreaKind;
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

/** The areas of the gap reports: as the component reports', plus a Gemeinde, minus operators. */
export const GAP_AREAS: AreaSyntax<GapAreaKind> = {
  kinds: ['germany', 'land', 'regierungsbezirk', 'kreis', 'gemeinde'],
  pattern: GAP_AREA_PATTERN,
  description: GAP_AREA_FORMS,
};

/** Kreise whose one Gemeinde is the kreisfreie Stadt (GV100AD text codes). */
const KREISFREI = ['41', '42'];

/** True for the Kreis record of a kreisfreie Stadt (its one unit is the Gemeinde, which carries the Kreis tasks). */
export function isKreisfreieStadt(region: Pick<Region, 'level' | 'textCode'>): boolean {
  return region.level === 'kreis' && KREISFREI.includes(region.textCode ?? '');
}

/** An area's heading as the OZG pages and gap reports show it. */
export type GapAreaHead = Omit<GapArea, 'units' | 'landKeys'>;

/**
 * The heading of a looked-up gap area. A kreisfreie Stadt is named as the city ("München", "in
 * München"): its one unit is the Gemeinde, which carries the Kreis tasks too.
 */
function headOf({ spec, region }: AreaPlace<GapAreaKind>): GapAreaHead {
  const { kind, key } = spec;
  if (!region) return { key, kind, name: 'Deutschland', label: 'Deutschland', inPhrase: 'in Deutschland' };
  const { name, typeLabel } = region;
  const head: GapAreaHead = { key, kind, name, label: name, inPhrase: `in ${name}` };
  if (kind === 'land') head.inPhrase = inLand(name);
  if (kind === 'kreis' && !isKreisfreieStadt(region)) {
    head.label = kreisLabel(name, typeLabel);
    head.inPhrase = inKreis(name, typeLabel);
  }
  return head;
}

/** Parses and looks up a gap report area, without its units; 400 for a malformed one, 404 for an unknown key. */
export async function findGapArea(manager: EntityManager, text: string): Promise<GapAreaHead> {
  return headOf(await findArea(manager, parseAreaKey(text, GAP_AREAS)));
}

/** The units of the area (see `services/administrative-units.ts`). */
function unitScopeOf({ kind, key }: GapAreaHead): UnitScope {
  if (kind === 'germany') return { all: true };
  if (kind === 'kreis') return { column: 'kreis_key', value: key, orKey: key };
  const column = ({ land: 'land_key', regierungsbezirk: 'rb_key', gemeinde: 'key' } as const)[kind];
  return { column, value: key };
}

/** Parses and resolves a gap report area with its units; 400 for a malformed one, 404 for an unknown key. */
export async function resolveGapArea(manager: EntityManager, text: string): Promise<GapArea> {
  const head = await findGapArea(manager, text);
  const units = await loadUnits(manager, unitScopeOf(head));
  if (head.kind === 'gemeinde' && units.length === 0) {
    throw new NotFoundError(`${head.name} (${head.key}) ist keine aktuelle Gemeinde.`);
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
