import { GapReportCache } from '../../reports/gaps/cache';
import type { AppDeps } from '../deps';
import { computeFor } from './runner';

const caches = new WeakMap<AppDeps, GapReportCache>();

/**
 * The gap report cache of an app, built on first use: one object for the API route
 * (`GET /api/reports/gaps`), the OZG pages and their downloads, so a report computed for one is
 * reused by the others. It computes in the app's compute workers when there are any (a Land's
 * report takes seconds).
 */
export function gapReportCacheFor(deps: AppDeps): GapReportCache {
  let cache = caches.get(deps);
  if (!cache) {
    const compute = computeFor(deps);
    cache = new GapReportCache((_manager, request) => compute.run('gap-report', request, undefined));
    caches.set(deps, cache);
  }
  return cache;
}
