import type { DataSource } from 'typeorm';
import { Region, SurveyRound, SurveyRoundMember } from '../entities';
import { inTransaction } from '../entities/transaction';
import type { Actor } from '../lib/principal';
import { recordAudit } from './audit.service';
import { linkExpiry, newRoundToken, roundLinkPath } from './rounds-links';
import { berlinDate, getRound, roundForChange, type RoundView } from './rounds.service';
import { takeRoundSnapshot } from './rounds-status';

/** A link as issued: shown once (mail merge, API answer), never again. */
export interface IssuedLink {
  key: string;
  name: string;
  email: string | null;
  /** Absolute URL of the link. */
  url: string;
  expiresAt: string;
}

/**
 * Issues personal links: to every member without a working one, or, with `reissue`, to the
 * listed members (`keys`) or all, replacing their earlier link. Only the hash of each token is
 * stored; the returned links are the only time the tokens are seen.
 */
export async function issueRoundLinks(
  dataSource: DataSource,
  args: { id: number; actor: Actor; baseUrl: string; reissue?: boolean; keys?: string[]; now?: Date },
): Promise<IssuedLink[]> {
  const now = args.now ?? new Date();
  return inTransaction(dataSource, async (tx) => {
    const round = await roundForChange(tx, args.id, args.actor.principal);
    const members = await tx
      .createQueryBuilder(SurveyRoundMember, 'm')
      .innerJoinAndSelect('m.region', 'r')
      .where('m.roundId = :id', { id: round.id })
      .orderBy('r.key', 'ASC')
      .getMany();
    const wanted = args.keys ? new Set(args.keys) : null;
    const expiresAt = linkExpiry(round.linksValidUntil);
    const issued: IssuedLink[] = [];
    for (const member of members) {
      const region = member.region as Region;
      if (wanted && !wanted.has(region.key)) continue;
      const working = member.tokenHash !== null && member.revokedAt === null;
      if (working && !args.reissue) continue;
      const { token, hash, prefix } = newRoundToken();
      await tx.update(
        SurveyRoundMember,
        { id: member.id },
        { tokenHash: hash, tokenPrefix: prefix, linkIssuedAt: now, linkExpiresAt: expiresAt, revokedAt: null },
      );
      issued.push({
        key: region.key,
        name: region.name,
        email: member.email,
        url: `${args.baseUrl.replace(/\/+$/, '')}${roundLinkPath(token)}`,
        expiresAt: expiresAt.toISOString(),
      });
    }
    if (issued.length > 0) {
      await recordAudit(tx, args.actor, {
        action: 'round.links-issued',
        entityType: 'survey-round',
        entityKey: String(round.id),
        after: { keys: issued.map((l) => l.key), expiresAt: expiresAt.toISOString() },
      });
    }
    return issued;
  });
}

/**
 * Closes a round: its links stop working, and the status of every member with its
 * self-assessment is frozen in the round's snapshot.
 */
export async function closeRound(
  dataSource: DataSource,
  args: { id: number; actor: Actor; now?: Date },
): Promise<RoundView> {
  const now = args.now ?? new Date();
  await inTransaction(dataSource, async (tx) => {
    const round = await roundForChange(tx, args.id, args.actor.principal);
    const snapshot = await takeRoundSnapshot(tx, round, berlinDate(now), now);
    await tx.update(
      SurveyRound,
      { id: round.id },
      { status: 'closed', closedAt: now, closedBy: args.actor.principal.name, snapshot },
    );
    await recordAudit(tx, args.actor, {
      action: 'round.closed',
      entityType: 'survey-round',
      entityKey: String(round.id),
      after: snapshot.counts,
    });
  });
  return getRound(dataSource.manager, args.id, now);
}
