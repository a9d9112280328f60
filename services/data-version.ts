import type { EntityManager } from 'typeorm';

/**
 * The data version: the newest import run and the newest audit event. Every import (inventory,
 * OZG catalogue, offerings, FIM) records a run, and every write through the services (components,
 * offerings, demo data, regions) an audit event, so a change to what a report reads moves it.
 * Report caches (`reports/gaps/cache.ts`, the API's report flight) key their entries by it.
 * Two primary-key lookups, so asking costs nothing.
 */
export async function dataVersion(manager: EntityManager): Promise<string> {
  const [row] = (await manager.query(
    'SELECT (SELECT MAX("id") FROM "import_runs") AS "runs", (SELECT MAX("id") FROM "audit_events") AS "events"',
  )) as { runs: number | string | null; events: number | string | null }[];
  return `${row?.runs ?? 0}:${row?.events ?? 0}`;
}
