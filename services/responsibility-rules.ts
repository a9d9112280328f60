import type { ResponsibilityLevel } from '../lib/responsibility';

/** A rule as the matcher needs it (see `entities/responsibility-rule.entity.ts`). */
export interface RuleRow {
  id: number;
  leistungsschluessel: string;
  /** OZG-ID of an OZG-Leistung rule; 0 for a Leistungsschlüssel or Typ rule. */
  ozgScope: number;
  typ: string;
  landKey: string;
  level: ResponsibilityLevel;
  taskGroup: string;
}

/** The level and task group a Leistung falls to in one Land, and which rule says so. */
export interface RuleDecision {
  level: ResponsibilityLevel;
  taskGroup: string;
  source: 'regel' | 'typisierung';
  ruleId: number | null;
}

/** Most local first: a Leistung typed `1, 2/3` is carried where its most local part is. */
const LOCALITY: ResponsibilityLevel[] = ['gemeinde', 'kreis', 'land', 'bund', 'andere', 'keine', 'unbekannt'];

/**
 * The Typ codes of a Typisierung as written: `2/3` stays one code, `1, 2/3` gives two, `4a` is
 * Typ 4 (the letter only distinguishes variants of the same split of powers).
 */
export function typCodes(typisierung: string | null): string[] {
  if (!typisierung) return [];
  const codes: string[] = [];
  for (const part of typisierung.split(/[,;]/)) {
    const match = /^\s*(\d{1,2})(?:\s*\/\s*(\d{1,2}))?[a-z]?\s*$/i.exec(part);
    if (match) codes.push(match[2] ? `${match[1]}/${match[2]}` : match[1]);
  }
  return codes;
}

/**
 * Rules indexed for the decision: by Leistungsschlüssel, by OZG-ID and by Typ, each keyed with the
 * Land (`''` for every Land), so one Leistung costs a handful of map look-ups.
 */
export class RuleIndex {
  private readonly byKey = new Map<string, RuleRow>();
  private readonly byOzg = new Map<string, RuleRow>();
  private readonly byTyp = new Map<string, RuleRow>();

  constructor(rules: RuleRow[]) {
    for (const rule of rules) {
      const [map, scope] = rule.leistungsschluessel
        ? [this.byKey, rule.leistungsschluessel]
        : rule.ozgScope
          ? [this.byOzg, String(rule.ozgScope)]
          : [this.byTyp, rule.typ];
      const key = `${scope}|${rule.landKey}`;
      const existing = map.get(key);
      if (!existing || rule.id < existing.id) map.set(key, rule);
    }
  }

  /**
   * Which level carries a Leistung in a Land. Precedence, most specific first: a rule for its
   * Leistungsschlüssel in this Land, for its OZG-Leistung in this Land, for its Leistungsschlüssel
   * in every Land, for its OZG-Leistung in every Land — a Land's exception beats a general rule,
   * a Leistung's rule beats its OZG-Leistung's. Only then the Typ fallback: per Typ code (this
   * Land before every Land), the most local level any code falls to. No rule: `unbekannt` (such
   * a Leistung counts for nobody, and reports say so).
   */
  decide(
    leistung: { schluessel: string; typisierung: string | null; ozgId: number | null },
    landKey: string,
  ): RuleDecision {
    const ozg = leistung.ozgId === null ? null : String(leistung.ozgId);
    const rule =
      this.byKey.get(`${leistung.schluessel}|${landKey}`) ??
      (ozg ? this.byOzg.get(`${ozg}|${landKey}`) : undefined) ??
      this.byKey.get(`${leistung.schluessel}|`) ??
      (ozg ? this.byOzg.get(`${ozg}|`) : undefined);
    if (rule) return { level: rule.level, taskGroup: rule.taskGroup, source: 'regel', ruleId: rule.id };
    let decision: RuleDecision = { level: 'unbekannt', taskGroup: '', source: 'typisierung', ruleId: null };
    for (const typ of typCodes(leistung.typisierung)) {
      const fallback = this.byTyp.get(`${typ}|${landKey}`) ?? this.byTyp.get(`${typ}|`);
      if (
        fallback &&
        (decision.ruleId === null || LOCALITY.indexOf(fallback.level) < LOCALITY.indexOf(decision.level))
      ) {
        decision = { level: fallback.level, taskGroup: fallback.taskGroup, source: 'typisierung', ruleId: fallback.id };
      }
    }
    return decision;
  }
}
