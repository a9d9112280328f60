/**
 * Who carries a Leistung (DOMAIN.md §5): the vocabulary shared by the rule table, the derived
 * responsibility tables and the gap reports.
 */

/**
 * Administrative levels a Leistung can fall to: every Gemeinde, the Kreis (for kreisangehörige
 * Gemeinden the Landkreis; a kreisfreie Stadt carries it itself), the Land, the Bund; `keine`
 * for no administration at all, `unbekannt` where no rule says.
 */
export const RESPONSIBILITY_LEVELS = ['gemeinde', 'kreis', 'land', 'bund', 'keine', 'unbekannt'] as const;
export type ResponsibilityLevel = (typeof RESPONSIBILITY_LEVELS)[number];

export const RESPONSIBILITY_LEVEL_LABELS: Record<ResponsibilityLevel | 'explicit', string> = {
  gemeinde: 'Gemeinde',
  kreis: 'Kreis bzw. kreisfreie Stadt',
  land: 'Land',
  bund: 'Bund',
  keine: 'keine Verwaltung',
  unbekannt: 'unbekannt',
  explicit: 'laut Zuständigkeitsdaten',
};

/** Where a responsibility comes from, from strongest to weakest evidence. */
export const RESPONSIBILITY_SOURCES = ['zustaendigkeit', 'regel', 'typisierung'] as const;
export type ResponsibilitySource = (typeof RESPONSIBILITY_SOURCES)[number];

export const RESPONSIBILITY_SOURCE_LABELS: Record<ResponsibilitySource, string> = {
  zustaendigkeit: 'Zuständigkeitsdaten (FIM)',
  regel: 'Regel für diese OZG-Leistung',
  typisierung: 'Typisierung (Heuristik)',
};

/**
 * Kinds of administrative unit a report counts. `gemeinde`: a kreisangehörige Gemeinde;
 * `kreisfreie-stadt`: also carries Kreis tasks; `stadtstaat`: Berlin and Hamburg, whose one
 * Gemeinde is also the Land; `kreis`: a Landkreis (Kreis, Regionalverband).
 */
export const UNIT_KINDS = ['gemeinde', 'kreisfreie-stadt', 'stadtstaat', 'kreis'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The levels a unit of this kind carries. */
export const LEVELS_CARRIED: Record<UnitKind, readonly ResponsibilityLevel[]> = {
  gemeinde: ['gemeinde'],
  'kreisfreie-stadt': ['gemeinde', 'kreis'],
  stadtstaat: ['gemeinde', 'kreis', 'land'],
  kreis: ['kreis'],
};

/** True when a unit of `kind` carries Leistungen of `level`. */
export function carries(kind: UnitKind, level: ResponsibilityLevel | 'explicit'): boolean {
  return level !== 'explicit' && LEVELS_CARRIED[kind].includes(level);
}
