import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppSecret } from '../../entities';
import { inTransaction } from '../../entities/transaction';

const NAME = 'session-cookie';

/**
 * The key that signs session cookies when `SESSION_SECRET` is not configured: generated once
 * (384 random bits) and kept in the database, so `npm start` works out of the box, restarts
 * keep everyone signed in, and all instances on one database agree. Whoever can read the
 * database could forge a cookie signature — but would also hold every session already.
 */
export async function ensureSessionSecret(dataSource: DataSource): Promise<string> {
  return inTransaction(dataSource, async (tx) => {
    const existing = await tx.findOneBy(AppSecret, { name: NAME });
    if (existing) return existing.value;
    const value = randomBytes(48).toString('base64url');
    // NOTE: another instance may insert at the same moment; the row that wins is read back.
    await tx.createQueryBuilder().insert().into(AppSecret).values({ name: NAME, value }).orIgnore().execute();
    return ((await tx.findOneBy(AppSecret, { name: NAME })) as AppSecret).value;
  });
}
