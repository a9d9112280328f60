/**
 * The OZG maturity models (DOMAIN.md §6) and the vocabulary of online offerings. Pure data and
 * functions: used by the offering importers (validation) and the gap reports (comparison).
 */

export const MATURITY_MODELS = ['RGM-1.1', 'RGM-2.0'] as const;
export type MaturityModel = (typeof MATURITY_MODELS)[number];

/** Highest level per model: Reifegradmodell 1.1 has 0–4, 2.0 (since July 2025) 0–7. */
export const MAX_LEVEL: Record<MaturityModel, number> = { 'RGM-1.1': 4, 'RGM-2.0': 7 };

/** German names of the levels, for the UI and exports. */
export const LEVEL_LABELS: Record<MaturityModel, readonly string[]> = {
  'RGM-1.1': ['offline', 'Information', 'Formular-Assistent', 'Online-Leistung', 'Online-Transaktion'],
  'RGM-2.0': [
    'offline',
    'Information',
    'Formular-Assistent',
    'Online-Antragsdienst',
    'prozessorientiert',
    'datenzentriert',
    'durchgängig digital (mit Basiskomponenten)',
    'Ende-zu-Ende digital',
  ],
};

/**
 * Levels of one model expressed in the other, for comparing a value with a target given in the
 * other model. An approximation (the models are not defined on each other): RGM 2.0 levels 0–3
 * describe the front end and match 1.1 levels 0–3; 2.0 levels 5–7 are fully digital with
 * once-only data (1.1 level 4); 2.0 level 4 (process orientation) still counts as 1.1 level 3.
 * Reports say when a comparison used it.
 */
const CONVERSION: Record<MaturityModel, Record<MaturityModel, readonly number[]>> = {
  'RGM-1.1': { 'RGM-1.1': [0, 1, 2, 3, 4], 'RGM-2.0': [0, 1, 2, 3, 5] },
  'RGM-2.0': { 'RGM-1.1': [0, 1, 2, 3, 3, 4, 4, 4], 'RGM-2.0': [0, 1, 2, 3, 4, 5, 6, 7] },
};

/** A level of `from` expressed in `to` (see {@link CONVERSION}). */
export function convertLevel(level: number, from: MaturityModel, to: MaturityModel): number {
  return CONVERSION[from][to][Math.max(0, Math.min(level, MAX_LEVEL[from]))];
}

/** A target: the model and the level a Leistung must reach. */
export interface MaturityTarget {
  model: MaturityModel;
  level: number;
}

/** The OZG obligation counts as met from level 3 of Reifegradmodell 1.1 (DOMAIN.md §6). */
export const DEFAULT_TARGET: MaturityTarget = { model: 'RGM-1.1', level: 3 };

/** `RGM-1.1:3`, or `3` (model 1.1), as the API and CLI accept it. */
export function parseTarget(text: string | undefined): MaturityTarget | undefined {
  if (text === undefined || text === '') return DEFAULT_TARGET;
  const match = /^(?:(RGM-1\.1|RGM-2\.0):)?(\d)$/i.exec(text.trim());
  if (!match) return undefined;
  const model = (match[1]?.toUpperCase() ?? 'RGM-1.1') as MaturityModel;
  const level = Number(match[2]);
  return level <= MAX_LEVEL[model] ? { model, level } : undefined;
}

/** `RGM-1.1:3`. */
export function formatTarget(target: MaturityTarget): string {
  return `${target.model}:${target.level}`;
}

/**
 * Criteria the maturity models score and that the component table (`lib/component-caps.ts`)
 * refers to. Offerings may name other criteria too; these are the ones with a known meaning here.
 */
export const KNOWN_CRITERIA = [
  'informationsangebot',
  'antragsprozess',
  'nutzerkonto',
  'authentifizierung',
  'nachweise',
  'bezahlprozess',
  'rueckkanal',
  'bescheid',
  'statusinformation',
  'once-only',
] as const;

/**
 * The overall level of a set of criterion levels: the lowest criterion sets it (both models).
 * Undefined when no criterion is given.
 */
export function overallLevel(criteria: Record<string, number> | null | undefined): number | undefined {
  if (!criteria) return undefined;
  const levels = Object.values(criteria);
  return levels.length === 0 ? undefined : Math.min(...levels);
}

/**
 * Checks a maturity value and returns its overall level, or German problems. A level above the
 * lowest criterion is refused (the lowest criterion sets the level); without a level the lowest
 * criterion is taken.
 */
export function checkMaturity(value: {
  model: MaturityModel;
  level?: number | null;
  criteria?: Record<string, number> | null;
}): { level: number | null; problems: { field: string; detail: string }[] } {
  const problems: { field: string; detail: string }[] = [];
  const max = MAX_LEVEL[value.model];
  for (const [criterion, level] of Object.entries(value.criteria ?? {})) {
    if (!Number.isInteger(level) || level < 0 || level > max) {
      problems.push({
        field: `criteria/${criterion}`,
        detail: `muss eine Stufe von 0 bis ${max} (${value.model}) sein`,
      });
    }
  }
  if (value.level !== undefined && value.level !== null && (value.level < 0 || value.level > max)) {
    problems.push({ field: 'level', detail: `muss eine Stufe von 0 bis ${max} (${value.model}) sein` });
  }
  const lowest = overallLevel(value.criteria);
  if (problems.length === 0 && lowest !== undefined && value.level !== undefined && value.level !== null) {
    if (value.level > lowest) {
      problems.push({
        field: 'level',
        detail: `Stufe ${value.level} liegt über dem niedrigsten Kriterium (${lowest}); das niedrigste Kriterium bestimmt den Reifegrad`,
      });
    }
  }
  return { level: value.level ?? lowest ?? null, problems };
}

export const OFFERING_STATUSES = ['online', 'planned', 'offline', 'unknown'] as const;
export type OfferingStatus = (typeof OFFERING_STATUSES)[number];

export const OFFERING_STATUS_LABELS: Record<OfferingStatus, string> = {
  online: 'online',
  planned: 'in Umsetzung',
  offline: 'nicht online',
  unknown: 'unbekannt',
};

/** Where an offering came from: entered by hand, the OZG dashboard data, a FIM import, demo data. */
export const OFFERING_SOURCES = ['manual', 'dashboard', 'fim', 'demo'] as const;
export type OfferingSource = (typeof OFFERING_SOURCES)[number];
