import type { EntityManager } from 'typeorm';
import { formatTarget, type MaturityTarget } from '../../lib/maturity';
import { parseAreaKey } from '../area';
import { REPORT_CACHE_TTL_MS, VersionedCache } from '../common/versioned-cache';
import { GAP_AREAS } from './area';
import type { CatalogueFilter } from './queries';
import { targetFromText } from './options';
import { buildGapReport, type GapReport } from './report';

/** The parameters of a gap report as plain data (they cross to a compute worker by structured clone). */
export interface GapReportRequest {
  area: string;
  /** The target as text, e.g. `RGM-1.1:3`. */
  target: string;
  filter: CatalogueFilter;
}

/** Computes a gap report: in this thread ({@link buildGapReportRequest}), or the app's compute workers. */
export type GapReportBuilder = (manager: EntityManager, request: GapReportRequest) => Promise<GapReport>;

/** Builds the gap report of a plain request in this thread. */
export function buildGapReportRequest(manager: EntityManager, request: GapReportRequest): Promise<GapReport> {
  return buildGapReport(manager, request.area, { target: targetFromText(request.target), filter: request.filter });
}

/** A report and when it was computed. */
export interface CachedGapReport {
  report: GapReport;
  computedAt: Date;
}

/** How long a report is reused when nothing audited changed in between. */
export const GAP_CACHE_TTL_MS = REPORT_CACHE_TTL_MS;
const ENTRIES = 32;

/**
 * Gap reports of areas, reused while the data version is unchanged and for at most
 * {@link GAP_CACHE_TTL_MS} (changes outside the audit log, e.g. responsibility rules edited in
 * the database, show up after that). Germany takes seconds on the embedded database with
 * millions of offerings, and better-sqlite3 blocks the process meanwhile: without reuse every
 * visit, filter change, download and API call would compute it again. Concurrent requests for
 * the same report share one computation (`reports/common/versioned-cache.ts`). The app builds
 * one and hands it to the API and the pages; the CLI builds one for its run.
 */
export class GapReportCache {
  private readonly cache: VersionedCache<CachedGapReport>;

  /**
   * @param build computes a report (the app passes its compute workers, see `server/compute/`)
   * @param now the clock, for tests
   */
  constructor(
    private readonly build: GapReportBuilder = buildGapReportRequest,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = new VersionedCache<CachedGapReport>(ENTRIES, now);
  }

  /**
   * The report of `area` (any form `GAP_AREAS` accepts; a malformed one is a 400 before anything
   * is computed) for the target and filter, reused or computed.
   */
  async get(
    manager: EntityManager,
    area: string,
    target: MaturityTarget,
    filter: CatalogueFilter,
  ): Promise<CachedGapReport> {
    // Normalised, so `de` and `DE` share an entry.
    const areaKey = parseAreaKey(area, GAP_AREAS).key;
    const key = JSON.stringify([
      areaKey,
      formatTarget(target),
      filter.themenfeld ?? '',
      filter.lebenslage ?? '',
      filter.ozgId ?? '',
      filter.fokus ?? '',
      filter.efa ?? '',
    ]);
    const request = { area: areaKey, target: formatTarget(target), filter };
    return this.cache.get(manager, key, async () => {
      const report = await this.build(manager, request);
      return { report, computedAt: new Date(this.now()) };
    });
  }
}
