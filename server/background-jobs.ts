import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { withClusterJobLock } from '../entities/db-health';
import { startSyncSchedules } from '../importers/sync/sync-schedule';
import { ensureMonthlySnapshots, type BuildGapReport } from '../reports/gaps/snapshots';
import { formatTarget } from '../lib/maturity';
import type { Compute } from './compute/runner';

/** Snapshots compute their gap reports in the compute workers, off the thread that serves requests. */
function snapshotBuilder(compute: Compute): BuildGapReport {
  return (area, target) => compute.run('gap-report', { area, target: formatTarget(target), filter: {} });
}

const SNAPSHOT_FIRST_DELAY_MS = 60_000;
const SNAPSHOT_INTERVAL_MS = 6 * 60 * 60 * 1000;

/**
 * One run of the monthly gap snapshots (the trend of `GET /api/reports/gaps/history`), once per
 * cluster: on PostgreSQL an instance skips the run while another one holds the job's advisory
 * lock, and the snapshots of a month are only taken if Germany's does not exist yet. Logs how
 * long a run took. Never throws: a failure is logged and retried next time.
 */
export async function runMonthlySnapshots(dataSource: DataSource, logger: Logger, compute?: Compute): Promise<void> {
  const started = Date.now();
  try {
    const outcome = await withClusterJobLock(dataSource, 'monthly-snapshots', () =>
      ensureMonthlySnapshots(dataSource, new Date(), compute && snapshotBuilder(compute)),
    );
    if (!outcome.ran) {
      logger.info('monthly gap snapshots: another instance is taking them');
      return;
    }
    if (outcome.result > 0) {
      logger.info({ taken: outcome.result, ms: Date.now() - started }, 'monthly gap snapshots taken');
    }
  } catch (error) {
    logger.error({ err: error, ms: Date.now() - started }, 'monthly gap snapshots failed');
  }
}

/**
 * The service's background jobs, in one place. Started only after the server listens, so start-up
 * and readiness never wait for them: a minute later and every six hours the monthly snapshots
 * (they yield to requests between areas; they still share this process's CPU, so a run under load
 * slows reads for its duration, logged as `ms`); with `config`, the scheduled syncs
 * (`importers/sync/sync-schedule.ts`). Timers are unref'd and never keep the process alive;
 * the returned function stops them.
 */
export function startBackgroundJobs(
  dataSource: DataSource,
  logger: Logger,
  config?: Config,
  compute?: Compute,
): () => void {
  let running = false;
  const run = () => {
    if (running || !dataSource.isInitialized) return;
    running = true;
    void runMonthlySnapshots(dataSource, logger, compute).finally(() => {
      running = false;
    });
  };
  const first = setTimeout(run, SNAPSHOT_FIRST_DELAY_MS).unref();
  const every = setInterval(run, SNAPSHOT_INTERVAL_MS).unref();
  // Scheduled syncs with the public sources (SYNC_SCHEDULE_*), once per cluster (issue 13).
  const stopSyncs = config ? startSyncSchedules(dataSource, config, logger) : () => undefined;
  return () => {
    clearTimeout(first);
    clearInterval(every);
    stopSyncs();
  };
}
