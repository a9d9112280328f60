import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { SyncSchedule } from '../../sources/sources-config';
import { sourcesConfig } from './sync-sources';

/** What a schedule does at its fire time (the service queues the sync as a job). */
export type OnScheduleFire = (schedule: SyncSchedule, fireTime: Date) => Promise<void>;

/**
 * Starts the configured sync schedules (`SYNC_SCHEDULE_*`, cron expressions in the server's
 * time zone): at each fire time `onFire` gets the schedule and the fire time in whole seconds,
 * the same on every instance, so the instances of a cluster can agree on one run. Timers are
 * unref'd; the returned function stops them.
 */
export function startSyncSchedules(
  dataSource: DataSource,
  config: Config,
  logger: Logger,
  onFire: OnScheduleFire,
): () => void {
  const jobs = sourcesConfig(config).schedules.map((schedule) => {
    // No croner `name`: names are global to the process, and a test runs two schedulers in one.
    const job = new Cron(schedule.cron, { protect: true, unref: true }, async (self: Cron) => {
      if (!dataSource.isInitialized) return;
      const fire = self.currentRun() ?? new Date();
      // Instances compare fire times: whole seconds, as cron schedules them.
      const fireTime = new Date(Math.floor(fire.getTime() / 1000) * 1000);
      try {
        await onFire(schedule, fireTime);
      } catch (error) {
        logger.error({ err: error, source: schedule.source }, 'scheduled sync could not be queued');
      }
    });
    logger.info({ job: `sync-${schedule.source}`, next: job.nextRun()?.toISOString() }, 'sync scheduled');
    return job;
  });
  return () => {
    for (const job of jobs) job.stop();
  };
}
