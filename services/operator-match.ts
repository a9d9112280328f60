import type { FieldProblem } from '../lib/errors';
import { editDistance } from '../lib/edit-distance';
import { searchKey } from '../lib/text';

/** An operator as the near-match check needs it (a stored one or a row of the preloaded cache). */
export interface OperatorCandidate {
  id: number;
  name: string;
  shortName: string | null;
  type: string;
}

/** Why a stored operator looks like the name someone typed. */
export type NearMatchReason = 'same-letters' | 'prefix' | 'abbreviation' | 'contains' | 'similar';

/** A stored operator that the typed name probably means. */
export interface NearMatch {
  operator: OperatorCandidate;
  reason: NearMatchReason;
}

/** German wording of each reason, for "Meinten Sie …?" messages. */
export const NEAR_MATCH_REASON_LABELS: Record<NearMatchReason, string> = {
  'same-letters': 'gleiche Schreibung bis auf Leer- und Satzzeichen',
  prefix: 'Anfang des Namens oder Kurznamens',
  abbreviation: 'Abkürzung des Namens',
  contains: 'enthält den Kurznamen',
  similar: 'ähnliche Schreibung',
};

/**
 * Legal forms and filler words: "KIV Thüringen GmbH" and "KIV Thüringen" name the same body,
 * and initials skip "für", "in", "und" ("Anstalt für Kommunale Datenverarbeitung in Bayern" → AKDB).
 */
const LEGAL_FORMS = new Set(['gmbh', 'mbh', 'aoer', 'aor', 'eg', 'ev', 'ag', 'kg', 'co', 'kdoer', 'se']);
const FILLER = new Set(['und', 'der', 'die', 'das', 'des', 'fuer', 'in', 'im', 'von', 'vom', 'zu', 'zur', 'am', 'an']);

/** Folded words of a name, punctuation dropped, legal forms left out. */
export function nameTokens(name: string): string[] {
  return searchKey(name)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '' && !LEGAL_FORMS.has(t));
}

function startsWith(tokens: string[], prefix: string[]): boolean {
  return prefix.length > 0 && prefix.length < tokens.length && prefix.every((t, i) => tokens[i] === t);
}

function containsRun(tokens: string[], run: string[]): boolean {
  if (run.length === 0 || run.length >= tokens.length) return false;
  for (let i = 0; i + run.length <= tokens.length; i += 1) if (run.every((t, j) => tokens[i + j] === t)) return true;
  return false;
}

function initials(tokens: string[]): string {
  return tokens
    .filter((t) => !FILLER.has(t))
    .map((t) => t[0])
    .join('');
}

/** Typos allowed for a name of this length: none below 5 letters ("KDO" and "KDN" are two bodies). */
function allowedTypos(length: number): number {
  if (length < 5) return 0;
  return length < 10 ? 1 : 2;
}

/** Tokens of each candidate, computed once: an import compares every new name with every operator. */
const tokenMemo = new WeakMap<OperatorCandidate, string[][]>();

function candidateNames(candidate: OperatorCandidate): string[][] {
  let names = tokenMemo.get(candidate);
  if (!names) {
    names = [nameTokens(candidate.name), ...(candidate.shortName ? [nameTokens(candidate.shortName)] : [])];
    tokenMemo.set(candidate, names);
  }
  return names;
}

/** Why `typed` looks like one of the candidate's names, or null. */
function reasonFor(typed: string[], candidate: OperatorCandidate): NearMatchReason | null {
  const names = candidateNames(candidate);
  const compact = typed.join('');
  if (compact.length < 2) return null;
  for (const tokens of names) if (tokens.join('') === compact) return 'same-letters';
  for (const tokens of names) if (startsWith(tokens, typed)) return 'prefix';
  if (typed.length === 1 && compact.length >= 3 && initials(names[0]) === compact) return 'abbreviation';
  for (const tokens of names) if (tokens.join('').length >= 3 && containsRun(typed, tokens)) return 'contains';
  const typos = allowedTypos(compact.length);
  if (typos > 0)
    for (const tokens of names) if (editDistance(compact, tokens.join(''), typos) <= typos) return 'similar';
  return null;
}

const REASON_RANK: NearMatchReason[] = ['same-letters', 'prefix', 'abbreviation', 'contains', 'similar'];

/**
 * The stored operators a typed name probably means, best first (at most `limit`). Exact
 * matches of the folded name or short name are not asked here: they are the operator itself.
 * The same decision for the API, the web form and the inventory import, so "KIV" is met with
 * "Meinten Sie „KIV Thüringen“?" wherever it is typed instead of becoming a second operator.
 */
export function nearOperatorMatches(typed: string, candidates: Iterable<OperatorCandidate>, limit = 5): NearMatch[] {
  const tokens = nameTokens(typed);
  if (tokens.length === 0) return [];
  const matches: NearMatch[] = [];
  for (const operator of candidates) {
    // An own IT department is one municipality's, never what someone else meant.
    if (operator.type === 'own-it') continue;
    const reason = reasonFor(tokens, operator);
    if (reason) matches.push({ operator, reason });
  }
  return matches
    .sort(
      (a, b) =>
        REASON_RANK.indexOf(a.reason) - REASON_RANK.indexOf(b.reason) ||
        a.operator.name.localeCompare(b.operator.name, 'de'),
    )
    .slice(0, limit);
}

/** "„KIV Thüringen“ (KIV Kommunale …) oder „…“" for a German message. */
export function describeNearMatches(matches: NearMatch[]): string {
  return matches
    .map(({ operator }) =>
      operator.shortName && operator.shortName !== operator.name
        ? `„${operator.shortName}“ (${operator.name})`
        : `„${operator.name}“`,
    )
    .join(' oder ');
}

/** A stored operator offered instead of a new one, as the API lists it in the problem. */
export interface OperatorSuggestion {
  id: number;
  name: string;
  shortName: string | null;
  /** German: why it looks alike. */
  reason: string;
}

/** A refused operator name with the stored operators it probably means ("Meinten Sie …?"). */
export interface OperatorNearMatchProblem extends FieldProblem {
  candidates: OperatorSuggestion[];
}

/** True for a problem that carries "Meinten Sie …?" candidates (the web form offers them as choices). */
export function isNearMatchProblem(problem: FieldProblem): problem is OperatorNearMatchProblem {
  return Array.isArray((problem as Partial<OperatorNearMatchProblem>).candidates);
}

/** The German "Meinten Sie …?" sentence for a typed name, shared by API, form and import. */
export function nearMatchDetail(name: string, matches: NearMatch[], confirm: string): string {
  return `Betreiber „${name}“ ist noch nicht erfasst. Meinten Sie ${describeNearMatches(matches)}? ${confirm}`;
}

/** The candidates of a near match as the API lists them. */
export function suggestionsOf(matches: NearMatch[]): OperatorSuggestion[] {
  return matches.map(({ operator, reason }) => ({
    id: operator.id,
    name: operator.name,
    shortName: operator.shortName,
    reason: NEAR_MATCH_REASON_LABELS[reason],
  }));
}
