import { BadRequestError } from '../../lib/errors';
import { DEFAULT_TARGET, parseTarget, type MaturityTarget } from '../../lib/maturity';
import type { CatalogueFacets } from './catalogue-facets';
import type { CatalogueFilter } from './queries';

/**
 * The options of the OZG gap and attainable reports — target and catalogue filter — as the API
 * query, the CLI flags and the pages' form hand them in. One rule decides what is valid; each
 * caller words the problems for its audience (problem details, a CLI message, form errors).
 */
export interface GapOptionInput {
  /** `3`, `RGM-1.1:3`, `RGM-2.0:4`; empty or absent means the default target. */
  target?: string;
  /** Themenfeld number or name. */
  themenfeld?: string;
  /** Lebenslage number or name. */
  lebenslage?: string;
  /** An OZG-ID, as text (CLI, form) or already a number (API). */
  ozgId?: string | number;
  /** true: only Fokusleistungen, false: only the others. */
  fokus?: boolean;
  /** true: only EfA-Leistungen, false: only the others. */
  efa?: boolean;
}

/** The option a problem is about. */
export type GapOptionField = 'target' | 'themenfeld' | 'lebenslage' | 'ozgId' | 'fokus';

/**
 * What is wrong: `malformed` (not a target or OZG-ID), `no-target` (level 0 where a target is
 * required), `unknown` (not in the active catalogue), `none-marked` (no Fokusleistung marked).
 */
export type GapOptionProblemKind = 'malformed' | 'no-target' | 'unknown' | 'none-marked';

/** One invalid option and the text it was given. */
export interface GapOptionProblem {
  field: GapOptionField;
  kind: GapOptionProblemKind;
  value: string;
}

/** How strict to be beyond the syntax. */
export interface GapOptionRules {
  /**
   * Level 0 ("no online service at all") as a target: the API and CLI accept it (everything
   * meets it, a way to list responsibilities); the pages' form offers only real targets.
   */
  allowLevelZero?: boolean;
  /** The active catalogue: Themenfeld, Lebenslage and the Fokus flag must then exist in it. */
  catalogue?: CatalogueFacets;
}

/** Parsed options: the target (the default where it was invalid), the filter without invalid parts, the problems. */
export interface GapOptions {
  target: MaturityTarget;
  filter: CatalogueFilter;
  problems: GapOptionProblem[];
}

/** The order problems are reported in (the pages' form lists them so). */
const PROBLEM_ORDER: readonly GapOptionField[] = ['target', 'themenfeld', 'lebenslage', 'fokus', 'ozgId'];

/** An OZG-ID: a positive whole number (the catalogue's IDs have at most five digits). */
const OZG_ID = /^[1-9]\d{0,8}$/;

/** Parses the options of a gap or attainable report; see {@link GapOptionRules} for the checks. */
export function parseGapOptions(input: GapOptionInput, rules: GapOptionRules = {}): GapOptions {
  const problems: GapOptionProblem[] = [];
  const problem = (field: GapOptionField, kind: GapOptionProblemKind, value: string) =>
    problems.push({ field, kind, value });
  const parsed = parseTarget(input.target);
  if (!parsed) problem('target', 'malformed', input.target ?? '');
  else if (parsed.level === 0 && !rules.allowLevelZero) problem('target', 'no-target', input.target ?? '');
  const filter: CatalogueFilter = {};
  const { catalogue } = rules;
  if (input.themenfeld) {
    if (catalogue && !catalogue.themenfelder.some((f) => f.value === input.themenfeld)) {
      problem('themenfeld', 'unknown', input.themenfeld);
    } else filter.themenfeld = input.themenfeld;
  }
  if (input.lebenslage) {
    if (catalogue && !catalogue.lebenslagen.some((f) => f.value === input.lebenslage)) {
      problem('lebenslage', 'unknown', input.lebenslage);
    } else filter.lebenslage = input.lebenslage;
  }
  if (input.ozgId !== undefined && input.ozgId !== '') {
    const text = String(input.ozgId);
    if (OZG_ID.test(text)) filter.ozgId = Number(text);
    else problem('ozgId', 'malformed', text);
  }
  if (input.fokus !== undefined) {
    if (input.fokus && catalogue && !catalogue.fokusCount) problem('fokus', 'none-marked', 'true');
    else filter.fokus = input.fokus;
  }
  if (input.efa !== undefined) filter.efa = input.efa;
  const target = parsed && !problems.some((p) => p.field === 'target') ? parsed : DEFAULT_TARGET;
  problems.sort((a, b) => PROBLEM_ORDER.indexOf(a.field) - PROBLEM_ORDER.indexOf(b.field));
  return { target, filter, problems };
}

/** The 400 of an invalid target, pointing at the `target` parameter. */
export function invalidTargetError(text: string): BadRequestError {
  return new BadRequestError(`Ungültiges Ziel „${text}“.`, [
    { parameter: 'target', detail: 'Stufe 0–4 (RGM-1.1) oder RGM-2.0:0–7, z. B. RGM-1.1:3' },
  ]);
}

/**
 * The target of a report request that crosses to a compute worker as text (plain data): the
 * caller formatted it from a parsed target, so a failure here means a hand-made request.
 */
export function targetFromText(text: string): MaturityTarget {
  const target = parseTarget(text);
  if (!target) throw invalidTargetError(text);
  return target;
}
