import type { EntityManager } from 'typeorm';
import { AuditEvent, type Region } from '../entities';
import { auditEventView, type AuditEventView } from './audit.service';

/** One numbered page of a region's change history, newest first, and the number of all events. */
export async function regionHistoryPage(
  manager: EntityManager,
  regionId: number,
  page: { number: number; size: number },
): Promise<{ events: AuditEventView[]; total: number }> {
  const [events, total] = await manager.findAndCount(AuditEvent, {
    where: { regionId },
    order: { id: 'DESC' },
    skip: (page.number - 1) * page.size,
    take: page.size,
  });
  return { events: events.map(auditEventView), total };
}

/** How many of a region's newest events `lastComponentChange` looks through. */
const RECENT_EVENTS = 50;

/**
 * Who changed a component of a municipality last and when, from the audit log: a change of
 * the record itself (API and web edits) or an inventory import that named the component.
 * Only the newest events are searched, so an old change answers null.
 */
export async function lastComponentChange(
  manager: EntityManager,
  region: Pick<Region, 'id' | 'key'>,
  code: string,
): Promise<{ by: string; at: string } | null> {
  const events = await manager.find(AuditEvent, {
    where: { regionId: region.id },
    order: { id: 'DESC' },
    take: RECENT_EVENTS,
  });
  const hit = events.find(
    (e) =>
      e.entityKey === `${region.key}/${code}` ||
      (e.action === 'inventory.imported' && e.after !== null && code in (e.after as Record<string, unknown>)),
  );
  return hit ? { by: hit.actor, at: new Date(hit.occurredAt).toISOString() } : null;
}
