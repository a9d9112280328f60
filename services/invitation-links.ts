import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../lib/hash';
import { IsNull, type EntityManager } from 'typeorm';
import { OneTimeLink } from '../entities';
import type { OneTimeLinkPurpose } from '../entities/one-time-link.entity';
import { findOneByColumn } from '../entities/fast-find';
import { ConflictError } from '../lib/errors';

/** Why a link does not work: never issued (or mistyped), already used or replaced, or too old. */
export type LinkProblem = 'unknown' | 'used' | 'expired';

/** Two requests raced with the same link and this one lost: the link is used up. */
export class LinkUsedError extends ConflictError {
  constructor() {
    super('Dieser Link wurde bereits verwendet.');
  }
}

/** A freshly issued link: the token goes into the URL and is never stored. */
export interface IssuedLink {
  token: string;
  expiresAt: Date;
}

// 32 random bytes in base64url: 43 characters, nothing else is ever a token.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Issues a link for `purpose` (and the invited user). Older unused links of the same kind are
 * marked used first: only the newest setup link, and only a user's newest invitation, works.
 */
export async function issueLink(
  tx: EntityManager,
  purpose: OneTimeLinkPurpose,
  userId: number | null,
  createdBy: string,
  validForMs: number,
  now = new Date(),
): Promise<IssuedLink> {
  await tx.update(
    OneTimeLink,
    { purpose, userId: userId === null ? IsNull() : userId, usedAt: IsNull() },
    { usedAt: now },
  );
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + validForMs);
  await tx.insert(OneTimeLink, { tokenHash: sha256Hex(token), purpose, userId, createdBy, expiresAt, usedAt: null });
  return { token, expiresAt };
}

/** The link a token stands for, or why it does not work. */
export async function findLink(
  manager: EntityManager,
  token: string,
  purpose: OneTimeLinkPurpose,
  now = new Date(),
): Promise<{ link: OneTimeLink } | { problem: LinkProblem }> {
  const link = TOKEN_SHAPE.test(token)
    ? await findOneByColumn(manager, OneTimeLink, 'tokenHash', sha256Hex(token))
    : null;
  if (!link || link.purpose !== purpose) return { problem: 'unknown' };
  if (link.usedAt) return { problem: 'used' };
  if (link.expiresAt.getTime() <= now.getTime()) return { problem: 'expired' };
  return { link };
}

/**
 * Marks a link used. The update only succeeds while it is still unused, so of two requests
 * racing with the same link exactly one goes through.
 */
export async function consumeLink(tx: EntityManager, link: OneTimeLink, now = new Date()): Promise<void> {
  const result = await tx.update(OneTimeLink, { id: link.id, usedAt: IsNull() }, { usedAt: now });
  if (result.affected !== 1) throw new LinkUsedError();
}

/** German explanation of a link problem, for the page that refuses it. */
export function linkProblemText(problem: LinkProblem): string {
  switch (problem) {
    case 'used':
      return 'Dieser Link wurde bereits verwendet oder durch einen neueren ersetzt. Er gilt nur ein einziges Mal.';
    case 'expired':
      return 'Dieser Link ist abgelaufen.';
    default:
      return 'Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig kopiert wurde.';
  }
}
