import type { FieldProblem } from '../lib/errors';
import { TRUST_LEVELS } from '../lib/leistung-traits';

/**
 * Leistungsmerkmal rules as users write them (API body, a row of an import file, the shipped
 * table), and the one check the API, the import and the shipped defaults apply.
 */

/** A Leistungsmerkmal rule as users write it. */
export interface TraitInput {
  /** 14-digit Leistungsschlüssel, or `''` for a Verrichtung rule. */
  leistungsschluessel: string;
  /** 3-digit LeiKa Verrichtung (digits 9–11 of the key), or `''`. */
  verrichtung: string;
  onlineRelevant: boolean | null;
  feeBearing: boolean | null;
  vertrauensniveau: string | null;
  reason: string;
  source: string;
}

/** A stored Merkmal rule as the API shows it. */
export interface TraitView extends TraitInput {
  id: number;
  origin: 'default' | 'user';
}

/** The scope that identifies a Merkmal rule: `leistung:…` or `verrichtung:…`. */
export function traitScope(rule: Pick<TraitInput, 'leistungsschluessel' | 'verrichtung'>): string {
  return rule.leistungsschluessel ? `leistung:${rule.leistungsschluessel}` : `verrichtung:${rule.verrichtung}`;
}

/**
 * What is wrong with a Merkmal rule, in German, field by field: exactly one scope; a Verrichtung
 * rule says only whether Leistungen of that Verrichtung need an online service (a fee or a
 * Vertrauensniveau per Verrichtung would be a guess); at least one Merkmal; a known
 * Vertrauensniveau; a reason.
 */
export function traitProblems(rule: TraitInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const field = (name: string, detail: string) => problems.push({ pointer: `#/${name}`, detail });
  if (rule.leistungsschluessel && !/^\d{14}$/.test(rule.leistungsschluessel)) {
    field('leistungsschluessel', 'ein Leistungsschlüssel hat 14 Ziffern');
  }
  if (rule.verrichtung && !/^\d{3}$/.test(rule.verrichtung)) {
    field('verrichtung', 'eine Verrichtung hat 3 Ziffern (Stellen 9 bis 11 des Leistungsschlüssels)');
  }
  if (rule.leistungsschluessel && rule.verrichtung) {
    field('verrichtung', 'eine Regel gilt entweder für einen Leistungsschlüssel oder für eine Verrichtung');
  }
  if (!rule.leistungsschluessel && !rule.verrichtung) {
    field('leistungsschluessel', 'Leistungsschlüssel oder Verrichtung angeben');
  }
  if (rule.verrichtung && (rule.feeBearing !== null || rule.vertrauensniveau !== null)) {
    field('verrichtung', 'Gebühr und Vertrauensniveau nur je Leistungsschlüssel angeben');
  }
  if (rule.onlineRelevant === null && rule.feeBearing === null && rule.vertrauensniveau === null) {
    field('onlineRelevant', 'mindestens ein Merkmal angeben: Online-Relevanz, Gebühr oder Vertrauensniveau');
  }
  if (rule.vertrauensniveau !== null && !(TRUST_LEVELS as readonly string[]).includes(rule.vertrauensniveau)) {
    field('vertrauensniveau', `eines von: ${TRUST_LEVELS.join(', ')}`);
  }
  if (!rule.reason.trim())
    field('reason', 'eine Begründung angeben (sie steht neben jeder Zahl, die auf der Regel beruht)');
  return problems;
}
