import type { FieldProblem } from '../lib/errors';
import {
  CITY_STATUSES,
  DELEGATION_CARRIERS,
  GEMEINDE_TASK_GROUPS,
  KREIS_TASK_GROUPS,
  RESPONSIBILITY_LEVELS,
  VERBAND_TYPES,
  type DelegationCarrier,
  type ResponsibilityLevel,
} from '../lib/responsibility';

/**
 * The rule tables as users write them (API bodies, rows of an import file, the shipped tables),
 * and the one check of each rule that the API, the import, the web form and the shipped defaults
 * all apply.
 */

/** A responsibility rule as users write it (API body, a row of an import file, the shipped table). */
export interface RuleInput {
  /** 14-digit Leistungsschlüssel, or `''`. */
  leistungsschluessel: string;
  /** OZG-ID: the scope when there is no Leistungsschlüssel, else informational. */
  ozgId: number | null;
  /** Typisierung for a fallback rule, or `''`. */
  typ: string;
  /** Land key, or `''` for every Land. */
  landKey: string;
  level: ResponsibilityLevel;
  taskGroup: string;
  reason: string;
  source: string;
}

/** Land law on one task group for one type of unit, as users write it. */
export interface DelegationInput {
  landKey: string;
  unitType: string;
  taskGroup: string;
  carrier: DelegationCarrier;
  reason: string;
  source: string;
}

/** A stored rule as the API shows it. */
export interface RuleView extends RuleInput {
  id: number;
  origin: 'default' | 'user';
}

/** A stored delegation rule as the API shows it. */
export interface DelegationView extends DelegationInput {
  id: number;
  origin: 'default' | 'user';
}

/** The 16 Land keys. */
export const LAND_KEYS: ReadonlySet<string> = new Set(
  Array.from({ length: 16 }, (_, i) => String(i + 1).padStart(2, '0')),
);

/** The scope that identifies a rule: `leistung:…`, `ozg:…` or `typ:…`, with `@land` for a Land's exception. */
export function ruleScope(rule: Pick<RuleInput, 'leistungsschluessel' | 'ozgId' | 'typ' | 'landKey'>): string {
  const scope = rule.leistungsschluessel
    ? `leistung:${rule.leistungsschluessel}`
    : rule.typ
      ? `typ:${rule.typ}`
      : `ozg:${rule.ozgId ?? ''}`;
  return rule.landKey ? `${scope}@${rule.landKey}` : scope;
}

/**
 * What is wrong with a rule, in German, field by field: it names exactly one scope (a
 * Leistungsschlüssel, else an OZG-ID, else a Typ), a valid Land, a level, a task group that
 * belongs to that level (required for Gemeinde and Kreis tasks, which Verband and city delegation
 * act on; empty otherwise), a reason.
 */
export function ruleProblems(rule: RuleInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const field = (name: string, detail: string) => problems.push({ pointer: `#/${name}`, detail });
  if (rule.leistungsschluessel && !/^\d{14}$/.test(rule.leistungsschluessel)) {
    field('leistungsschluessel', 'ein Leistungsschlüssel hat 14 Ziffern');
  }
  if (rule.typ && (rule.leistungsschluessel || rule.ozgId !== null)) {
    field(
      'typ',
      'eine Regel gilt entweder für eine Typisierung oder für eine Leistung bzw. OZG-Leistung, nicht beides',
    );
  }
  if (!rule.leistungsschluessel && rule.ozgId === null && !rule.typ) {
    field('leistungsschluessel', 'Leistungsschlüssel, OZG-ID oder Typisierung angeben');
  }
  if (rule.typ && !/^\d{1,2}(\/\d{1,2})?$/.test(rule.typ)) field('typ', 'Typisierung wie 1, 2, 2/3, 4 oder 5');
  if (rule.ozgId !== null && !(Number.isInteger(rule.ozgId) && rule.ozgId > 0))
    field('ozgId', 'eine positive ganze Zahl');
  if (rule.landKey && !LAND_KEYS.has(rule.landKey))
    field('land', 'Landesschlüssel 01 bis 16 oder leer für alle Länder');
  if (!(RESPONSIBILITY_LEVELS as readonly string[]).includes(rule.level)) {
    field('level', `eine von: ${RESPONSIBILITY_LEVELS.join(', ')}`);
  }
  const groups: readonly string[] =
    rule.level === 'gemeinde' ? GEMEINDE_TASK_GROUPS : rule.level === 'kreis' ? KREIS_TASK_GROUPS : [];
  if (groups.length > 0 && !groups.includes(rule.taskGroup)) {
    field('taskGroup', `für Ebene ${rule.level} eine von: ${groups.join(', ')}`);
  }
  if (groups.length === 0 && rule.taskGroup) field('taskGroup', 'nur für Gemeinde- und Kreisaufgaben');
  if (!rule.reason.trim())
    field('reason', 'eine Begründung angeben (sie steht neben jeder Zahl, die auf der Regel beruht)');
  return problems;
}

/** What is wrong with a delegation rule, field by field. */
export function delegationProblems(rule: DelegationInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const field = (name: string, detail: string) => problems.push({ pointer: `#/${name}`, detail });
  if (!LAND_KEYS.has(rule.landKey)) field('land', 'Landesschlüssel 01 bis 16');
  const verband = (VERBAND_TYPES as readonly string[]).includes(rule.unitType);
  const city = (CITY_STATUSES as readonly string[]).includes(rule.unitType);
  if (!verband && !city) {
    field(
      'unitType',
      `Textkennzeichen eines Gemeindeverbands (${VERBAND_TYPES.join(', ')}) oder ${CITY_STATUSES.join(', ')}`,
    );
  }
  const groups: readonly string[] = verband ? GEMEINDE_TASK_GROUPS : KREIS_TASK_GROUPS;
  if ((verband || city) && !groups.includes(rule.taskGroup)) field('taskGroup', `eine von: ${groups.join(', ')}`);
  const carriers: readonly string[] = verband ? ['verband', 'mitglied'] : ['stadt', 'kreis'];
  if (
    !(DELEGATION_CARRIERS as readonly string[]).includes(rule.carrier) ||
    ((verband || city) && !carriers.includes(rule.carrier))
  ) {
    field('carrier', `eine von: ${carriers.join(', ')}`);
  }
  if (!rule.reason.trim()) field('reason', 'eine Begründung angeben');
  return problems;
}

/** The scope that identifies a delegation rule: Land, unit type and task group. */
export const delegationScope = (r: Pick<DelegationInput, 'landKey' | 'unitType' | 'taskGroup'>) =>
  `${r.landKey}|${r.unitType}|${r.taskGroup}`;
