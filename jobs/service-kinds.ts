import { syncSource } from '../importers/sync/sync-jobs';
import { SYSTEM_PRINCIPAL, type Actor } from '../lib/principal';
import { ensureMonthlySnapshots } from '../reports/gaps/snapshots';
import type { SyncSchedule } from '../sources/sources-config';
import type { JobKind } from './kinds';

/** The sources a sync job can pull, each its own kind `sync.<source>`. */
export type SyncSource = SyncSchedule['source'];

/** Every source, in the order `sync status` lists them. */
export const SYNC_SOURCES: readonly SyncSource[] = ['dashboard', 'pvog', 'fim-portal'];

/** The options of a `sync.<source>` job (JSON in `jobs.options`). */
export interface SyncJobInput {
  /** As in `SYNC_*` / the CLI: Dashboard ARS or `all`; PVOG at most one ARS; FIM keys or `missing`. */
  scope: string[];
  /** Start over instead of resuming a pass that stopped midway (`--restart`). */
  restart?: boolean;
  /** Who asked for it; the service itself for a scheduled run. */
  actor?: Actor;
  /** The schedule's fire time (ISO) of a scheduled run, for the log. */
  fireTime?: string;
}

/** The kind that runs syncs of `source`. */
export function syncKindName(source: SyncSource): string {
  return `sync.${source}`;
}

const SYNC_BROKE =
  'Bei der Synchronisation ist ein unerwarteter Fehler aufgetreten; der Stand der letzten vollständigen Seite ist gespeichert, der nächste Lauf setzt dort fort.';
const SNAPSHOTS_BROKE =
  'Die Monatsstände der Lückenberichte konnten nicht erstellt werden; der nächste Zeitplan-Lauf versucht es erneut.';

/**
 * A sync with a public source. It pages under the source's cluster lock and stores its
 * position in `sync_states` after each page, so a run cut off by a restart is queued again by
 * the runner and resumes where it stopped.
 */
function syncKind(source: SyncSource): JobKind {
  return {
    unexpectedError: SYNC_BROKE,
    service: true,
    run: async (context, input, progress) => {
      const options = input.options as unknown as SyncJobInput;
      const started = Date.now();
      const reports = await syncSource(
        context.dataSource,
        context.config,
        { source, scope: options.scope },
        {
          actor: options.actor ?? { principal: SYSTEM_PRINCIPAL, requestId: null },
          restart: options.restart ?? false,
          logger: context.logger,
          progress,
        },
      );
      for (const report of reports) {
        context.logger.info(
          { source, scope: report.source, status: report.status, counts: report.counts, ms: Date.now() - started },
          options.fireTime ? 'scheduled sync finished' : 'sync finished',
        );
      }
      return reports;
    },
  };
}

/**
 * The service's own jobs: the syncs with the public sources (queued by `SYNC_SCHEDULE_*` or
 * `sync … --queue`) and the monthly gap snapshots (queued by the six-hourly timer).
 */
export const SERVICE_KINDS: Readonly<Record<string, JobKind>> = {
  ...Object.fromEntries(SYNC_SOURCES.map((source) => [syncKindName(source), syncKind(source)])),
  /**
   * This month's snapshots of Germany, the Länder and the Kreise (the trend of
   * `GET /api/reports/gaps/history`), unless Germany's exists; the gap reports are computed by
   * `context.buildGapReport` (the service's compute workers) when given.
   */
  'snapshots.monthly': {
    unexpectedError: SNAPSHOTS_BROKE,
    service: true,
    run: async (context) => {
      const started = Date.now();
      const taken = await ensureMonthlySnapshots(context.dataSource, new Date(), context.buildGapReport);
      if (taken > 0) context.logger.info({ taken, ms: Date.now() - started }, 'monthly gap snapshots taken');
      return { taken };
    },
  },
};
