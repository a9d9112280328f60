import type { EntityManager } from 'typeorm';
import { AuditEvent } from '../entities';
import { decodeCursor, encodeCursor, type Page } from '../lib/cursor';
import type { Actor } from '../lib/principal';
import { invalidCursor } from './region.service';

/** What changed, for the audit log. `before`/`after` use the API's natural-key representation. */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityKey: string;
  regionId?: number | null;
  importRunId?: number | null;
  before?: object | null;
  after?: object | null;
}

/** Appends one event to the audit log, inside the caller's transaction. */
export async function recordAudit(tx: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
  await recordAuditBatch(tx, actor, [entry]);
}

/** Appends several events at once (imports write thousands). */
export async function recordAuditBatch(tx: EntityManager, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const occurredAt = new Date();
  const rows = entries.map((entry) =>
    tx.create(AuditEvent, {
      occurredAt,
      actor: actor.principal.name,
      actorKind: actor.principal.kind,
      requestId: actor.requestId,
      action: entry.action,
      entityType: entry.entityType,
      entityKey: entry.entityKey,
      regionId: entry.regionId ?? null,
      importRunId: entry.importRunId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    }),
  );
  // NOTE: chunked because SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(AuditEvent, rows.slice(i, i + 500));
  }
}

/** An audit event as the API shows it. */
export interface AuditEventView {
  id: number;
  occurredAt: string;
  actor: string;
  actorKind: string;
  requestId: string | null;
  action: string;
  entityType: string;
  entityKey: string;
  importRunId: number | null;
  before: unknown;
  after: unknown;
}

/** Maps an audit event to its API view. */
export function auditEventView(event: AuditEvent): AuditEventView {
  return {
    id: event.id,
    occurredAt: new Date(event.occurredAt).toISOString(),
    actor: event.actor,
    actorKind: event.actorKind,
    requestId: event.requestId,
    action: event.action,
    entityType: event.entityType,
    entityKey: event.entityKey,
    importRunId: event.importRunId,
    before: event.before ?? null,
    after: event.after ?? null,
  };
}

/** The change history of one region, newest first, one page at a time. */
export async function regionHistory(
  manager: EntityManager,
  regionId: number,
  page: { limit: number; cursor?: string },
): Promise<Page<AuditEventView>> {
  const qb = manager
    .createQueryBuilder(AuditEvent, 'e')
    .where('e.regionId = :regionId', { regionId })
    .orderBy('e.id', 'DESC')
    .take(page.limit + 1);
  if (page.cursor) {
    const { id } = decodeCursor<{ id: number }>(page.cursor, { id: 'number' });
    // A forged cursor (1e999, 0.5) must be a 400, not a database error on PostgreSQL.
    if (!Number.isSafeInteger(id)) throw invalidCursor();
    qb.andWhere('e.id < :before', { before: id });
  }
  const rows = await qb.getMany();
  const items = rows.slice(0, page.limit);
  return {
    items: items.map(auditEventView),
    nextCursor: rows.length > page.limit ? encodeCursor({ id: items[items.length - 1].id }) : null,
  };
}
