import type { DataSource, EntityManager } from 'typeorm';
import { InventoryConfirmation } from '../entities';
import { findOneByColumn } from '../entities/fast-find';
import { inTransaction } from '../entities/transaction';
import type { Actor } from '../lib/principal';
import { recordAudit } from './audit.service';
import { getLandscape } from './inventory-views';
import { assertMayWrite, findMunicipality } from './region.service';

/** The latest confirmation of a municipality's data. */
export interface ConfirmationView {
  confirmedAt: string;
  confirmedBy: string;
  /** False when the landscape changed after the confirmation. */
  current: boolean;
}

/**
 * Records that someone in scope confirmed a municipality's landscape as complete and current
 * ("Daten vollständig bestätigen"): the latest confirmation per municipality, plus an audit
 * event `inventory.confirmed` for the history.
 */
export async function confirmInventory(
  dataSource: DataSource,
  args: { key: string; actor: Actor },
): Promise<ConfirmationView> {
  return inTransaction(dataSource, async (tx) => {
    const region = await findMunicipality(tx, args.key);
    assertMayWrite(args.actor.principal, region);
    const { view, etag } = await getLandscape(tx, region.key);
    const now = new Date();
    const existing = await findOneByColumn(tx, InventoryConfirmation, 'regionId', region.id);
    const values = { confirmedAt: now, confirmedBy: args.actor.principal.name, landscapeEtag: etag.replace(/"/g, '') };
    if (existing) await tx.update(InventoryConfirmation, { id: existing.id }, values);
    else await tx.insert(InventoryConfirmation, { regionId: region.id, ...values });
    await recordAudit(tx, args.actor, {
      action: 'inventory.confirmed',
      entityType: 'municipality',
      entityKey: region.key,
      regionId: region.id,
      after: { confirmedAt: now.toISOString(), components: view.components.length, missing: view.missingComponents },
    });
    return { confirmedAt: now.toISOString(), confirmedBy: values.confirmedBy, current: true };
  });
}

/** The latest confirmation, and whether the landscape is still what was confirmed; null if never. */
export async function getConfirmation(
  manager: EntityManager,
  regionId: number,
  currentEtag: string,
): Promise<ConfirmationView | null> {
  const row = await findOneByColumn(manager, InventoryConfirmation, 'regionId', regionId);
  if (!row) return null;
  return {
    confirmedAt: row.confirmedAt.toISOString(),
    confirmedBy: row.confirmedBy,
    current: row.landscapeEtag === currentEtag.replace(/"/g, ''),
  };
}
