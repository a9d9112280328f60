import type { FieldProblem } from '../../lib/errors';
import type { DelegationCarrier, ResponsibilityLevel } from '../../lib/responsibility';
import {
  delegationProblems,
  delegationScope,
  ruleProblems,
  ruleScope,
  traitProblems,
  traitScope,
  type DelegationInput,
  type RuleInput,
  type TraitInput,
} from '../../services/responsibility-rule.service';
import type { ImportProblem } from '../import-report';
import { mapHeaders, type ColumnSpec, type HeaderMapping, type TabularSheet } from '../tabular';

/** Columns of a responsibility rule file (`data/reference/zustaendigkeitsregeln.csv`, the export). */
export const RULE_COLUMNS: ColumnSpec[] = [
  { name: 'leistungsschluessel', aliases: ['Leistungsschlüssel', 'leika_key'], required: false },
  { name: 'ozg_id', aliases: ['OZG-ID', 'ozgid'], required: false },
  { name: 'typ', aliases: ['Typisierung', 'leika_typ'], required: false },
  { name: 'land', aliases: ['Land', 'land_key', 'Landesschlüssel'], required: true },
  { name: 'level', aliases: ['Ebene'], required: true },
  { name: 'task_group', aliases: ['Aufgabengruppe'], required: true },
  { name: 'reason', aliases: ['Begründung'], required: true },
  { name: 'source', aliases: ['Quelle', 'Rechtsgrundlage'], required: true },
  // Written by the export (shipped or set by an administrator); an import decides it itself.
  { name: 'origin', aliases: ['Herkunft'], required: false },
];

/** Columns of a delegation file (`data/reference/aufgabenuebertragung.csv`, the export). */
export const DELEGATION_COLUMNS: ColumnSpec[] = [
  { name: 'land', aliases: ['Land', 'land_key', 'Landesschlüssel'], required: true },
  { name: 'unit_type', aliases: ['Einheitstyp', 'Verbandstyp'], required: true },
  { name: 'task_group', aliases: ['Aufgabengruppe'], required: true },
  { name: 'carrier', aliases: ['Träger', 'ausgeführt von'], required: true },
  { name: 'reason', aliases: ['Begründung'], required: true },
  { name: 'source', aliases: ['Quelle', 'Rechtsgrundlage'], required: true },
  { name: 'origin', aliases: ['Herkunft'], required: false },
];

/** Columns of a Leistungsmerkmal file (`data/reference/leistungsmerkmale.csv`, the export). */
export const TRAIT_COLUMNS: ColumnSpec[] = [
  { name: 'leistungsschluessel', aliases: ['Leistungsschlüssel', 'leika_key'], required: false },
  { name: 'verrichtung', aliases: ['Verrichtung'], required: false },
  { name: 'online_relevant', aliases: ['Online-Relevanz', 'online-relevant'], required: false },
  { name: 'fee_bearing', aliases: ['Gebühr', 'gebuehrenpflichtig', 'gebührenpflichtig'], required: false },
  { name: 'vertrauensniveau', aliases: ['Vertrauensniveau', 'trust_level'], required: false },
  { name: 'reason', aliases: ['Begründung'], required: true },
  { name: 'source', aliases: ['Quelle', 'Rechtsgrundlage'], required: true },
  { name: 'origin', aliases: ['Herkunft'], required: false },
];

/** The kinds of rule table a file can hold. */
export type RuleFileKind = 'rules' | 'delegation' | 'traits';

/**
 * Which rule table a file holds, by its headers: a unit type column means delegation; a
 * Verrichtung, online relevance or fee column means Leistungsmerkmale.
 */
export function ruleFileKind(sheet: TabularSheet): RuleFileKind {
  if (mapHeaders(sheet, DELEGATION_COLUMNS).index.has('unit_type')) return 'delegation';
  const traits = mapHeaders(sheet, TRAIT_COLUMNS).index;
  return ['verrichtung', 'online_relevant', 'fee_bearing'].some((c) => traits.has(c)) ? 'traits' : 'rules';
}

function cellOf(mapping: HeaderMapping, cells: string[]) {
  return (name: string): string => {
    const index = mapping.index.get(name);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
}

/** The API's field names (`#/taskGroup`) as the file's columns (`task_group`, as the user wrote it). */
const COLUMN_OF: Record<string, string> = {
  ozgId: 'ozg_id',
  onlineRelevant: 'online_relevant',
  feeBearing: 'fee_bearing',
  taskGroup: 'task_group',
  unitType: 'unit_type',
  landKey: 'land',
};

function rowProblems(row: number, mapping: HeaderMapping, problems: FieldProblem[]): ImportProblem[] {
  return problems.map((p) => {
    const field = (p.pointer ?? '').replace(/^#\//, '');
    const name = COLUMN_OF[field] ?? field;
    return { severity: 'error', row, column: mapping.header.get(name) ?? name, detail: p.detail };
  });
}

/** Reads rule rows; every problem of every row, one scope once per file. */
export function parseRuleRows(
  sheet: TabularSheet,
  mapping: HeaderMapping,
): { rows: RuleInput[]; problems: ImportProblem[] } {
  const rows: RuleInput[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const cell = cellOf(mapping, cells);
    const ozgText = cell('ozg_id');
    const ozgId = ozgText === '' ? null : /^\d{1,9}$/.test(ozgText) ? Number(ozgText) : NaN;
    const input: RuleInput = {
      leistungsschluessel: cell('leistungsschluessel'),
      ozgId: Number.isNaN(ozgId) ? -1 : ozgId,
      typ: cell('typ'),
      landKey: cell('land'),
      level: cell('level') as ResponsibilityLevel,
      taskGroup: cell('task_group'),
      reason: cell('reason'),
      source: cell('source'),
    };
    const found = ruleProblems(input);
    const scope = ruleScope(input);
    const first = seen.get(scope);
    if (first !== undefined) {
      found.push({ pointer: '#/land', detail: `dieselbe Regel wie in Zeile ${first}: jede Regel nur einmal je Datei` });
    } else seen.set(scope, row);
    if (found.length > 0) problems.push(...rowProblems(row, mapping, found));
    else rows.push(input);
  }
  return { rows, problems };
}

/** Reads delegation rows; every problem of every row. */
export function parseDelegationRows(
  sheet: TabularSheet,
  mapping: HeaderMapping,
): { rows: DelegationInput[]; problems: ImportProblem[] } {
  const rows: DelegationInput[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const cell = cellOf(mapping, cells);
    const input: DelegationInput = {
      landKey: cell('land'),
      unitType: cell('unit_type'),
      taskGroup: cell('task_group'),
      carrier: cell('carrier') as DelegationCarrier,
      reason: cell('reason'),
      source: cell('source'),
    };
    const found = delegationProblems(input);
    const scope = delegationScope(input);
    const first = seen.get(scope);
    if (first !== undefined) {
      found.push({ pointer: '#/taskGroup', detail: `dieselbe Aufgabengruppe wie in Zeile ${first}` });
    } else seen.set(scope, row);
    if (found.length > 0) problems.push(...rowProblems(row, mapping, found));
    else rows.push(input);
  }
  return { rows, problems };
}

/** `ja`/`nein` (also true/false, 1/0) as a boolean, `''` as null, anything else undefined. */
function yesNo(text: string): boolean | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (['ja', 'true', '1', 'yes'].includes(t)) return true;
  if (['nein', 'false', '0', 'no'].includes(t)) return false;
  return undefined;
}

/** Reads Leistungsmerkmal rows; every problem of every row, one scope once per file. */
export function parseTraitRows(
  sheet: TabularSheet,
  mapping: HeaderMapping,
): { rows: TraitInput[]; problems: ImportProblem[] } {
  const rows: TraitInput[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const cell = cellOf(mapping, cells);
    const found: FieldProblem[] = [];
    const flag = (name: 'online_relevant' | 'fee_bearing', pointer: string): boolean | null => {
      const value = yesNo(cell(name));
      if (value === undefined) found.push({ pointer: `#/${pointer}`, detail: '„ja“, „nein“ oder leer' });
      return value ?? null;
    };
    const trust = cell('vertrauensniveau').toLowerCase();
    const input: TraitInput = {
      leistungsschluessel: cell('leistungsschluessel'),
      verrichtung: cell('verrichtung'),
      onlineRelevant: flag('online_relevant', 'onlineRelevant'),
      feeBearing: flag('fee_bearing', 'feeBearing'),
      vertrauensniveau: trust === '' ? null : trust,
      reason: cell('reason'),
      source: cell('source'),
    };
    found.push(...traitProblems(input));
    const scope = traitScope(input);
    const first = seen.get(scope);
    if (first !== undefined) {
      found.push({ pointer: '#/leistungsschluessel', detail: `dasselbe Merkmal wie in Zeile ${first}` });
    } else seen.set(scope, row);
    if (found.length > 0) problems.push(...rowProblems(row, mapping, found));
    else rows.push(input);
  }
  return { rows, problems };
}
