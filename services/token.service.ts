import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ApiToken } from '../entities';
import { Database } from '../entities/database';
import type { NamedCache } from '../entities/database-caches';
import { inTransaction } from '../entities/transaction';
import { InputError, NotFoundError, type FieldProblem } from '../lib/errors';
import { sha256Hex } from '../lib/hash';
import { roleAndScopeProblems, type Principal, type Role } from '../lib/principal';

const TOKEN_PREFIX = 'eat_';

/** Input for a new API token. */
export interface NewApiToken {
  name: string;
  role: Role;
  scopes: string[];
}

/** An API token as listed (never with the secret). */
export interface ApiTokenView {
  id: number;
  name: string;
  role: Role;
  scopes: string[];
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function view(token: ApiToken): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    scopes: token.scopes,
    prefix: token.tokenPrefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

/** Checks role and scopes: an editor needs at least one scope, and scopes are region keys. */
export function validateTokenInput(input: NewApiToken): void {
  const problems: FieldProblem[] = [];
  if (!input.name.trim()) problems.push({ parameter: 'name', detail: 'Name darf nicht leer sein' });
  problems.push(
    ...roleAndScopeProblems(
      input.role,
      input.scopes,
      'Ein Editor-Token braucht mindestens einen Gebietsschlüssel als Scope',
    ),
  );
  if (problems.length > 0) throw new InputError('Token-Angaben ungültig.', problems);
}

/**
 * Creates an API token and returns the secret once; only its SHA-256 hash is stored. A hash
 * without salt suffices because the token carries 256 random bits.
 */
export async function createApiToken(
  manager: EntityManager,
  input: NewApiToken,
): Promise<{ token: string; view: ApiTokenView }> {
  validateTokenInput(input);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const saved = await manager.save(
    manager.create(ApiToken, {
      name: input.name.trim(),
      role: input.role,
      scopes: [...new Set(input.scopes)],
      tokenHash: sha256Hex(token),
      tokenPrefix: token.slice(0, 12),
      lastUsedAt: null,
      revokedAt: null,
    }),
  );
  return { token, view: view(saved) };
}

/** Lists all tokens, newest first. */
export async function listApiTokens(manager: EntityManager): Promise<ApiTokenView[]> {
  const tokens = await manager.find(ApiToken, { order: { id: 'DESC' } });
  return tokens.map(view);
}

/**
 * Revokes a token; it stops working at once, on every instance: each request checks its token's
 * row (see {@link principalForToken}), so no cache anywhere outlives the revocation.
 */
export async function revokeApiToken(manager: EntityManager, id: number): Promise<ApiTokenView> {
  const token = await manager.findOneBy(ApiToken, { id });
  if (!token) throw new NotFoundError(`Kein Token mit der Nummer ${id}.`);
  if (!token.revokedAt) {
    token.revokedAt = new Date();
    await manager.save(token);
  }
  tokenCache(Database.of(manager.connection)).deleteWhere((principal) => principal.id === String(id));
  return view(token);
}

const LAST_USED_RESOLUTION_MS = 60_000;
/** How long a resolved principal is kept; whether the token still holds is asked every time. */
const TOKEN_CACHE_TTL_MS = 60_000;
const TOKEN_CACHE_MAX = 1_000;

const TOKEN_CACHE_POLICY = { ttlMs: TOKEN_CACHE_TTL_MS, maxEntries: TOKEN_CACHE_MAX };

/** Resolved principals by token hash, in the Database's caches (see {@link principalForToken}). */
function tokenCache(db: Database): NamedCache<string, Principal> {
  return db.caches.cache('token-principals', TOKEN_CACHE_POLICY);
}

/**
 * Records when a token was last used. Inside a caller's transaction the update is part of
 * it; otherwise it gets a transaction of its own, and the request does not wait for it.
 *
 * NOTE: an update through the data source's own manager would, on SQLite, run on the
 * connection that only reads (see `entities/database-writer.ts`), and formerly landed inside
 * whatever transaction was open, to be rolled back with it. Queued behind a long import, it
 * must not hold up the read that authenticated; it is best effort, and a failed refresh is
 * simply repeated on a later use.
 */
async function refreshLastUsed(manager: EntityManager, id: number, at: Date): Promise<void> {
  if (manager.queryRunner?.isTransactionActive) {
    await manager.update(ApiToken, { id }, { lastUsedAt: at });
    return;
  }
  inTransaction(manager.connection, (tx) => tx.update(ApiToken, { id }, { lastUsedAt: at })).catch(() => undefined);
}

/**
 * Whether the token with this hash still holds: its row exists and is not revoked. One
 * indexed primary read of two columns, on SQLite a cached prepared statement.
 */
async function stillValid(db: Database, manager: EntityManager, hash: string): Promise<boolean> {
  const placeholder = db.isPostgres ? '$1' : '?';
  const rows = await db.sql.rows<{ revokedAt: unknown }>(
    manager,
    `SELECT "revoked_at" AS "revokedAt" FROM "api_tokens" WHERE "token_hash" = ${placeholder}`,
    [hash],
  );
  return rows.length === 1 && (rows[0].revokedAt === null || rows[0].revokedAt === undefined);
}

/**
 * The principal of a token resolved by {@link principalForToken} within the last
 * {@link TOKEN_CACHE_TTL_MS}, after checking that the token is still not revoked: the principal,
 * `null` when it was revoked or deleted meanwhile (by any instance or the CLI), or undefined when
 * the cache does not know the token (resolve it with {@link principalForToken}).
 */
export async function cachedPrincipalForToken(
  manager: EntityManager,
  token: string,
): Promise<Principal | null | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const hash = sha256Hex(token);
  const db = Database.of(manager.connection);
  const cache = tokenCache(db);
  const cached = cache.get(hash);
  if (!cached) return undefined;
  if (await stillValid(db, manager, hash)) return cached;
  cache.delete(hash);
  return null;
}

/**
 * Resolves a presented bearer token to its principal, or null if unknown or revoked.
 * `lastUsedAt` is refreshed at most once a minute so reads do not turn into writes.
 *
 * NOTE: a resolved principal is cached for {@link TOKEN_CACHE_TTL_MS}, but every use asks the
 * database whether the token still holds ({@link cachedPrincipalForToken}), so a revocation by
 * another instance or the CLI takes effect with the next request. The cache formerly answered
 * without that check for 10 s. What the cache still saves is the entity read and passport's
 * per-request machinery; see the bench numbers in `server/auth/bearer.ts`.
 */
export async function principalForToken(manager: EntityManager, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const cached = await cachedPrincipalForToken(manager, token);
  if (cached !== undefined) return cached;
  const hash = sha256Hex(token);
  const record = await manager.findOneBy(ApiToken, { tokenHash: hash });
  if (!record || record.revokedAt) {
    tokenCache(Database.of(manager.connection)).delete(hash);
    return null;
  }
  const now = Date.now();
  if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await refreshLastUsed(manager, record.id, new Date(now));
  }
  const principal: Principal = {
    kind: 'token',
    id: String(record.id),
    name: `token:${record.name}`,
    role: record.role,
    scopes: record.scopes,
  };
  tokenCache(Database.of(manager.connection)).set(hash, principal);
  return principal;
}
