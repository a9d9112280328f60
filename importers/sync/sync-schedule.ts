import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import { withClusterJobLock } from '../../entities/db-health';
import { SYSTEM_PRINCIPAL } from '../../lib/principal';
import type { SyncSchedule } from '../../sources/sources-config';
import type { ImportReport } from '../import-report';
import { claimScheduledRun } from './sync-state';
import { syncDashboard, syncFimPortal, syncPvog, type SyncJobOptions } from './sync-jobs';
import { sourcesConfig } from './sync-sources';

/** Runs the sync a schedule names. */
function runSchedule(
  dataSource: DataSource,
  config: Config,
  schedule: SyncSchedule,
  options: SyncJobOptions,
): Promise<ImportReport[]> {
  if (schedule.source === 'dashboard') return syncDashboard(dataSource, config, schedule.scope, options);
  if (schedule.source === 'pvog') {
    return syncPvog(dataSource, config, schedule.scope[0] ?? null, options).then((r) => [r]);
  }
  return syncFimPortal(dataSource, config, schedule.scope, options).then((r) => [r]);
}

/**
 * One scheduled run, once per cluster: under the schedule's advisory lock the first instance
 * claims the fire time in `sync_states` and runs the sync; an instance that comes later (or
 * while it runs) finds the claim or the lock and skips. Never throws: failures are logged, and
 * the sync state keeps the position for the next run.
 */
export async function runScheduledSync(
  dataSource: DataSource,
  config: Config,
  schedule: SyncSchedule,
  fireTime: Date,
  logger: Logger,
  signal?: AbortSignal,
): Promise<'ran' | 'skipped'> {
  const started = Date.now();
  const job = `${schedule.source}:${schedule.scope.join(',')}`.slice(0, 300);
  try {
    const outcome = await withClusterJobLock(dataSource, `sync-schedule/${schedule.source}`, async () => {
      if (!(await claimScheduledRun(dataSource, job, fireTime))) return null;
      const actor = { principal: SYSTEM_PRINCIPAL, requestId: null };
      return runSchedule(dataSource, config, schedule, { actor, logger, ...(signal ? { signal } : {}) });
    });
    if (!outcome.ran || outcome.result === null) {
      logger.info({ source: schedule.source }, 'scheduled sync: another instance runs it');
      return 'skipped';
    }
    for (const report of outcome.result) {
      logger.info(
        {
          source: schedule.source,
          scope: report.source,
          status: report.status,
          counts: report.counts,
          ms: Date.now() - started,
        },
        'scheduled sync finished',
      );
    }
    return 'ran';
  } catch (error) {
    logger.error({ err: error, source: schedule.source, ms: Date.now() - started }, 'scheduled sync failed');
    return 'ran';
  }
}

/**
 * Starts the configured sync schedules (`SYNC_SCHEDULE_*`, cron expressions in the server's
 * time zone). A run does not overlap the previous one of the same schedule (croner `protect`);
 * timers are unref'd. The returned function stops them and asks running syncs to stop after
 * their current page.
 */
export function startSyncSchedules(dataSource: DataSource, config: Config, logger: Logger): () => void {
  const controller = new AbortController();
  const jobs = sourcesConfig(config).schedules.map(
    (schedule) =>
      new Cron(schedule.cron, { protect: true, unref: true, name: `sync-${schedule.source}` }, async (self: Cron) => {
        if (!dataSource.isInitialized) return;
        const fire = self.currentRun() ?? new Date();
        // The claim compares fire times across instances: whole seconds, as cron schedules them.
        const fireTime = new Date(Math.floor(fire.getTime() / 1000) * 1000);
        await runScheduledSync(dataSource, config, schedule, fireTime, logger, controller.signal);
      }),
  );
  for (const job of jobs) logger.info({ job: job.name, next: job.nextRun()?.toISOString() }, 'sync scheduled');
  return () => {
    controller.abort();
    for (const job of jobs) job.stop();
  };
}
