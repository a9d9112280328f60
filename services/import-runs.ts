import type { EntityManager } from 'typeorm';
import { ImportRun } from '../entities';
import { NotFoundError } from '../lib/errors';
import type { Principal } from '../lib/principal';

/**
 * An import run as `principal` may see it: admins see every run, everyone else only their own.
 * A run of someone else is answered like a missing one, so run numbers reveal nothing.
 */
export async function visibleImportRun(
  manager: EntityManager,
  id: number,
  principal: Pick<Principal, 'role' | 'name'>,
): Promise<ImportRun> {
  const run = await manager.findOneBy(ImportRun, { id });
  const mine = run !== null && (principal.role === 'admin' || run.actor === principal.name);
  if (!run || !mine) throw new NotFoundError(`Importlauf ${id} gibt es nicht.`);
  return run;
}
