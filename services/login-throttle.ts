import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction, isPostgres } from '../entities/transaction';

/** Limits of {@link LoginThrottle}; `LOGIN_*` environment variables (config.ts). */
export interface LoginLimits {
  /** Failed sign-ins of one user name (any client) before it is locked. */
  perAccount: number;
  /** Failed sign-ins from one client address (any user names) before it is locked. */
  perClient: number;
  /** How long failures count, in milliseconds. */
  windowMs: number;
  /** How long a key stays locked once it reached its limit, in milliseconds. */
  lockoutMs: number;
}

/** The defaults: 10 per account, 100 per client, in 15 minutes, then 15 minutes locked. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: 10,
  perClient: 100,
  windowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
};

/** How often expired rows are removed, at most (per instance). */
const PRUNE_INTERVAL_MS = 10 * 60_000;

/** The two keys a sign-in attempt counts under. */
export interface LoginKeys {
  /** The user name as entered, folded the way user names are (`normaliseUserName`). */
  account: string;
  /** The client address as Express resolves it (`req.ip`, honouring `TRUST_PROXY`). */
  client: string;
}

function rowKeys(keys: LoginKeys): { account: string; client: string } {
  return { account: `account:${keys.account}`.slice(0, 300), client: `client:${keys.client}`.slice(0, 300) };
}

/**
 * Failed sign-ins counted in the database (table `login_throttle`), per account and per
 * client, so every instance on the database shares them and a restart forgets nothing. A key
 * that reaches its limit within the window is locked for the lockout time; while either key of
 * an attempt is locked the attempt is refused before the password is checked, the right
 * password included.
 *
 * NOTE: the counters formerly lived in each process's memory, keyed by address: a second
 * instance, a restart, or (with `TRUST_PROXY` and the app reachable directly) a new
 * `X-Forwarded-For` per attempt started them afresh. The account key holds whatever address an
 * attacker claims. It also lets anyone lock an account for the lockout time by failing on
 * purpose — the price of a limit that addresses cannot dodge; a success clears the account's
 * own counter only, so a valid account cannot be used to wash a client's failures away.
 */
export class LoginThrottle {
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /**
   * Milliseconds until an attempt under these keys may be made again, or 0 when it may be made
   * now.
   */
  async lockedFor(keys: LoginKeys, now = Date.now()): Promise<number> {
    const { account, client } = rowKeys(keys);
    const rows = (await this.dataSource.query(
      ...this.sql(
        'SELECT "locked_until" AS "lockedUntil" FROM "login_throttle" WHERE "key" IN (:account, :client) AND "locked_until" IS NOT NULL',
        { account, client },
      ),
    )) as { lockedUntil: string | number }[];
    const until = Math.max(0, ...rows.map((r) => Number(r.lockedUntil)));
    return Math.max(0, until - now);
  }

  /**
   * Counts a failed attempt under both keys, atomically on either database (one upsert per
   * key), and returns the milliseconds the attempt's keys are now locked for (0 if neither is).
   */
  async recordFailure(keys: LoginKeys, now = Date.now()): Promise<number> {
    const { account, client } = rowKeys(keys);
    return inTransaction(this.dataSource, async (tx) => {
      const locked = [
        await this.count(tx, account, this.limits.perAccount, now),
        await this.count(tx, client, this.limits.perClient, now),
      ];
      await this.maybePrune(tx, now);
      return Math.max(0, ...locked.map((until) => (until ? until - now : 0)));
    });
  }

  /** Forgets the account's failures after a successful sign-in (the client's stay). */
  async recordSuccess(keys: LoginKeys): Promise<void> {
    const { account } = rowKeys(keys);
    await inTransaction(this.dataSource, (tx) =>
      tx.query(...this.sql('DELETE FROM "login_throttle" WHERE "key" = :account', { account })),
    );
  }

  /** One upsert: a new window or one more failure, locking at the limit; returns the lock end or null. */
  private async count(tx: EntityManager, key: string, limit: number, now: number): Promise<number | null> {
    // NOTE: explicit casts, or PostgreSQL types the parameters inside CASE as text.
    const fresh = '"login_throttle"."window_start" <= CAST(:cutoff AS bigint)';
    const failures = `CASE WHEN ${fresh} THEN 1 ELSE "login_throttle"."failures" + 1 END`;
    const lockAt = 'CAST(:lockUntil AS bigint)';
    const rows = (await tx.query(
      ...this.sql(
        `INSERT INTO "login_throttle" ("key", "failures", "window_start", "locked_until")
           VALUES (:key, 1, CAST(:now AS bigint), CASE WHEN 1 >= CAST(:limit AS integer) THEN ${lockAt} ELSE NULL END)
         ON CONFLICT ("key") DO UPDATE SET
           "failures" = ${failures},
           "window_start" = CASE WHEN ${fresh} THEN CAST(:now AS bigint) ELSE "login_throttle"."window_start" END,
           "locked_until" = CASE WHEN ${failures} >= CAST(:limit AS integer) THEN ${lockAt} ELSE "login_throttle"."locked_until" END
         RETURNING "locked_until" AS "lockedUntil"`,
        { key, now, cutoff: now - this.limits.windowMs, lockUntil: now + this.limits.lockoutMs, limit },
      ),
    )) as { lockedUntil: string | number | null }[];
    const until = rows[0]?.lockedUntil;
    return until === null || until === undefined || Number(until) <= now ? null : Number(until);
  }

  private async maybePrune(tx: EntityManager, now: number): Promise<void> {
    if (now - this.lastPrune < PRUNE_INTERVAL_MS) return;
    this.lastPrune = now;
    await tx.query(
      ...this.sql(
        'DELETE FROM "login_throttle" WHERE "window_start" <= CAST(:cutoff AS bigint) AND ("locked_until" IS NULL OR "locked_until" <= CAST(:now AS bigint))',
        { cutoff: now - this.limits.windowMs, now },
      ),
    );
  }

  /** `:name` parameters as the driver wants them: `$1` … on PostgreSQL, one `?` per use on SQLite. */
  private sql(text: string, values: Record<string, string | number>): [string, (string | number)[]] {
    const postgres = isPostgres(this.dataSource);
    const names: string[] = [];
    const params: (string | number)[] = [];
    const query = text.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
      if (!(name in values)) throw new Error(`login-throttle: no value for :${name}`);
      if (!postgres) {
        params.push(values[name]);
        return '?';
      }
      let index = names.indexOf(name);
      if (index < 0) {
        names.push(name);
        params.push(values[name]);
        index = names.length - 1;
      }
      return `$${index + 1}`;
    });
    return [query, params];
  }
}
