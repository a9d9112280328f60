import { In, type EntityManager } from 'typeorm';
import { AuditEvent, Region } from '../entities';
import { ConflictError } from '../lib/errors';
import type { RegionLevel } from '../lib/keys';
import { findMunicipality } from './region.service';
import { rankSuccessors, type RankingContext, type SuccessorSuggestion } from './successor-ranking';

export type { SuccessorSuggestion } from './successor-ranking';

/** Suggestions for one retired region. */
export interface SuccessorSuggestions {
  region: {
    key: string;
    name: string;
    level: RegionLevel;
    retiredGebietsstand: string | null;
    successorKey: string | null;
  };
  suggestions: SuccessorSuggestion[];
}

/** The default and the largest number of suggestions. */
export const SUGGESTION_LIMIT = { default: 5, max: 20 } as const;

const CHUNK = 500;

/**
 * What the import history says about the candidates in the edition that retired the
 * predecessor: which appeared in it (`region.added`) and which changed their Verband in it
 * (`region.ars-changed`, with the Verband before).
 */
async function editionHistory(
  manager: EntityManager,
  candidates: Region[],
  gebietsstand: string | null,
): Promise<Pick<RankingContext, 'appeared' | 'formerVerband'>> {
  const appeared = new Set<string>();
  const formerVerband = new Map<string, string | null>();
  if (!gebietsstand) return { appeared, formerVerband };
  const keyById = new Map(candidates.map((c) => [c.id, c.key]));
  const ids = [...keyById.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const events = await manager.find(AuditEvent, {
      where: { regionId: In(ids.slice(i, i + CHUNK)), action: In(['region.added', 'region.ars-changed']) },
    });
    for (const e of events) {
      const after = (e.after ?? {}) as { gebietsstand?: string };
      if (after.gebietsstand !== gebietsstand) continue;
      const key = keyById.get(e.regionId as number) as string;
      if (e.action === 'region.added') appeared.add(key);
      else formerVerband.set(key, ((e.before ?? {}) as { verbandKey?: string | null }).verbandKey ?? null);
    }
  }
  return { appeared, formerVerband };
}

/**
 * Suggests successors for a region the current Gemeindeverzeichnis no longer lists: current
 * regions of its level in its Land (no gemeindefreie Gebiete), ranked by
 * `successor-ranking.ts#rankSuccessors`, each with German reasons. Nothing is mapped: an admin
 * confirms one with `mapSuccessor`. A region still listed has no successor (409).
 */
export async function suggestSuccessors(
  manager: EntityManager,
  keyOrArs: string,
  limit: number = SUGGESTION_LIMIT.default,
): Promise<SuccessorSuggestions> {
  const old = await findMunicipality(manager, keyOrArs);
  if (old.isCurrent) {
    throw new ConflictError(
      `${old.name} (${old.key}) steht noch im aktuellen Gemeindeverzeichnis; Nachfolger gibt es nur für Gebiete, die nicht mehr geführt werden.`,
    );
  }
  const candidates = await manager.find(Region, {
    where: { level: old.level, landKey: old.landKey, isCurrent: true, isUnincorporated: false },
  });
  const units = await manager.find(Region, {
    where: { landKey: old.landKey, level: In(['kreis', 'gemeindeverband']) },
    select: { key: true, name: true, textCode: true },
  });
  // Only a candidate of the predecessor's Kreis can have been in its Verband or count as new with it.
  const nearby = old.level === 'kreis' ? candidates : candidates.filter((c) => c.kreisKey === old.kreisKey);
  const ctx: RankingContext = {
    retiredGebietsstand: old.retiredGebietsstand,
    units: new Map(units.map((u) => [u.key, u])),
    ...(await editionHistory(manager, nearby, old.retiredGebietsstand)),
  };
  return {
    region: {
      key: old.key,
      name: old.name,
      level: old.level,
      retiredGebietsstand: old.retiredGebietsstand,
      successorKey: old.successorKey,
    },
    suggestions: rankSuccessors(old, candidates, ctx, Math.min(Math.max(1, limit), SUGGESTION_LIMIT.max)),
  };
}
