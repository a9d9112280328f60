import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppSecret } from '../entities';
import { inTransaction } from '../entities/transaction';

/**
 * The secret stored under `name`, generated (384 random bits, base64url) and stored on first
 * use. Instances sharing one database agree on it: when two generate one at the same moment,
 * the row that was inserted first wins and both return it.
 */
export async function ensureAppSecret(dataSource: DataSource, name: string): Promise<string> {
  return inTransaction(dataSource, async (tx) => {
    const existing = await tx.findOneBy(AppSecret, { name });
    if (existing) return existing.value;
    const value = randomBytes(48).toString('base64url');
    // NOTE: another instance may insert at the same moment; the row that wins is read back.
    await tx.createQueryBuilder().insert().into(AppSecret).values({ name, value }).orIgnore().execute();
    return ((await tx.findOneBy(AppSecret, { name })) as AppSecret).value;
  });
}
