import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (RFC 7914), a memory-hard KDF built into Node. Parameters
 * follow the OWASP Password Storage Cheat Sheet's scrypt recommendation: N = 2^17, r = 8,
 * p = 1 (128 MiB of memory and roughly a quarter second per hash on one core), a 16-byte
 * random salt and a 32-byte key. They are stored with every hash, so raising them later
 * keeps old hashes verifiable.
 */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted (a bound on the work one login attempt can cause). */
export const MAX_PASSWORD_LENGTH = 200;

function derive(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number; keyLength: number },
): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, params.keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Cost parameters of one hash. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * Hashes a password: `scrypt$N$r$p$salt$key` with base64url salt and key. `cost` exists for
 * tests, which would otherwise spend most of their time hashing; the service never passes it.
 */
export async function hashPassword(password: string, cost: ScryptCost = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SCRYPT_PARAMS.saltLength);
  const { N, r, p } = cost;
  const key = await derive(password, salt, { N, r, p, keyLength: SCRYPT_PARAMS.keyLength });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (expected.length === 0 || password.length > MAX_PASSWORD_LENGTH) return false;
  const actual = await derive(password, salt, { N, r, p, keyLength: expected.length });
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for an unknown user name: a login form
 * should not reveal by its speed which names exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}

/** German reasons a new password is refused; empty when it is acceptable. */
export function passwordProblems(password: string, userName?: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) {
    problems.push(`Das Passwort muss mindestens ${MIN_PASSWORD_LENGTH} Zeichen lang sein.`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    problems.push(`Das Passwort darf höchstens ${MAX_PASSWORD_LENGTH} Zeichen lang sein.`);
  }
  if (userName && password.trim().toLowerCase() === userName.trim().toLowerCase()) {
    problems.push('Das Passwort darf nicht der Benutzername sein.');
  }
  if (password.length >= MIN_PASSWORD_LENGTH && new Set(password).size < 4) {
    problems.push('Das Passwort besteht aus zu wenigen verschiedenen Zeichen.');
  }
  return problems;
}
