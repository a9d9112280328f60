import type { EntityManager } from 'typeorm';
import { Session, User } from '../entities';
import { findOneByColumn } from '../entities/fast-find';
import { ConflictError, InputError, NotFoundError, type FieldProblem } from '../lib/errors';
import { hashPassword, passwordProblems, verifyAgainstDummy, verifyPassword, type ScryptCost } from '../lib/password';
import { roleAndScopeProblems, type Actor, type Principal, type Role } from '../lib/principal';
import { recordAudit } from './audit.service';

/** Input for a new web user. */
export interface NewUser {
  userName: string;
  displayName?: string;
  password: string;
  role: Role;
  scopes: string[];
}

/** A user as listed (never with the hash). */
export interface UserView {
  id: number;
  userName: string;
  displayName: string;
  role: Role;
  scopes: string[];
  createdAt: string;
  passwordChangedAt: string;
  disabledAt: string | null;
}

const USER_NAME = /^[a-z0-9][a-z0-9._@-]{1,79}$/;

/** User names are compared case-insensitively: stored and looked up in lower case. */
export function normaliseUserName(name: string): string {
  return name.trim().toLowerCase();
}

function view(user: User): UserView {
  return {
    id: user.id,
    userName: user.userName,
    displayName: user.displayName,
    role: user.role,
    scopes: user.scopes,
    createdAt: user.createdAt.toISOString(),
    passwordChangedAt: user.passwordChangedAt.toISOString(),
    disabledAt: user.disabledAt?.toISOString() ?? null,
  };
}

/** The principal a signed-in user acts as: the same roles and scopes as an API token. */
export function principalForUser(user: Pick<User, 'id' | 'userName' | 'role' | 'scopes'>): Principal {
  return { kind: 'user', id: String(user.id), name: `user:${user.userName}`, role: user.role, scopes: user.scopes };
}

function userProblems(input: NewUser): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!USER_NAME.test(normaliseUserName(input.userName))) {
    problems.push({
      parameter: 'name',
      detail: 'Benutzername: 2–80 Zeichen, Kleinbuchstaben, Ziffern und . _ @ - (beginnt mit Buchstabe oder Ziffer)',
    });
  }
  problems.push(
    ...roleAndScopeProblems(
      input.role,
      input.scopes,
      'Die Rolle editor braucht mindestens einen Gebietsschlüssel als Scope',
    ),
  );
  for (const detail of passwordProblems(input.password, input.userName))
    problems.push({ parameter: 'password', detail });
  return problems;
}

/** Options for tests only: a cheaper scrypt cost, so a suite does not spend its time hashing. */
export interface HashOptions {
  cost?: ScryptCost;
}

/** Creates a user; the password is stored only as a scrypt hash. */
export async function createUser(
  tx: EntityManager,
  input: NewUser,
  actor: Actor,
  options: HashOptions = {},
): Promise<UserView> {
  const problems = userProblems(input);
  if (problems.length > 0) throw new InputError('Benutzerangaben ungültig.', problems);
  const userName = normaliseUserName(input.userName);
  if (await findOneByColumn(tx, User, 'userName', userName)) {
    throw new ConflictError(`Es gibt bereits einen Benutzer „${userName}“.`);
  }
  const user = await tx.save(
    tx.create(User, {
      userName,
      displayName: input.displayName?.trim() || userName,
      passwordHash: await hashPassword(input.password, options.cost),
      role: input.role,
      scopes: [...new Set(input.scopes)],
      passwordChangedAt: new Date(),
      disabledAt: null,
    }),
  );
  await recordAudit(tx, actor, {
    action: 'user.created',
    entityType: 'user',
    entityKey: userName,
    after: { userName, displayName: user.displayName, role: user.role, scopes: user.scopes },
  });
  return view(user);
}

async function requireUser(manager: EntityManager, userName: string): Promise<User> {
  const user = await findOneByColumn(manager, User, 'userName', normaliseUserName(userName));
  if (!user) throw new NotFoundError(`Kein Benutzer „${normaliseUserName(userName)}“.`);
  return user;
}

/**
 * Checks a user name and password. Returns the user, or null for an unknown name, a wrong
 * password or a disabled account — the caller cannot and should not tell which.
 */
export async function verifyUser(manager: EntityManager, userName: string, password: string): Promise<User | null> {
  const name = normaliseUserName(userName);
  const user = USER_NAME.test(name) ? await findOneByColumn(manager, User, 'userName', name) : null;
  if (!user) return verifyAgainstDummy(password).then(() => null);
  const ok = await verifyPassword(password, user.passwordHash);
  return ok && !user.disabledAt ? user : null;
}

/** The active (not disabled) user with this id, or null. */
export async function findActiveUser(manager: EntityManager, id: number): Promise<User | null> {
  const user = await findOneByColumn(manager, User, 'id', id);
  return user && !user.disabledAt ? user : null;
}

/** Ends every session of a user (after a password change or when disabling the account). */
export async function endSessionsOf(tx: EntityManager, userId: number): Promise<number> {
  const result = await tx.delete(Session, { userId });
  return result.affected ?? 0;
}

/** Sets a new password and signs the user out everywhere. */
export async function changePassword(
  tx: EntityManager,
  userName: string,
  password: string,
  actor: Actor,
  options: HashOptions = {},
): Promise<{ user: UserView; sessionsEnded: number }> {
  const user = await requireUser(tx, userName);
  const problems = passwordProblems(password, user.userName).map((detail) => ({ parameter: 'password', detail }));
  if (problems.length > 0) throw new InputError('Neues Passwort ungültig.', problems);
  user.passwordHash = await hashPassword(password, options.cost);
  user.passwordChangedAt = new Date();
  await tx.save(user);
  const sessionsEnded = await endSessionsOf(tx, user.id);
  await recordAudit(tx, actor, { action: 'user.password-changed', entityType: 'user', entityKey: user.userName });
  return { user: view(user), sessionsEnded };
}

/** Disables a user: no more logins, and every open session ends at once. */
export async function disableUser(
  tx: EntityManager,
  userName: string,
  actor: Actor,
): Promise<{ user: UserView; sessionsEnded: number }> {
  const user = await requireUser(tx, userName);
  if (!user.disabledAt) {
    user.disabledAt = new Date();
    await tx.save(user);
    await recordAudit(tx, actor, { action: 'user.disabled', entityType: 'user', entityKey: user.userName });
  }
  return { user: view(user), sessionsEnded: await endSessionsOf(tx, user.id) };
}

/** All users, by name. */
export async function listUsers(manager: EntityManager): Promise<UserView[]> {
  return (await manager.find(User, { order: { userName: 'ASC' } })).map(view);
}
