import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ApiToken } from '../entities';
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

/** Revokes a token; it stops working at once. */
export async function revokeApiToken(manager: EntityManager, id: number): Promise<ApiTokenView> {
  const token = await manager.findOneBy(ApiToken, { id });
  if (!token) throw new NotFoundError(`Kein Token mit der Nummer ${id}.`);
  if (!token.revokedAt) {
    token.revokedAt = new Date();
    await manager.save(token);
  }
  for (const [hash, entry] of tokenCache) if (entry.principal.id === String(id)) tokenCache.delete(hash);
  return view(token);
}

const LAST_USED_RESOLUTION_MS = 60_000;
/** How long a resolved token is trusted without asking the database again. */
const TOKEN_CACHE_TTL_MS = 10_000;
const TOKEN_CACHE_MAX = 1_000;
const tokenCache = new Map<string, { principal: Principal; until: number }>();

/**
 * Records when a token was last used. Inside a caller's transaction the update is part of
 * it; otherwise it gets a transaction of its own, and the request does not wait for it.
 *
 * NOTE: an update through the data source's own manager would, on SQLite, run on the
 * connection that only reads (see `entities/transaction.ts`), and formerly landed inside
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
 * The principal of a token resolved by {@link principalForToken} within the last
 * {@link TOKEN_CACHE_TTL_MS}, without touching the database; undefined when there is none
 * (unknown, revoked, expired from the cache, never presented).
 */
export function cachedPrincipalForToken(token: string): Principal | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const cached = tokenCache.get(sha256Hex(token));
  return cached && cached.until > Date.now() ? cached.principal : undefined;
}

/**
 * Resolves a presented bearer token to its principal, or null if unknown or revoked.
 * `lastUsedAt` is refreshed at most once a minute so reads do not turn into writes.
 *
 * NOTE: a resolved token is cached for {@link TOKEN_CACHE_TTL_MS}, so a revocation by
 * another process (the CLI) takes effect within that time; a revocation in this process is
 * immediate. The lookup was a third of the cost of a typical read request.
 */
export async function principalForToken(manager: EntityManager, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const cached = cachedPrincipalForToken(token);
  if (cached) return cached;
  const hash = sha256Hex(token);
  const record = await manager.findOneBy(ApiToken, { tokenHash: hash });
  if (!record || record.revokedAt) {
    tokenCache.delete(hash);
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
  if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
  tokenCache.set(hash, { principal, until: now + TOKEN_CACHE_TTL_MS });
  return principal;
}
