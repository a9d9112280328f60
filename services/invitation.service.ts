import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { User } from '../entities';
import { findOneByColumn } from '../entities/fast-find';
import { InputError } from '../lib/errors';
import { hashPassword, passwordProblems } from '../lib/password';
import type { Actor, Role } from '../lib/principal';
import { recordAudit } from './audit.service';
import { consumeLink, findLink, issueLink, type IssuedLink, type LinkProblem } from './invitation-links';
import { assertMayAssign, manageableUser, PENDING_PASSWORD } from './user-admin.service';
import { createUser, endSessionsOf, principalForUser, type HashOptions, type UserView } from './user.service';

/** How long an invitation or reset link works. */
export const INVITATION_DAYS = 7;
const INVITATION_MS = INVITATION_DAYS * 86_400_000;

// The placeholder password of a new account is thrown away at once, so hashing it cheaply is fine.
const THROWAWAY_COST = { N: 1024, r: 8, p: 1 };

/** Whom to invite. */
export interface Invitee {
  userName: string;
  displayName?: string;
  role: Role;
  scopes: string[];
}

/**
 * Creates an account without a password and the link with which its owner chooses one.
 * The account is created through `createUser` so name, role and area are checked, and logged,
 * exactly as on the command line; its password hash is then replaced by {@link PENDING_PASSWORD}.
 */
export async function inviteUser(
  tx: EntityManager,
  invitee: Invitee,
  actor: Actor,
): Promise<{ user: UserView; link: IssuedLink }> {
  assertMayAssign(actor.principal, invitee.role, invitee.scopes);
  const placeholder = `${randomBytes(24).toString('base64url')}`;
  const user = await createUser(tx, { ...invitee, password: placeholder }, actor, { cost: THROWAWAY_COST });
  await tx.update(User, { id: user.id }, { passwordHash: PENDING_PASSWORD });
  const link = await issueLink(tx, 'invitation', user.id, actor.principal.name, INVITATION_MS);
  await recordAudit(tx, actor, {
    action: 'user.invited',
    entityType: 'user',
    entityKey: user.userName,
    after: { expiresAt: link.expiresAt.toISOString() },
  });
  return { user, link };
}

/**
 * A new invitation link for an existing account (forgotten password, or an invitation that
 * expired). The old password stops working at once, every session ends, and a deactivated
 * account becomes active again once its owner has chosen a password.
 */
export async function resetAccess(
  tx: EntityManager,
  userName: string,
  actor: Actor,
): Promise<{ userName: string; link: IssuedLink }> {
  const user = await manageableUser(tx, userName, actor.principal);
  const wasDisabled = user.disabledAt !== null;
  user.passwordHash = PENDING_PASSWORD;
  user.passwordChangedAt = new Date();
  user.disabledAt = null;
  await tx.save(user);
  await endSessionsOf(tx, user.id);
  const link = await issueLink(tx, 'invitation', user.id, actor.principal.name, INVITATION_MS);
  await recordAudit(tx, actor, {
    action: 'user.access-reset',
    entityType: 'user',
    entityKey: user.userName,
    before: { disabled: wasDisabled },
    after: { expiresAt: link.expiresAt.toISOString() },
  });
  return { userName: user.userName, link };
}

/** The invited account a token opens, or why it does not. A deactivated account counts as used up. */
export async function invitedUser(
  manager: EntityManager,
  token: string,
): Promise<{ user: User; linkId: number } | { problem: LinkProblem }> {
  const found = await findLink(manager, token, 'invitation');
  if ('problem' in found) return found;
  const user = found.link.userId === null ? null : await findOneByColumn(manager, User, 'id', found.link.userId);
  if (!user || user.disabledAt) return { problem: 'used' };
  return { user, linkId: found.link.id };
}

/**
 * The invited person sets their password (the same rules as everywhere, `lib/password.ts`); the
 * link is used up. Returns the account to sign in, or why the link does not work.
 */
export async function acceptInvitation(
  tx: EntityManager,
  token: string,
  password: string,
  requestId: string | null,
  options: HashOptions = {},
): Promise<{ user: User } | { problem: LinkProblem }> {
  const found = await findLink(tx, token, 'invitation');
  if ('problem' in found) return found;
  const opened = await invitedUser(tx, token);
  if ('problem' in opened) return opened;
  const { user } = opened;
  const problems = passwordProblems(password, user.userName).map((detail) => ({ parameter: 'password', detail }));
  if (problems.length > 0) throw new InputError('Passwort ungültig.', problems);
  user.passwordHash = await hashPassword(password, options.cost);
  user.passwordChangedAt = new Date();
  await tx.save(user);
  await consumeLink(tx, found.link);
  await recordAudit(
    tx,
    { principal: principalForUser(user), requestId },
    { action: 'user.invitation-accepted', entityType: 'user', entityKey: user.userName },
  );
  return { user };
}
