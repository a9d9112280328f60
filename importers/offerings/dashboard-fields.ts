import type { JsonSchema } from '../../lib/validation';
import { searchKey } from '../../lib/text';
import { notYesNo, yesNoCell, type FieldSpec } from '../ozg/table-rows';

/**
 * The fields of the federal OZG dashboard's data API (`DvDataDto` in the public
 * `bundesAPI/digitale-verwaltung-api` OpenAPI document, DOMAIN.md §5b) that the older offerings
 * format did not have, and what the import makes of them (docs/import-offerings.md):
 * - `aktiv` (`ja`/`nein`, "ob die OZG-Leistung aktiv ist"): `nein` stores the offering as not
 *   online and marks it;
 * - `ars_name`, `ars_federal_state`, `bundesland`: checked against the Gemeindeverzeichnis, a
 *   mismatch is a warning (the ARS decides);
 * - `leika_bezeichnung`: read and ignored, like `leika_name` (names come from the catalogue).
 */

export type DashboardProperty = 'arsName' | 'landCode' | 'landName' | 'leikaTitle' | 'active';

/** `1` → `01`: a Land code whose leading zero a spreadsheet dropped. */
function landCodeCell(text: string): string {
  return /^\d$/.test(text) ? `0${text}` : text;
}

/** The dashboard's columns beyond the older format; spread into `OFFERING_COLUMNS`. */
export const DASHBOARD_COLUMNS: FieldSpec<DashboardProperty>[] = [
  {
    name: 'aktiv',
    property: 'active',
    aliases: ['active'],
    required: false,
    parse: yesNoCell,
    invalid: notYesNo,
  },
  { name: 'ars_name', property: 'arsName', aliases: ['Gebietsname'], required: false },
  {
    name: 'ars_federal_state',
    property: 'landCode',
    aliases: ['Bundeslandcode'],
    required: false,
    parse: landCodeCell,
    invalid: (text) => `„${text}“ ist kein Bundeslandcode (2 Ziffern, z. B. 01 für Schleswig-Holstein)`,
  },
  { name: 'bundesland', property: 'landName', aliases: [], required: false },
  { name: 'leika_bezeichnung', property: 'leikaTitle', aliases: [], required: false, ignored: true },
];

/** Row schema properties of the dashboard columns (merged into `offeringRowSchema`). */
export const dashboardRowProperties: Record<string, JsonSchema> = {
  active: { type: 'boolean' },
  arsName: { type: 'string', maxLength: 300 },
  landCode: { type: 'string', pattern: '^\\d{2}$' },
  landName: { type: 'string', maxLength: 100 },
};

/**
 * Sentences the import writes into an offering's note for what the dashboard says about it.
 * They are recomputed on every import of a file with the column, so a repaired link clears its
 * mark; any other note text stays as it is.
 */
export const MARKS = {
  linkBroken: 'Dashboard: Link nicht funktionsfähig (online_status „nicht ok“).',
  inactive: 'Dashboard: OZG-Leistung nicht aktiv (aktiv „nein“).',
} as const;

/** A note without the import's marks (null when nothing else is left). */
export function withoutMarks(note: string | null): string | null {
  if (note === null) return null;
  let rest = note;
  for (const mark of Object.values(MARKS)) rest = rest.split(mark).join('');
  rest = rest.replace(/\s+/g, ' ').trim();
  return rest === '' ? null : rest;
}

/** The note with the given marks appended (null when there is neither text nor a mark). */
export function withMarks(note: string | null, marks: readonly string[]): string | null {
  const text = [withoutMarks(note), ...marks].filter((part): part is string => part !== null).join(' ');
  return text === '' ? null : text;
}

/** The part of a name before the first comma, folded: `Heide, Stadt` → `heide`. */
function nameCore(name: string): string {
  return searchKey(name.split(',')[0])
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * True when a name from the file plausibly names the directory's region. The dashboard and the
 * Gemeindeverzeichnis spell names differently (`Heide` vs `Heide, Stadt`, `Landkreis München`
 * vs `München`), so the folded cores are compared and one may contain the other.
 */
export function sameRegionName(written: string, stored: string): boolean {
  const a = nameCore(written);
  const b = nameCore(stored);
  if (a === '' || b === '') return true;
  return a === b || a.includes(b) || b.includes(a);
}
