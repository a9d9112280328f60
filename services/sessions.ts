import { LessThan, type EntityManager } from 'typeorm';
import { Session } from '../entities';
import { findOneByColumn } from '../entities/fast-find';

/** A stored web session: keyed by the SHA-256 of its id, with the user it belongs to. */
export interface StoredSession {
  sidHash: string;
  userId: number | null;
  /** The session as JSON. */
  data: string;
  expiresAt: Date;
}

/** The stored session with this id hash, expired or not, or null. */
export function findSession(manager: EntityManager, sidHash: string): Promise<StoredSession | null> {
  return findOneByColumn(manager, Session, 'sidHash', sidHash);
}

/** Inserts the session or replaces the one stored under the same id hash. */
export async function saveSession(tx: EntityManager, session: StoredSession): Promise<void> {
  await tx.upsert(Session, session, ['sidHash']);
}

/** Removes the session with this id hash (nothing when there is none). */
export async function deleteSession(tx: EntityManager, sidHash: string): Promise<void> {
  await tx.delete(Session, { sidHash });
}

/** Moves the expiry of the session with this id hash (rolling sessions). */
export async function extendSession(tx: EntityManager, sidHash: string, expiresAt: Date): Promise<void> {
  await tx.update(Session, { sidHash }, { expiresAt });
}

/** Removes every session that expired before `now`. */
export async function deleteExpiredSessions(tx: EntityManager, now: Date): Promise<void> {
  await tx.delete(Session, { expiresAt: LessThan(now) });
}
