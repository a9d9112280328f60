import { IsNull, type EntityManager } from 'typeorm';
import { User } from '../entities';
import type { Principal } from '../lib/principal';
import { recordAudit } from './audit.service';
import { consumeLink, findLink, issueLink, type IssuedLink, type LinkProblem } from './invitation-links';
import { createUser, type HashOptions, type UserView } from './user.service';

/** How long a setup link works. Every start without an admin prints a new one. */
export const SETUP_LINK_HOURS = 24;

/** Who creates the first admin: the holder of the setup link, as the audit log names it. */
const SETUP_PRINCIPAL: Principal = { kind: 'system', id: 'setup', name: 'einrichtungslink', role: 'admin', scopes: [] };

/** Why the setup page refuses: a link problem, or the first admin exists already. */
export type SetupProblem = LinkProblem | 'done';

/** True while no active admin exists: then the service can only be set up through the setup link. */
export async function needsSetup(manager: EntityManager): Promise<boolean> {
  return (await manager.count(User, { where: { role: 'admin', disabledAt: IsNull() } })) === 0;
}

/**
 * Issues the setup link if there is no admin yet (else null). The previous setup link, if any,
 * stops working: only the link of the latest start is valid.
 */
export async function issueSetupLink(tx: EntityManager, now = new Date()): Promise<IssuedLink | null> {
  if (!(await needsSetup(tx))) return null;
  return issueLink(tx, 'setup', null, SETUP_PRINCIPAL.name, SETUP_LINK_HOURS * 3_600_000, now);
}

/** Null when the setup link works, else why not. */
export async function setupLinkProblem(manager: EntityManager, token: string): Promise<SetupProblem | null> {
  const found = await findLink(manager, token, 'setup');
  if ('problem' in found) return found.problem;
  return (await needsSetup(manager)) ? null : 'done';
}

/** What the setup form asks for the first admin. */
export interface FirstAdmin {
  userName: string;
  displayName: string;
  password: string;
}

/**
 * Creates the first admin with the setup link and uses the link up. Refuses (ConflictError via
 * the link, or `problem`) when the link does not work or an admin exists meanwhile.
 */
export async function completeSetup(
  tx: EntityManager,
  token: string,
  admin: FirstAdmin,
  requestId: string | null,
  options: HashOptions = {},
): Promise<{ user: UserView } | { problem: SetupProblem }> {
  const found = await findLink(tx, token, 'setup');
  if ('problem' in found) return found;
  if (!(await needsSetup(tx))) return { problem: 'done' };
  const actor = { principal: SETUP_PRINCIPAL, requestId };
  const user = await createUser(tx, { ...admin, role: 'admin', scopes: [] }, actor, options);
  await consumeLink(tx, found.link);
  await recordAudit(tx, actor, { action: 'setup.completed', entityType: 'user', entityKey: user.userName });
  return { user };
}
