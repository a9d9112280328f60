import type { FieldProblem } from '../../lib/errors';
import type { DelegationCarrier, ResponsibilityLevel } from '../../lib/responsibility';
import {
  delegationProblems,
  delegationScope,
  ruleProblems,
  ruleScope,
  type DelegationInput,
  type RuleInput,
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

/** Which of the two rule tables a file holds, by its headers: a unit type column means delegation. */
export function ruleFileKind(sheet: TabularSheet): 'rules' | 'delegation' {
  return mapHeaders(sheet, DELEGATION_COLUMNS).index.has('unit_type') ? 'delegation' : 'rules';
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
