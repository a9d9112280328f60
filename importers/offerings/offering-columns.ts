import {
  KNOWN_CRITERIA,
  MATURITY_MODELS,
  OFFERING_STATUSES,
  type MaturityModel,
  type OfferingStatus,
} from '../../lib/maturity';
import { searchKey } from '../../lib/text';
import type { JsonSchema } from '../../lib/validation';
import { normaliseHeader } from '../tabular';
import { integerCell, type FieldSpec } from '../ozg/table-rows';
import { WEB_URL_PATTERN } from '../../lib/url';
import { DASHBOARD_COLUMNS, dashboardRowProperties, type DashboardProperty } from './dashboard-fields';

/**
 * The columns of an offerings file: every field of the OZG dashboard's data API (`leika_key`,
 * `ozgid`, `ars`, `url`, `online_status`, `aktiv`, `art_flaechendeckung`, the names; see
 * `dashboard-fields.ts`) plus Reifegrad columns (docs/import-offerings.md).
 */

export type OfferingProperty =
  | 'key'
  | 'ozgId'
  | 'ars'
  | 'url'
  | 'status'
  | 'coverage'
  | 'level'
  | 'model'
  | 'note'
  | 'leikaName'
  | 'ozgName'
  | DashboardProperty
  | `kriterium_${string}`;

/** Column prefix of a criterion level (`kriterium_nutzerkonto`). */
export const CRITERION_PREFIX = 'kriterium_';

/** Status spellings by folded text, mapped to the offering vocabulary (`lib/maturity.ts`). */
const STATUS_ALIASES = new Map<string, OfferingStatus>([
  // NOTE: the dashboard's `ok` / `nicht ok` is a link check of an offering it lists as existing;
  // both mean online, the row parser keeps the check result (docs/import-offerings.md).
  ...['online', 'verfuegbar', 'ja', 'true', '1', 'ok', 'nicht ok'].map((a): [string, OfferingStatus] => [a, 'online']),
  ...['offline', 'nein', 'false', '0', 'nicht verfuegbar', 'nicht online'].map((a): [string, OfferingStatus] => [
    a,
    'offline',
  ]),
  ...['planned', 'in umsetzung', 'geplant'].map((a): [string, OfferingStatus] => [a, 'planned']),
  ...['unknown', 'unbekannt'].map((a): [string, OfferingStatus] => [a, 'unknown']),
]);

/** The accepted status spellings, for error messages. */
export const STATUS_SPELLINGS =
  'online, verfügbar, ja, true, 1, ok (online); nicht ok (online, Link laut Dashboard nicht funktionsfähig); ' +
  'offline, nein, false, 0, nicht verfügbar (offline); in Umsetzung, geplant, planned (in Umsetzung); ' +
  'leer, unbekannt (unbekannt)';

/** Coverage spellings by folded text: true for flächendeckend. */
const COVERAGE_ALIASES = new Map<string, boolean>([
  ...['flaechendeckend', 'ja', 'true', '1'].map((a): [string, boolean] => [a, true]),
  ...['teilweise', 'punktuell', 'nein', 'false', '0'].map((a): [string, boolean] => [a, false]),
  // The five values of the dashboard's `art_flaechendeckung` (DOMAIN.md §5b).
  ...['bundesweit', 'landesweit', 'kreisweit'].map((a): [string, boolean] => [`${a} flaechendeckend`, true]),
  ['in mind. einer kommune verfuegbar', false],
  ['in mindestens einer kommune verfuegbar', false],
  ['nicht in auswertung beruecksichtigt', false],
]);

/** The accepted coverage spellings, for error messages. */
export const COVERAGE_SPELLINGS =
  'bundesweit, landesweit, kreisweit flächendeckend, flächendeckend, ja, true (flächendeckend); ' +
  'in mind. einer Kommune verfügbar, nicht in Auswertung berücksichtigt, teilweise, punktuell, nein, false, leer ' +
  '(nicht flächendeckend)';

const MODEL_ALIASES = new Map<string, MaturityModel>([
  ...['rgm-1.1', 'rgm 1.1', 'rgm1.1', '1.1', 'reifegradmodell 1.1'].map((a): [string, MaturityModel] => [a, 'RGM-1.1']),
  ...['rgm-2.0', 'rgm 2.0', 'rgm2.0', '2.0', '2', 'reifegradmodell 2.0'].map((a): [string, MaturityModel] => [
    a,
    'RGM-2.0',
  ]),
]);

/** An online status cell as the vocabulary code; unknown spellings stay text for the schema to refuse. */
export function statusCell(text: string): string {
  return STATUS_ALIASES.get(searchKey(text)) ?? text;
}

/** A coverage cell as `true`/`false`; unknown spellings stay text for the schema to refuse. */
export function coverageCell(text: string): unknown {
  return COVERAGE_ALIASES.get(searchKey(text)) ?? text;
}

function modelCell(text: string): string {
  return MODEL_ALIASES.get(searchKey(text)) ?? text;
}

/** `12 345 …`: the digits of a key; Excel's lost leading zero is put back by the row parser. */
function keyDigits(text: string): string {
  return /^[\d\s]+$/.test(text) ? text.replace(/\s+/g, '') : text;
}

/** The fixed columns of an offerings file. */
export const OFFERING_COLUMNS: FieldSpec<OfferingProperty>[] = [
  {
    name: 'leika_key',
    property: 'key',
    aliases: ['leistungsschluessel', 'Leistungsschlüssel', 'schluessel'],
    required: true,
    parse: keyDigits,
    invalid: (text) => `„${text}“ ist kein Leistungsschlüssel (14 Ziffern, z. B. 99008001000000)`,
  },
  {
    name: 'ozgid',
    property: 'ozgId',
    aliases: ['ozg_id', 'OZG-ID'],
    required: false,
    parse: integerCell,
    invalid: (text) => `„${text}“ ist keine OZG-ID (ganze Zahl, z. B. 10119)`,
  },
  {
    name: 'ars',
    property: 'ars',
    aliases: ['Regionalschlüssel', 'Amtlicher Regionalschlüssel', 'ags', 'Gebietsschlüssel'],
    required: true,
    parse: keyDigits,
    invalid: (text) =>
      `„${text}“ ist kein Gebietsschlüssel: ARS mit 12 Ziffern (für Kreis und Land mit Nullen aufgefüllt, ` +
      'z. B. 091840000000), AGS (8), Kreis (5) oder Land (2)',
  },
  {
    name: 'url',
    property: 'url',
    aliases: ['URL', 'Link', 'Adresse'],
    required: false,
    invalid: (text) => `„${text}“ ist keine http(s)-Adresse (z. B. https://www.example.de/antrag)`,
  },
  {
    name: 'online_status',
    property: 'status',
    aliases: ['status', 'Onlinestatus', 'Online-Status'],
    required: false,
    parse: statusCell,
    invalid: (text) => `„${text}“ ist kein Online-Status; erlaubt: ${STATUS_SPELLINGS}`,
  },
  {
    name: 'art_flaechendeckung',
    property: 'coverage',
    aliases: ['flaechendeckung', 'Flächendeckung', 'Abdeckung'],
    required: false,
    parse: coverageCell,
    invalid: (text) => `„${text}“ ist keine Angabe zur Flächendeckung; erlaubt: ${COVERAGE_SPELLINGS}`,
  },
  {
    name: 'reifegrad',
    property: 'level',
    aliases: ['Reifegradstufe', 'maturity_level', 'Stufe'],
    required: false,
    parse: integerCell,
    invalid: (text) => `„${text}“ ist keine Reifegradstufe (ganze Zahl, RGM-1.1: 0–4, RGM-2.0: 0–7)`,
  },
  {
    name: 'reifegradmodell',
    property: 'model',
    aliases: ['maturity_model', 'Modell'],
    required: false,
    parse: modelCell,
    invalid: (text) => `„${text}“ ist kein Reifegradmodell; erlaubt: ${MATURITY_MODELS.join(', ')} (Standard RGM-1.1)`,
  },
  { name: 'bemerkung', property: 'note', aliases: ['note', 'Notiz', 'Anmerkung'], required: false },
  { name: 'leika_name', property: 'leikaName', aliases: ['Leistung'], required: false, ignored: true },
  { name: 'ozg_bezeichnung', property: 'ozgName', aliases: ['ozg_leistung'], required: false, ignored: true },
  ...DASHBOARD_COLUMNS,
];

/** The criterion name of a header `kriterium_…` (folded; `once_only` → `once-only`), or undefined. */
export function criterionOfHeader(header: string): string | undefined {
  const normalised = normaliseHeader(header);
  if (!normalised.startsWith(CRITERION_PREFIX) || normalised.length === CRITERION_PREFIX.length) return undefined;
  const name = normalised.slice(CRITERION_PREFIX.length).replace(/_/g, '-');
  return /^[a-z0-9-]{1,40}$/.test(name) ? name : undefined;
}

/** True for a criterion the maturity models define and the reports know. */
export function isKnownCriterion(name: string): boolean {
  return (KNOWN_CRITERIA as readonly string[]).includes(name);
}

/** One column spec per `kriterium_…` header of the file: any criterion name is accepted. */
export function criterionColumns(headers: string[]): FieldSpec<OfferingProperty>[] {
  const specs = new Map<string, FieldSpec<OfferingProperty>>();
  for (const header of headers) {
    const name = criterionOfHeader(header);
    if (!name || specs.has(name)) continue;
    specs.set(name, {
      name: `${CRITERION_PREFIX}${name}`,
      property: `${CRITERION_PREFIX}${name}`,
      aliases: [],
      required: false,
      parse: integerCell,
      invalid: (text) => `„${text}“ ist keine Stufe für das Kriterium ${name} (ganze Zahl)`,
    });
  }
  return [...specs.values()];
}

/** A row of an offerings file after parsing; levels per model are checked by `checkMaturity`. */
export const offeringRowSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'ars'],
  properties: {
    key: { type: 'string', pattern: '^\\d{14}$' },
    ozgId: { type: 'integer', minimum: 1 },
    ars: { type: 'string', pattern: '^(\\d{2}|\\d{3}|\\d{5}|\\d{7}|\\d{8}|\\d{9}|\\d{11}|\\d{12})$' },
    url: { type: 'string', maxLength: 1000, format: 'uri', pattern: WEB_URL_PATTERN },
    status: { type: 'string', enum: [...OFFERING_STATUSES] },
    coverage: { type: 'boolean' },
    level: { type: 'integer', minimum: 0 },
    model: { type: 'string', enum: [...MATURITY_MODELS] },
    note: { type: 'string', maxLength: 2000 },
    ...dashboardRowProperties,
  },
  patternProperties: { [`^${CRITERION_PREFIX}[a-z0-9-]{1,40}$`]: { type: 'integer', minimum: 0 } },
};
