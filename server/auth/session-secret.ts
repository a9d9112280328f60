import type { DataSource } from 'typeorm';
import { ensureAppSecret } from '../../services/app-secrets';

const NAME = 'session-cookie';

/**
 * The key that signs session cookies when `SESSION_SECRET` is not configured: generated once
 * (384 random bits) and kept in the database, so `npm start` works out of the box, restarts
 * keep everyone signed in, and all instances on one database agree. Whoever can read the
 * database could forge a cookie signature — but would also hold every session already.
 */
export function ensureSessionSecret(dataSource: DataSource): Promise<string> {
  return ensureAppSecret(dataSource, NAME);
}
