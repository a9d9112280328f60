import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import { withClusterJobLock } from '../../entities/db-health';
import { ConflictError, InputError } from '../../lib/errors';
import type { Actor } from '../../lib/principal';
import { dashboardArs, LAENDER_ARS } from '../../sources/dashboard.client';
import type { ImportReport } from '../import-report';
import type { SyncSchedule } from '../../sources/sources-config';
import type { Progress } from '../progress';
import { dashboardSync } from './dashboard.sync';
import { fimPortalSync, leistungenWithoutFim } from './fim-portal.sync';
import { pvogSync } from './pvog.sync';
import { runPagedSync, type PagedSync } from './sync-runner';
import { dashboardClient, fimPortalClient, pvogClient, sourcesConfig } from './sync-sources';

/** What every sync entry point takes besides its scope. */
export interface SyncJobOptions {
  actor: Actor;
  progress?: Progress;
  signal?: AbortSignal;
  restart?: boolean;
  logger?: Logger;
}

/**
 * Runs one paged sync under the cluster lock of its source, so two instances (or the CLI and
 * the service) on one PostgreSQL database never page through the same source at once.
 */
async function locked<P>(dataSource: DataSource, sync: PagedSync<P>, options: SyncJobOptions): Promise<ImportReport> {
  const outcome = await withClusterJobLock(dataSource, `sync/${sync.source}`, () =>
    runPagedSync(dataSource, sync, options),
  );
  if (!outcome.ran) throw new ConflictError(`Eine andere Instanz synchronisiert gerade ${sync.label}; später erneut.`);
  return outcome.result;
}

/** The 12-digit ARS of `--ars` values (`16`, `09184`, `091840000000`), or `all` for the 16 Länder. */
export function dashboardAreas(values: string[] | 'all'): string[] {
  if (values === 'all' || values.includes('all')) return LAENDER_ARS;
  const areas = values.map((v) => ({ v, ars: dashboardArs(v) }));
  const bad = areas.filter((a) => a.ars === null).map((a) => a.v);
  if (bad.length > 0 || areas.length === 0) {
    throw new InputError(
      areas.length === 0
        ? 'Ein Gebiet angeben (--ars 16) oder --all.'
        : `Kein Regionalschlüssel (2, 3, 5, 9 oder 12 Ziffern): ${bad.join(', ')}`,
    );
  }
  return [...new Set(areas.map((a) => a.ars as string))];
}

/** `sync dashboard`: the areas one after the other; one sync report per area. */
export async function syncDashboard(
  dataSource: DataSource,
  config: Config,
  areas: string[] | 'all',
  options: SyncJobOptions,
): Promise<ImportReport[]> {
  const client = dashboardClient(config, options.logger);
  const pageSize = sourcesConfig(config).dashboard.pageSize;
  const reports: ImportReport[] = [];
  for (const ars of dashboardAreas(areas)) {
    if (options.signal?.aborted) break;
    reports.push(
      await locked(dataSource, dashboardSync(dataSource, client, { ars, pageSize, actor: options.actor }), options),
    );
  }
  return reports;
}

/** `sync pvog`: the Bereitstelldienst, everything or one area. */
export async function syncPvog(
  dataSource: DataSource,
  config: Config,
  ars: string | null,
  options: SyncJobOptions,
): Promise<ImportReport> {
  const area = ars === null ? null : dashboardArs(ars);
  if (ars !== null && area === null) throw new InputError(`Kein Regionalschlüssel: ${ars}`);
  const sync = pvogSync(dataSource, pvogClient(config, options.logger), {
    ars: area,
    maxBytes: config.fimImportMaxBytes,
    actor: options.actor,
  });
  return locked(dataSource, sync, options);
}

/**
 * `sync fim-portal`: the Steckbriefe of the given Leistungen, or with `missing` of every active
 * Leistung no XZuFi has described yet.
 */
export async function syncFimPortal(
  dataSource: DataSource,
  config: Config,
  keys: string[] | 'missing',
  options: SyncJobOptions,
): Promise<ImportReport> {
  const wanted = keys === 'missing' || keys.includes('missing') ? await leistungenWithoutFim(dataSource) : keys;
  const sync = fimPortalSync(dataSource, fimPortalClient(config, options.logger), {
    keys: wanted,
    maxBytes: config.fimImportMaxBytes,
    actor: options.actor,
  });
  return locked(dataSource, sync, options);
}

/**
 * Runs the sync of a source over a scope as a schedule names it (`SYNC_DASHBOARD_ARS`, …): the
 * Dashboard's areas one after the other, PVOG everything or one area, the FIM Portal's keys or
 * `missing`. One report per area or source.
 */
export async function syncSource(
  dataSource: DataSource,
  config: Config,
  target: Pick<SyncSchedule, 'source' | 'scope'>,
  options: SyncJobOptions,
): Promise<ImportReport[]> {
  if (target.source === 'dashboard') return syncDashboard(dataSource, config, target.scope, options);
  if (target.source === 'pvog') return [await syncPvog(dataSource, config, target.scope[0] ?? null, options)];
  return [await syncFimPortal(dataSource, config, target.scope, options)];
}
