import type { EntityManager } from 'typeorm';
import { dataVersion } from '../http/report-flight';
import { withSignal } from '../../lib/cancellation';
import { formatTarget, type MaturityTarget } from '../../lib/maturity';
import type { CatalogueFilter } from '../../reports/gaps/inputs';
import type { GapReport } from '../../reports/gaps/report';
import type { GapReportRequest } from '../compute/tasks';

/** A report and when it was computed. */
export interface CachedGapReport {
  report: GapReport;
  computedAt: Date;
}

interface Entry {
  version: string;
  promise: Promise<CachedGapReport>;
  /** When the computation finished; null while it runs. */
  settledAt: number | null;
}

/** How long a report is reused when nothing audited changed in between. */
export const GAP_CACHE_TTL_MS = 10 * 60_000;
const ENTRIES = 32;

/**
 * Gap reports of areas for the pages, reused while the data version is unchanged and for at
 * most {@link GAP_CACHE_TTL_MS} (changes outside the audit log, e.g. responsibility rules
 * edited in the database, show up after that). Germany takes seconds on the embedded database
 * with millions of offerings, and better-sqlite3 blocks the process meanwhile: without reuse
 * every visit, filter change and download would compute it again. Concurrent requests for the
 * same report share one computation.
 */
export class GapReportCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param build computes a report (the app passes its compute workers, see `server/compute/`)
   * @param now the clock, for tests
   */
  constructor(
    private readonly build: (manager: EntityManager, request: GapReportRequest) => Promise<GapReport>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(
    manager: EntityManager,
    area: string,
    target: MaturityTarget,
    filter: CatalogueFilter,
  ): Promise<CachedGapReport> {
    const key = JSON.stringify([
      area,
      formatTarget(target),
      filter.themenfeld ?? '',
      filter.lebenslage ?? '',
      filter.ozgId ?? '',
      filter.fokus ?? '',
      filter.efa ?? '',
    ]);
    const version = await dataVersion(manager);
    const hit = this.entries.get(key);
    if (hit && hit.version === version && (hit.settledAt === null || this.now() - hit.settledAt < GAP_CACHE_TTL_MS)) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.promise;
    }
    // The callbacks run after `entry` is set (a promise settles on a later turn).
    // Shared and cached: one visitor leaving must not cancel it for the others (no signal).
    const request = { area, target: formatTarget(target), filter };
    const promise = withSignal(undefined, () => this.build(manager, request)).then(
      (report) => {
        entry.settledAt = this.now();
        return { report, computedAt: new Date(entry.settledAt) };
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    const entry: Entry = { version, settledAt: null, promise };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return entry.promise;
  }
}
