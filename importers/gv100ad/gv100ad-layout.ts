import type { RegionLevel } from '../../lib/keys';

/**
 * The GV100AD record layout (Destatis Datensatzbeschreibung, DOMAIN.md §4). Positions are
 * 0-based half-open character ranges after decoding, i.e. the 1-based inclusive positions of
 * the description minus one at the start.
 */
export const RECORD_LENGTH = 220;

/** A field of a record: where it is and how people call it in problem messages. */
export interface FieldSpec {
  start: number;
  end: number;
  label: string;
}

export const FIELDS = {
  satzart: { start: 0, end: 2, label: 'Satzart' },
  gebietsstand: { start: 2, end: 10, label: 'Gebietsstand' },
  land: { start: 10, end: 12, label: 'Land' },
  rb: { start: 12, end: 13, label: 'Regierungsbezirk' },
  kreis: { start: 13, end: 15, label: 'Kreis' },
  gemeinde: { start: 15, end: 18, label: 'Gemeinde' },
  verband: { start: 18, end: 22, label: 'Gemeindeverband' },
  name: { start: 22, end: 72, label: 'Name' },
  seat: { start: 72, end: 122, label: 'Sitz' },
  textCode: { start: 122, end: 124, label: 'Textkennzeichen' },
  areaHa: { start: 128, end: 139, label: 'Fläche' },
  population: { start: 139, end: 150, label: 'Bevölkerung' },
  postcode: { start: 165, end: 170, label: 'Postleitzahl' },
} satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof FIELDS;

/**
 * Satzart → level, and the character ranges whose digits make up the level's key. A
 * Gemeinde's key is its AGS; its Verband code (needed for the ARS) is checked as well.
 */
export const SATZARTEN: Record<string, { level: RegionLevel; keyRanges: [number, number][] }> = {
  '10': { level: 'land', keyRanges: [[10, 12]] },
  '20': { level: 'regierungsbezirk', keyRanges: [[10, 13]] },
  // NOTE: a Region (BW) is keyed by Land, RB and the first digit of the Kreis field; its
  // Kreise share that digit (Region Stuttgart 0811 holds the Kreise 08111–08119).
  '30': { level: 'region', keyRanges: [[10, 14]] },
  '40': { level: 'kreis', keyRanges: [[10, 15]] },
  '50': {
    level: 'gemeindeverband',
    keyRanges: [
      [10, 15],
      [18, 22],
    ],
  },
  '60': { level: 'gemeinde', keyRanges: [[10, 18]] },
};

/** The Textkennzeichen a Gemeindeverband record carries when it is no real Verband. */
export const VERBANDSFREI_TEXT_CODE = '50';

/** Textkennzeichen of gemeindefreie Gebiete (bewohnt, unbewohnt): an AGS, but no municipality. */
export const UNINCORPORATED_TEXT_CODES: readonly string[] = ['65', '66'];

/**
 * German labels of the Textkennzeichen, per level. 57 does not occur in the 2023 and 2025
 * editions; its label is the one the record description gives („VG Trägermodell“), spelled out.
 */
export const TEXT_CODE_LABELS: Partial<Record<RegionLevel, Record<string, string>>> = {
  kreis: {
    '41': 'Kreisfreie Stadt',
    '42': 'Stadtkreis',
    '43': 'Kreis',
    '44': 'Landkreis',
    '45': 'Regionalverband',
  },
  gemeindeverband: {
    '50': 'Verbandsfreie Gemeinde',
    '51': 'Amt',
    '52': 'Samtgemeinde',
    '53': 'Verbandsgemeinde',
    '54': 'Verwaltungsgemeinschaft',
    '55': 'Kirchspielslandgemeinde',
    '56': 'Verwaltungsverband',
    '57': 'Verwaltungsgemeinschaft (Trägermodell)',
    '58': 'Erfüllende Gemeinde',
  },
  gemeinde: {
    '60': 'Markt',
    '61': 'Kreisfreie Stadt',
    '62': 'Stadtkreis',
    '63': 'Stadt',
    '64': 'Kreisangehörige Gemeinde',
    '65': 'Gemeindefreies Gebiet, bewohnt',
    '66': 'Gemeindefreies Gebiet, unbewohnt',
    '67': 'Große Kreisstadt',
  },
};

/** Type labels of the levels whose records carry no Textkennzeichen. */
export const LEVEL_LABELS: Partial<Record<RegionLevel, string>> = {
  land: 'Land',
  regierungsbezirk: 'Regierungsbezirk',
  region: 'Region (Baden-Württemberg)',
};
