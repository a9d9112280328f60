import type { Region } from '../entities';
import { searchKey } from '../lib/text';

/** The columns of a region the ranking reads. */
export type RankedRegion = Pick<Region, 'key' | 'name' | 'level' | 'ars' | 'kreisKey' | 'verbandKey' | 'population'>;

/** One suggested successor with the German reasons it was ranked by. */
export interface SuccessorSuggestion {
  key: string;
  name: string;
  ars: string | null;
  verband: { key: string; name: string } | null;
  population: number | null;
  /** Sum of the reasons' weights; among equal scores the larger population ranks first. */
  score: number;
  reasons: string[];
}

/** What the directory and the import history say beyond the candidates' own rows. */
export interface RankingContext {
  /** Gebietsstand of the edition that no longer listed the predecessor. */
  retiredGebietsstand: string | null;
  /** Kreise and Verbände of the Land by key, retired ones included, for names and Verband types. */
  units: Map<string, Pick<Region, 'key' | 'name' | 'textCode'>>;
  /** Candidates whose Verband changed in that Gebietsstand, with the Verband they belonged to before. */
  formerVerband: Map<string, string | null>;
  /** Candidates that first appeared in that Gebietsstand. */
  appeared: Set<string>;
}

/** Weights: a shared Verband and a new Gemeinde of the same edition say most, a shared Kreis little. */
const WEIGHT = { verband: 3, kreis: 1, sameName: 4, nameContained: 3, namePart: 2, appeared: 3 } as const;

/** „gleiche …“ and „in derselben …“ per Verband Textkennzeichen (GV100AD 51–58). */
const VERBAND_PHRASES: Record<string, [string, string]> = {
  '51': ['gleiches Amt', 'in demselben Amt'],
  '52': ['gleiche Samtgemeinde', 'in derselben Samtgemeinde'],
  '53': ['gleiche Verbandsgemeinde', 'in derselben Verbandsgemeinde'],
  '54': ['gleiche Verwaltungsgemeinschaft', 'in derselben Verwaltungsgemeinschaft'],
  '55': ['gleiche Kirchspielslandgemeinde', 'in derselben Kirchspielslandgemeinde'],
  '56': ['gleicher Verwaltungsverband', 'in demselben Verwaltungsverband'],
  '57': ['gleiche Verwaltungsgemeinschaft', 'in derselben Verwaltungsgemeinschaft'],
  '58': ['gleiche erfüllende Gemeinde', 'bei derselben erfüllenden Gemeinde'],
};
const VERBAND_FALLBACK: [string, string] = ['gleicher Gemeindeverband', 'in demselben Gemeindeverband'];

/**
 * Name parts that say nothing about identity: status words and the rivers and landscapes many
 * names carry („Berga/Elster“, „Mühlhausen/Thüringen“).
 */
const NOISE_WORDS = new Set(
  [
    'stadt',
    'markt',
    'gemeinde',
    'sankt',
    'hansestadt',
    'landeshauptstadt',
    'kreisstadt',
    'ostseebad',
    'seebad',
    'kurort',
    'flecken',
    'elster',
    'saale',
    'elbe',
    'oder',
    'main',
    'rhein',
    'mosel',
    'donau',
    'havel',
    'spree',
    'lahn',
    'neckar',
    'isar',
    'thueringen',
    'thuer',
    'harz',
    'eifel',
    'altmark',
    'vogtland',
  ].map(searchKey),
);

function germanDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** The name without the Destatis additions after the first comma („Berga/Elster, Stadt“ → „Berga/Elster“). */
function baseName(name: string): string {
  return name.split(',')[0].trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Whether `needle` occurs in `haystack` as whole words (both folded with `searchKey`). */
function containsWords(haystack: string, needle: string): boolean {
  return new RegExp(`(^|[^a-z0-9])${escapeRegExp(needle)}($|[^a-z0-9])`).test(haystack);
}

/** Words of four letters or more that are no status, river or landscape word. */
function nameWords(name: string): { shown: string; folded: string }[] {
  return baseName(name)
    .split(/[\s/\-().]+/)
    .filter((w) => w.length >= 4)
    .map((w) => ({ shown: w, folded: searchKey(w) }))
    .filter((w) => !NOISE_WORDS.has(w.folded));
}

/**
 * How much a candidate's name says it continues the predecessor's (folded with `searchKey`,
 * without the additions after the comma): the same name, one containing the other as whole
 * words, or a shared distinctive word („Wünschendorf/Elster“ and „Berga-Wünschendorf“).
 */
export function nameAffinity(predecessor: string, candidate: string): { points: number; reason: string } | null {
  const a = searchKey(baseName(predecessor));
  const b = searchKey(baseName(candidate));
  if (a === b) return { points: WEIGHT.sameName, reason: 'gleicher Name' };
  if (a.length >= 4 && containsWords(b, a)) {
    return { points: WEIGHT.nameContained, reason: `Name enthält „${baseName(predecessor)}“` };
  }
  if (b.length >= 4 && containsWords(a, b)) {
    return { points: WEIGHT.nameContained, reason: `Name ist in „${baseName(predecessor)}“ enthalten` };
  }
  const own = new Set(nameWords(predecessor).map((w) => w.folded));
  const shared = nameWords(candidate).find((w) => own.has(w.folded));
  return shared ? { points: WEIGHT.namePart, reason: `gemeinsamer Namensteil „${shared.shown}“` } : null;
}

function verbandPhrase(ctx: RankingContext, key: string): { same: string; former: string; name: string } {
  const unit = ctx.units.get(key);
  const [same, former] = VERBAND_PHRASES[unit?.textCode ?? ''] ?? VERBAND_FALLBACK;
  return { same, former, name: unit?.name ?? key };
}

/** Same Verband now or until the predecessor's Gebietsstand (ARS digits 6–9), else the same Kreis. */
function locality(old: RankedRegion, c: RankedRegion, ctx: RankingContext): { points: number; reason: string } | null {
  if (old.verbandKey && c.verbandKey === old.verbandKey) {
    const v = verbandPhrase(ctx, old.verbandKey);
    return { points: WEIGHT.verband, reason: `${v.same} (${v.name})` };
  }
  if (old.verbandKey && ctx.retiredGebietsstand && ctx.formerVerband.get(c.key) === old.verbandKey) {
    const v = verbandPhrase(ctx, old.verbandKey);
    return {
      points: WEIGHT.verband,
      reason: `bis zum Gebietsstand ${germanDate(ctx.retiredGebietsstand)} ${v.former} (${v.name})`,
    };
  }
  if (old.level !== 'kreis' && old.kreisKey && c.kreisKey === old.kreisKey) {
    return { points: WEIGHT.kreis, reason: `gleicher Kreis (${ctx.units.get(old.kreisKey)?.name ?? old.kreisKey})` };
  }
  return null;
}

/**
 * A new region of the edition that retired the predecessor is the typical product of a
 * merger; counted within the predecessor's Kreis only (a new Gemeinde elsewhere in the Land
 * says nothing), for Kreise within the Land.
 */
function appearedWith(
  old: RankedRegion,
  c: RankedRegion,
  ctx: RankingContext,
): { points: number; reason: string } | null {
  if (!ctx.retiredGebietsstand || !ctx.appeared.has(c.key)) return null;
  if (old.level !== 'kreis' && c.kreisKey !== old.kreisKey) return null;
  return {
    points: WEIGHT.appeared,
    reason: `neu im Gebietsstand ${germanDate(ctx.retiredGebietsstand)}, mit dem ${old.name} wegfiel`,
  };
}

/**
 * Ranks the current regions of the predecessor's level and Land as its successor: a shared
 * Verband (now, or until the edition that retired the predecessor) or else Kreis, the name,
 * and whether the candidate appeared with that edition; the larger population first among
 * equal scores. Candidates with no reason at all are left out. Pure: the caller loads the rows.
 */
export function rankSuccessors(
  old: RankedRegion,
  candidates: RankedRegion[],
  ctx: RankingContext,
  limit: number,
): SuccessorSuggestion[] {
  const ranked: SuccessorSuggestion[] = [];
  for (const c of candidates) {
    if (c.key === old.key) continue;
    const hits = [locality(old, c, ctx), nameAffinity(old.name, c.name), appearedWith(old, c, ctx)].filter(
      (h): h is { points: number; reason: string } => h !== null,
    );
    if (hits.length === 0) continue;
    const verband = c.verbandKey
      ? { key: c.verbandKey, name: ctx.units.get(c.verbandKey)?.name ?? c.verbandKey }
      : null;
    ranked.push({
      key: c.key,
      name: c.name,
      ars: c.ars,
      verband,
      population: c.population,
      score: hits.reduce((sum, h) => sum + h.points, 0),
      reasons: hits.map((h) => h.reason),
    });
  }
  ranked.sort((a, b) => b.score - a.score || (b.population ?? -1) - (a.population ?? -1) || a.key.localeCompare(b.key));
  return ranked.slice(0, limit);
}
