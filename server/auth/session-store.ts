import { Store, type SessionData } from 'express-session';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../entities/database';
import { sha256Hex } from '../../lib/hash';
import { deleteExpiredSessions, deleteSession, extendSession, findSession, saveSession } from '../../services/sessions';

type Callback = (error?: unknown) => void;

/** How often expired rows are removed, at most. */
const PRUNE_INTERVAL_MS = 10 * 60_000;
/** A touch (rolling expiry) within this time after the last one is skipped: reads stay reads. */
const TOUCH_RESOLUTION_MS = 60_000;

function expiryOf(session: SessionData, fallbackMs: number): Date {
  const expires = session.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + fallbackMs);
}

/**
 * An express-session store on the service's own database (SQLite or PostgreSQL, through
 * TypeORM), so sessions survive restarts and are shared by every instance on one database.
 * Rows are keyed by the SHA-256 of the session id and carry the user id, so all sessions of a
 * user can be ended at once (`services/user.service.ts`, `endSessionsOf`).
 */
export class TypeormSessionStore extends Store {
  private lastPrune = 0;
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly defaultLifetimeMs: number,
  ) {
    super();
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    findSession(this.db.reader.manager, sha256Hex(sid)).then(
      (row) => {
        if (!row || row.expiresAt.getTime() <= Date.now()) {
          callback(null, null);
          return;
        }
        try {
          callback(null, JSON.parse(row.data) as SessionData);
        } catch {
          callback(null, null);
        }
      },
      (error: unknown) => callback(error),
    );
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    const sidHash = sha256Hex(sid);
    const row = {
      sidHash,
      userId: session.userId ?? null,
      data: JSON.stringify(session),
      expiresAt: expiryOf(session, this.defaultLifetimeMs),
    };
    this.db
      .transaction(async (tx) => {
        await saveSession(tx, row);
        await this.maybePrune(tx);
      })
      .then(
        () => {
          this.touched.set(sidHash, Date.now());
          callback?.();
        },
        (error: unknown) => callback?.(error),
      );
  }

  override destroy(sid: string, callback?: Callback): void {
    const sidHash = sha256Hex(sid);
    this.touched.delete(sidHash);
    this.db
      .transaction((tx) => deleteSession(tx, sidHash))
      .then(
        () => callback?.(),
        (error: unknown) => callback?.(error),
      );
  }

  override touch(sid: string, session: SessionData, callback?: Callback): void {
    const sidHash = sha256Hex(sid);
    const last = this.touched.get(sidHash) ?? 0;
    if (Date.now() - last < TOUCH_RESOLUTION_MS) {
      callback?.();
      return;
    }
    this.touched.set(sidHash, Date.now());
    if (this.touched.size > 10_000) this.touched.clear();
    this.db
      .transaction((tx) => extendSession(tx, sidHash, expiryOf(session, this.defaultLifetimeMs)))
      .then(
        () => callback?.(),
        (error: unknown) => callback?.(error),
      );
  }

  private async maybePrune(tx: EntityManager): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_INTERVAL_MS) return;
    this.lastPrune = Date.now();
    await deleteExpiredSessions(tx, new Date());
  }
}
