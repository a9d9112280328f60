import type { EntityManager } from 'typeorm';
import { User } from '../entities';
import { findOneByColumn } from '../entities/fast-find';
import { InputError, NotAllowedError, NotFoundError } from '../lib/errors';
import { roleAndScopeProblems, type Actor, type Principal, type Role } from '../lib/principal';
import { recordAudit } from './audit.service';
import { disableUser, normaliseUserName, type UserView } from './user.service';

/**
 * The password hash of an invited user who has not chosen a password yet: a well-formed scrypt
 * hash with the full cost (so a login attempt takes as long as for any other account and does not
 * reveal pending invitations by its speed) whose key is all zeros, which no password produces.
 */
export const PENDING_PASSWORD = `scrypt$${2 ** 17}$8$1$ZWlubGFkdW5nLW9mZmVu$${'A'.repeat(43)}`;

/** A user as the user management shows it. */
export interface ManagedUser extends UserView {
  /** Invited or reset, no password chosen yet. */
  pending: boolean;
  /** The viewer may change this account. */
  manageable: boolean;
  /** The viewer's own account (never changed on these pages). */
  self: boolean;
}

/**
 * True when `scope` lies within `outer`: the same key, or under a Land (2 digits),
 * Regierungsbezirk (3) or Kreis (5) whose key it starts with. A Gemeindeverband (9 digits) contains only itself here,
 * because its member Gemeinden' keys (AGS) do not start with it.
 */
export function scopeWithin(scope: string, outer: string): boolean {
  if (scope === outer) return true;
  return [2, 3, 5].includes(outer.length) && scope.length > outer.length && scope.startsWith(outer);
}

function isSelf(principal: Principal, user: Pick<User, 'id'>): boolean {
  return principal.kind === 'user' && principal.id === String(user.id);
}

function withinScopes(principal: Principal, scopes: readonly string[]): boolean {
  return scopes.length > 0 && scopes.every((s) => principal.scopes.some((outer) => scopeWithin(s, outer)));
}

/**
 * Whether `principal` may manage an account: admins every account, editors the editors whose
 * whole area lies within their own; nobody their own account (so the last admin cannot lock
 * everyone out, and nobody widens their own rights).
 */
export function mayManage(principal: Principal, user: Pick<User, 'id' | 'role' | 'scopes'>): boolean {
  if (isSelf(principal, user)) return false;
  if (principal.role === 'admin') return true;
  return principal.role === 'editor' && user.role === 'editor' && withinScopes(principal, user.scopes);
}

const EDITOR_LIMIT =
  'Mit der Rolle Bearbeitung können Sie nur Konten mit der Rolle Bearbeitung innerhalb Ihres eigenen Bereichs vergeben.';

/** Refuses to hand out more than the actor has: an editor gives only the editor role, only within their area. */
export function assertMayAssign(principal: Principal, role: Role, scopes: readonly string[]): void {
  if (principal.role === 'admin') return;
  if (principal.role === 'editor' && role === 'editor' && withinScopes(principal, scopes)) return;
  throw new NotAllowedError(`${EDITOR_LIMIT} Ihr Bereich: ${principal.scopes.join(', ') || '–'}.`);
}

/** The account to change, after checking the actor may change it. */
export async function manageableUser(manager: EntityManager, userName: string, principal: Principal): Promise<User> {
  const user = await findOneByColumn(manager, User, 'userName', normaliseUserName(userName));
  // An editor learns nothing about accounts outside their area: the same answer as for none.
  if (!user || (principal.role !== 'admin' && !mayManage(principal, user) && !isSelf(principal, user))) {
    throw new NotFoundError(`Kein Benutzer „${normaliseUserName(userName)}“ in Ihrem Bereich.`);
  }
  if (isSelf(principal, user)) throw new NotAllowedError('Ihr eigenes Konto können Sie hier nicht ändern.');
  if (!mayManage(principal, user)) throw new NotAllowedError(EDITOR_LIMIT);
  return user;
}

function managed(user: User, principal: Principal): ManagedUser {
  return {
    id: user.id,
    userName: user.userName,
    displayName: user.displayName,
    role: user.role,
    scopes: user.scopes,
    createdAt: user.createdAt.toISOString(),
    passwordChangedAt: user.passwordChangedAt.toISOString(),
    disabledAt: user.disabledAt?.toISOString() ?? null,
    pending: user.passwordHash === PENDING_PASSWORD,
    manageable: mayManage(principal, user),
    self: isSelf(principal, user),
  };
}

/** The accounts the principal sees: all for an admin; for an editor their own and those they manage. */
export async function listManagedUsers(manager: EntityManager, principal: Principal): Promise<ManagedUser[]> {
  if (principal.role !== 'admin' && principal.role !== 'editor') {
    throw new NotAllowedError('Die Benutzerverwaltung steht der Administration und der Bearbeitung offen.');
  }
  const users = await manager.find(User, { order: { userName: 'ASC' } });
  return users
    .filter((u) => principal.role === 'admin' || isSelf(principal, u) || mayManage(principal, u))
    .map((u) => managed(u, principal));
}

/** One account as the viewer sees it (404 outside an editor's area). */
export async function managedUser(
  manager: EntityManager,
  userName: string,
  principal: Principal,
): Promise<ManagedUser> {
  const all = await listManagedUsers(manager, principal);
  const user = all.find((u) => u.userName === normaliseUserName(userName));
  if (!user) throw new NotFoundError(`Kein Benutzer „${normaliseUserName(userName)}“ in Ihrem Bereich.`);
  return user;
}

/** Changes role and area; audited with both states. Takes effect with the user's next request. */
export async function changeRole(
  tx: EntityManager,
  userName: string,
  role: Role,
  scopes: string[],
  actor: Actor,
): Promise<ManagedUser> {
  const user = await manageableUser(tx, userName, actor.principal);
  const unique = [...new Set(scopes)];
  const problems = roleAndScopeProblems(
    role,
    unique,
    'Die Rolle Bearbeitung braucht mindestens einen Gebietsschlüssel.',
  );
  if (problems.length > 0) throw new InputError('Rolle oder Bereich ungültig.', problems);
  assertMayAssign(actor.principal, role, unique);
  const before = { role: user.role, scopes: user.scopes };
  if (before.role !== role || before.scopes.join(',') !== unique.join(',')) {
    user.role = role;
    user.scopes = unique;
    await tx.save(user);
    await recordAudit(tx, actor, {
      action: 'user.role-changed',
      entityType: 'user',
      entityKey: user.userName,
      before,
      after: { role, scopes: unique },
    });
  }
  return managed(user, actor.principal);
}

/** Deactivates an account the actor may manage: no more logins, open sessions end. */
export async function deactivateUser(tx: EntityManager, userName: string, actor: Actor): Promise<number> {
  const user = await manageableUser(tx, userName, actor.principal);
  return (await disableUser(tx, user.userName, actor)).sessionsEnded;
}
