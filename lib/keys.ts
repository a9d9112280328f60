/**
 * Regional keys (DOMAIN.md §4). Keys are strings with leading zeros and never numbers.
 * Lengths identify the level: Land 2, Regierungsbezirk 3, Region (BW) 4, Kreis 5,
 * Gemeinde (AGS) 8, Gemeindeverband 9 digits; a full ARS has 12.
 */
export const REGION_LEVELS = ['land', 'regierungsbezirk', 'region', 'kreis', 'gemeindeverband', 'gemeinde'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Levels whose administrations can run base components (and so hold an inventory). */
export const MUNICIPAL_LEVELS: readonly RegionLevel[] = ['gemeinde', 'gemeindeverband', 'kreis'];

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: 'land',
  3: 'regierungsbezirk',
  4: 'region',
  5: 'kreis',
  8: 'gemeinde',
  9: 'gemeindeverband',
};

/** The level a region key of this length denotes, or undefined for an impossible key. */
export function levelOfKey(key: string): RegionLevel | undefined {
  return /^\d+$/.test(key) ? LEVEL_BY_LENGTH[key.length] : undefined;
}

/** True for a syntactically valid region key (2, 3, 4, 5, 8 or 9 digits) or 12-digit ARS. */
export function isRegionKeyOrArs(text: string): boolean {
  return /^\d+$/.test(text) && (text.length === 12 || levelOfKey(text) !== undefined);
}

/**
 * The keys an ARS can stand for, most specific first. A 12-digit ARS names a Gemeinde,
 * but the OZG dashboard also pads higher levels with zeros (`091840000000` for the
 * Landkreis München), so the trailing-zero prefixes are candidates too.
 */
export function candidateKeysForArs(ars: string): string[] {
  const candidates: string[] = [];
  if (ars.endsWith('000')) candidates.push(ars.slice(0, 9));
  if (ars.endsWith('0000000')) candidates.push(ars.slice(0, 5));
  if (ars.endsWith('000000000')) candidates.push(ars.slice(0, 3));
  if (ars.endsWith('0000000000')) candidates.push(ars.slice(0, 2));
  return candidates;
}

/** AGS (8 digits) from a Gemeinde ARS (12 digits): Land+RB+Kreis + Gemeinde, without the Verband. */
export function agsFromArs(ars: string): string {
  return ars.slice(0, 5) + ars.slice(9, 12);
}
