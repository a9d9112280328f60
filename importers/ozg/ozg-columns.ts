import { searchKey } from '../../lib/text';
import type { JsonSchema } from '../../lib/validation';
import { integerCell, notYesNo, yesNoCell, type FieldSpec } from './table-rows';

/**
 * The columns of OZG catalogue files (docs/import-ozg.md), as the public dashboard and
 * catalogue exports name them, with the German and legacy headers seen in real files.
 */

/** What the source writes instead of a Leistungsschlüssel for a Leistung the LeiKa lacks. */
export const NOT_IN_LEIKA = 'nicht im LeiKa';

/** Properties of a row of the OZG-Leistungen file (one row per OZG-Leistung). */
export type OzgProperty =
  'ozgId' | 'ozgName' | 'themenfeldId' | 'themenfeld' | 'lebenslageId' | 'lebenslage' | 'fokus' | 'efa' | 'count';

/** Properties of a row of the Leistungen file (one row per Leistungsschlüssel, or a joined file). */
export type LeistungProperty =
  | Exclude<OzgProperty, 'count'>
  | 'key'
  | 'name'
  | 'typ'
  | 'legalBasis'
  | 'sdg1'
  | 'sdg2'
  | 'feeBearing'
  | 'vertrauensniveau'
  | 'laws'
  | 'lawAbbreviations';

const notInteger = (text: string) => `„${text}“ ist keine ganze Zahl`;

/** `99 008 001 000 000` → digits only; the source's „nicht im LeiKa“ in any spelling → {@link NOT_IN_LEIKA}. */
function keyCell(text: string): string {
  if (/^[\d\s]+$/.test(text)) return text.replace(/\s+/g, '');
  return searchKey(text) === searchKey(NOT_IN_LEIKA) ? NOT_IN_LEIKA : text;
}

/** `1 , 2 / 3` → `1, 2/3`, the spelling the FIM import uses as well. */
function typCell(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s*[,;]\s*/g, ', ');
}

const ozgIdColumn: FieldSpec<'ozgId'> = {
  name: 'ozgid',
  property: 'ozgId',
  aliases: ['ozg_id', 'OZG-ID', 'OZG ID', 'OZG-Nummer'],
  required: true,
  parse: integerCell,
  invalid: (text) => `„${text}“ ist keine OZG-ID (ganze Zahl, z. B. 10119)`,
};

const ozgNameColumn: FieldSpec<'ozgName'> = {
  name: 'ozg_bezeichnung',
  property: 'ozgName',
  aliases: ['ozg_leistung', 'OZG-Leistung', 'OZG-Bezeichnung', 'ozg_name'],
  required: false,
};

const groupColumns: FieldSpec<'themenfeldId' | 'themenfeld' | 'lebenslageId' | 'lebenslage'>[] = [
  { name: 'themenfeld', property: 'themenfeld', aliases: ['Themenfeld'], required: false },
  {
    name: 'themenfeld_id',
    property: 'themenfeldId',
    aliases: ['Themenfeld-ID', 'Themenfeld-Nr'],
    required: false,
    parse: integerCell,
    invalid: notInteger,
  },
  { name: 'lebenslage', property: 'lebenslage', aliases: ['Lebenslage', 'Unternehmenslage'], required: false },
  {
    name: 'lebenslage_id',
    property: 'lebenslageId',
    aliases: ['Lebenslage-ID', 'Lebenslage-Nr'],
    required: false,
    parse: integerCell,
    invalid: notInteger,
  },
];

/**
 * Flags per OZG-Leistung, as newer catalogue lists carry them: Fokusleistung (the services Bund
 * and Länder prioritise) and EfA ("Einer für Alle"). An empty cell leaves the flag unknown.
 */
const flagColumns: FieldSpec<'fokus' | 'efa'>[] = [
  {
    name: 'fokus',
    property: 'fokus',
    aliases: ['fokusleistung', 'Fokus-Leistung', 'OZG-Leistung im Fokus', 'fokus_leistung'],
    required: false,
    parse: yesNoCell,
    invalid: notYesNo,
  },
  {
    name: 'efa',
    property: 'efa',
    aliases: ['EfA-Leistung', 'Einer für Alle', 'efa_leistung', 'EfA-Dienst'],
    required: false,
    parse: yesNoCell,
    invalid: notYesNo,
  },
];

/** Columns of the OZG-Leistungen file (`ozg_leistungen_2019.csv`). */
export const OZG_COLUMNS: FieldSpec<OzgProperty>[] = [
  ozgIdColumn,
  { ...ozgNameColumn, required: true },
  ...groupColumns,
  ...flagColumns,
  {
    name: 'anzahl_leika_leistungen',
    property: 'count',
    aliases: ['Anzahl Leistungen', 'anzahl_leistungen'],
    required: false,
    parse: integerCell,
    invalid: notInteger,
  },
];

/** Columns of the Leistungen file (`ozg_leika_leistungen_2019.csv`) or of one joined catalogue file. */
export const LEISTUNG_COLUMNS: FieldSpec<LeistungProperty>[] = [
  {
    name: 'leika_key',
    property: 'key',
    aliases: ['leistungsschluessel', 'Leistungsschlüssel', 'leika_id', 'LeiKa-Schlüssel', 'schluessel'],
    required: true,
    parse: keyCell,
    invalid: (text) =>
      `„${text}“ ist kein Leistungsschlüssel: 14 Ziffern (z. B. 99008001000000) oder „${NOT_IN_LEIKA}“`,
  },
  {
    name: 'leika_name',
    property: 'name',
    aliases: ['leistung', 'Leistungsbezeichnung', 'leika_bezeichnung', 'leistung_name'],
    required: true,
  },
  {
    name: 'leika_typ',
    property: 'typ',
    aliases: ['typisierung', 'LeiKa-Typ', 'typ'],
    required: false,
    parse: typCell,
    invalid: (text) => `„${text}“ ist keine Typisierung (z. B. 1, 2, 2/3, 3, 4, 5, 4a oder „1, 2/3“)`,
  },
  { ...ozgIdColumn, required: true },
  ozgNameColumn,
  ...groupColumns,
  ...flagColumns,
  { name: 'rechtsgrundlage', property: 'legalBasis', aliases: ['Rechtsgrundlagen', 'legal_basis'], required: false },
  {
    name: 'sdg1_relevant',
    property: 'sdg1',
    aliases: ['sdg1', 'SDG1-Relevanz'],
    required: false,
    parse: yesNoCell,
    invalid: notYesNo,
  },
  {
    name: 'sdg2_relevant',
    property: 'sdg2',
    aliases: ['sdg2', 'SDG2-Relevanz'],
    required: false,
    parse: yesNoCell,
    invalid: notYesNo,
  },
  {
    name: 'gebuehrenpflichtig',
    property: 'feeBearing',
    aliases: ['gebührenpflichtig', 'fee_bearing', 'Gebühren'],
    required: false,
    parse: yesNoCell,
    invalid: notYesNo,
  },
  { name: 'vertrauensniveau', property: 'vertrauensniveau', aliases: ['trust_level'], required: false },
  { name: 'gesetze', property: 'laws', aliases: [], required: false, ignored: true },
  { name: 'gesetze_abkuerzung', property: 'lawAbbreviations', aliases: [], required: false, ignored: true },
];

const groupProperties = {
  themenfeldId: { type: 'integer', minimum: 1 },
  themenfeld: { type: 'string', maxLength: 120 },
  lebenslageId: { type: 'integer', minimum: 1 },
  lebenslage: { type: 'string', maxLength: 200 },
  fokus: { type: 'boolean' },
  efa: { type: 'boolean' },
} as const;

/** A row of the OZG-Leistungen file after parsing. */
export const ozgRowSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ozgId', 'ozgName'],
  properties: {
    ozgId: { type: 'integer', minimum: 1 },
    ozgName: { type: 'string', maxLength: 300 },
    ...groupProperties,
    count: { type: 'integer', minimum: 0 },
  },
};

/** A row of the Leistungen file after parsing; the OZG-ID may be missing (a warning, see ozg-catalogue.ts). */
export const leistungRowSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'name'],
  properties: {
    key: { type: 'string', pattern: `^(\\d{14}|${NOT_IN_LEIKA})$` },
    name: { type: 'string', maxLength: 500 },
    typ: {
      type: 'string',
      maxLength: 20,
      pattern: '^\\d{1,2}[a-z]?(/\\d{1,2}[a-z]?)?(, \\d{1,2}[a-z]?(/\\d{1,2}[a-z]?)?)*$',
    },
    ozgId: { type: 'integer', minimum: 1 },
    ozgName: { type: 'string', maxLength: 300 },
    ...groupProperties,
    legalBasis: { type: 'string', maxLength: 20000 },
    sdg1: { type: 'boolean' },
    sdg2: { type: 'boolean' },
    feeBearing: { type: 'boolean' },
    vertrauensniveau: { type: 'string', maxLength: 40 },
  },
};
