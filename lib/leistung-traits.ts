/**
 * Leistungsmerkmale: what a gap report needs to know of a Leistung besides who carries it —
 * whether it needs its own online service, whether it costs a fee (ePayment), its
 * Vertrauensniveau (eID) — and the one precedence by which a rule, imported FIM or catalogue
 * data and the default combine. Pure data and functions.
 */

/** Vertrauensniveaus a rule may state (eIDAS/TR-03107 levels as XZuFi names them). */
export const TRUST_LEVELS = ['basisregistrierung', 'substantiell', 'hoch'] as const;

/** A Leistungsmerkmal rule as the resolution needs it. */
export interface TraitRule {
  id: number;
  leistungsschluessel: string;
  verrichtung: string;
  onlineRelevant: boolean | null;
  feeBearing: boolean | null;
  vertrauensniveau: string | null;
  reason: string;
  source: string;
}

/** Where a Leistung's value comes from: a Merkmal rule, the imported Leistung data (FIM or catalogue), or nowhere. */
export type TraitOrigin = 'regel' | 'leistungsdaten' | null;

/** The Merkmale of one Leistung, resolved, each with where it comes from. */
export interface ResolvedTraits {
  onlineRelevant: boolean;
  /** The rule that took the Leistung out of the strict rule (or put it back in); null by default. */
  relevanceRule: { id: number; reason: string; source: string } | null;
  feeBearing: boolean | null;
  feeOrigin: TraitOrigin;
  vertrauensniveau: string | null;
  trustOrigin: TraitOrigin;
}

/** Digits 9–11 of a Leistungsschlüssel: the LeiKa Verrichtung (e.g. `040` Ausgabe). */
export function verrichtungOf(leistungsschluessel: string): string {
  return leistungsschluessel.slice(8, 11);
}

/** Rules by scope for {@link resolveTraits}. */
export interface TraitRuleIndex {
  byKey: ReadonlyMap<string, TraitRule>;
  byVerrichtung: ReadonlyMap<string, TraitRule>;
}

/** Indexes rules by their scope. */
export function indexTraitRules(rules: readonly TraitRule[]): TraitRuleIndex {
  const byKey = new Map<string, TraitRule>();
  const byVerrichtung = new Map<string, TraitRule>();
  for (const rule of rules) {
    if (rule.leistungsschluessel) byKey.set(rule.leistungsschluessel, rule);
    else if (rule.verrichtung) byVerrichtung.set(rule.verrichtung, rule);
  }
  return { byKey, byVerrichtung };
}

/**
 * Resolves a Leistung's Merkmale. Online relevance: a rule for its Leistungsschlüssel, else one
 * for its Verrichtung, else relevant (every Leistung counts unless a rule with a reason says
 * otherwise). Fee and Vertrauensniveau: a rule for its Leistungsschlüssel (an administrator's
 * correction, or a table for Leistungen no FIM file covers), else the imported Leistung data,
 * else unknown — never assumed.
 */
export function resolveTraits(
  leistung: { schluessel: string; feeBearing: boolean | null; vertrauensniveau: string | null },
  index: TraitRuleIndex,
): ResolvedTraits {
  const own = index.byKey.get(leistung.schluessel);
  const relevance =
    own && own.onlineRelevant !== null ? own : index.byVerrichtung.get(verrichtungOf(leistung.schluessel));
  const relevant = relevance?.onlineRelevant ?? null;
  const fromRule = <T>(rule: T | null | undefined, data: T | null): [T | null, TraitOrigin] =>
    rule !== null && rule !== undefined ? [rule, 'regel'] : data !== null ? [data, 'leistungsdaten'] : [null, null];
  const [feeBearing, feeOrigin] = fromRule(own?.feeBearing, leistung.feeBearing);
  const [vertrauensniveau, trustOrigin] = fromRule(own?.vertrauensniveau, leistung.vertrauensniveau);
  return {
    onlineRelevant: relevant ?? true,
    relevanceRule:
      relevance && relevant !== null ? { id: relevance.id, reason: relevance.reason, source: relevance.source } : null,
    feeBearing,
    feeOrigin,
    vertrauensniveau,
    trustOrigin,
  };
}

/** A Vertrauensniveau for readers: XZuFi codes 30 and 40 by name, anything else as stated. */
export function trustLevelLabel(vertrauensniveau: string): string {
  const v = vertrauensniveau.trim();
  return v === '30' ? 'substantiell' : v === '40' ? 'hoch' : v;
}
