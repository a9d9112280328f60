import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { startSyncSchedules } from '../importers/sync/sync-schedule';
import { queueMonthlySnapshots, queueScheduledSync, SNAPSHOT_INTERVAL_MS } from '../jobs/scheduled-runs';
import { formatTarget } from '../lib/maturity';
import type { BuildGapReport } from '../reports/gaps/snapshots';
import type { Compute } from './compute/runner';

/**
 * Snapshots compute their gap reports in the compute workers, off the thread that serves
 * requests: handed to the job runner (`JobContext.buildGapReport`) by `main.ts`.
 */
export function snapshotBuilder(compute: Compute): BuildGapReport {
  return (area, target) => compute.run('gap-report', { area, target: formatTarget(target), filter: {} });
}

const SNAPSHOT_FIRST_DELAY_MS = 60_000;

/** What the timers need of the job runner: a nudge after queuing, so the job starts at once. */
export interface JobWaker {
  wake(): void;
}

/** Queues a job through `queue`, logs it, wakes the runner. Never throws: the next fire tries again. */
async function queueAndWake(
  logger: Logger,
  what: Record<string, unknown>,
  queue: () => Promise<{ id: number } | null>,
  runner?: JobWaker,
): Promise<void> {
  try {
    const job = await queue();
    if (!job) return;
    logger.info({ ...what, job: job.id }, 'background job queued');
    runner?.wake();
  } catch (error) {
    logger.error({ err: error, ...what }, 'queuing a background job failed');
  }
}

/**
 * The service's timers, in one place. They run nothing themselves: at each fire time they queue
 * a job for the job runner (`jobs/`), once per cluster (`jobs/scheduled-runs.ts`: a once-key per
 * fire time), so a restart between queuing and running loses nothing and the run goes to
 * whichever instance's runner is free. A minute after start and every six hours the monthly gap
 * snapshots while this month's are missing; with `config`, the scheduled syncs
 * (`SYNC_SCHEDULE_*`). Started after the server listens; timers are unref'd; the returned
 * function stops them.
 */
export function startBackgroundJobs(
  dataSource: DataSource,
  logger: Logger,
  config?: Config,
  runner?: JobWaker,
): () => void {
  const snapshots = () => {
    if (!dataSource.isInitialized) return;
    void queueAndWake(logger, { kind: 'snapshots.monthly' }, () => queueMonthlySnapshots(dataSource), runner);
  };
  const first = setTimeout(snapshots, SNAPSHOT_FIRST_DELAY_MS).unref();
  const every = setInterval(snapshots, SNAPSHOT_INTERVAL_MS).unref();
  const stopSyncs = config
    ? startSyncSchedules(dataSource, config, logger, (schedule, fireTime) =>
        queueAndWake(
          logger,
          { source: schedule.source, fireTime: fireTime.toISOString() },
          () => queueScheduledSync(dataSource, schedule, fireTime),
          runner,
        ),
      )
    : () => undefined;
  return () => {
    clearTimeout(first);
    clearInterval(every);
    stopSyncs();
  };
}
