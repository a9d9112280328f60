import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Region, SurveyRound, SurveyRoundMember } from '../entities';
import { findOneByColumn } from '../entities/fast-find';
import { NotAllowedError, NotFoundError } from '../lib/errors';
import { sha256Hex } from '../lib/hash';
import type { Actor, Principal } from '../lib/principal';

/** Prefix of a round link's token, so it is never mistaken for an API token (`eat_`). */
export const ROUND_TOKEN_PREFIX = 'rnd_';

/** What a round link grants, once checked. */
export interface RoundLink {
  round: SurveyRound;
  member: SurveyRoundMember;
  region: Region;
  /** The actor of writes through the link, shown in the audit log as `runde:{id}:{ags}`. */
  actor: Actor;
}

/** The web path of a link (the token is its only credential). */
export function roundLinkPath(token: string): string {
  return `/runde/${token}`;
}

/** A fresh token and what is stored of it: the SHA-256 hash and a short prefix for support. */
export function newRoundToken(): { token: string; hash: string; prefix: string } {
  // 256 random bits: a hash without salt suffices, as for API tokens (`services/token.service.ts`).
  const token = ROUND_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token), prefix: token.slice(0, 12) };
}

/** The end of a round's last link day: links work through `linksValidUntil` (UTC). */
export function linkExpiry(linksValidUntil: string): Date {
  return new Date(`${linksValidUntil}T23:59:59.999Z`);
}

/**
 * The principal of a round link: an editor scoped to its one municipality, so the inventory's
 * own scope check (`assertMayWrite`) applies. The link functions also compare the municipality
 * itself, because an editor scope of a Kreis would otherwise reach its Gemeinden.
 */
export function roundLinkPrincipal(round: SurveyRound, member: SurveyRoundMember, region: Region): Principal {
  return {
    kind: 'token',
    id: `round-member:${member.id}`,
    name: `runde:${round.id}:${region.key}`,
    role: 'editor',
    scopes: [region.key],
  };
}

function invalidLink(): NotFoundError {
  return new NotFoundError('Dieser Link ist ungültig. Bitte nutzen Sie den zuletzt zugesandten Link.');
}

/**
 * Resolves a presented link token: unknown → 404; revoked, expired, or its round closed → 403
 * with the reason in German. `now` is the clock (tests pass their own).
 */
export async function resolveRoundLink(
  manager: EntityManager,
  token: string,
  requestId: string | null,
  now: Date = new Date(),
): Promise<RoundLink> {
  if (!token.startsWith(ROUND_TOKEN_PREFIX) || token.length > 100) throw invalidLink();
  const member = await findOneByColumn(manager, SurveyRoundMember, 'tokenHash', sha256Hex(token));
  if (!member) throw invalidLink();
  const round = await findOneByColumn(manager, SurveyRound, 'id', member.roundId);
  const region = await findOneByColumn(manager, Region, 'id', member.regionId);
  if (!round || !region) throw invalidLink();
  if (member.revokedAt) {
    throw new NotAllowedError('Dieser Link wurde zurückgezogen. Bitte wenden Sie sich an die Koordination der Runde.');
  }
  if (round.status !== 'open') throw new NotAllowedError(`Die Runde „${round.title}“ ist abgeschlossen.`);
  if (!member.linkExpiresAt || member.linkExpiresAt.getTime() < now.getTime()) {
    throw new NotAllowedError('Dieser Link ist abgelaufen. Bitte wenden Sie sich an die Koordination der Runde.');
  }
  return { round, member, region, actor: { principal: roundLinkPrincipal(round, member, region), requestId } };
}

/** Refuses a link used for another municipality than its own. */
export function assertLinkFor(link: RoundLink, key: string): void {
  if (link.region.key !== key) {
    throw new NotAllowedError(`Dieser Link gilt nur für ${link.region.name} (${link.region.key}), nicht für ${key}.`);
  }
}
