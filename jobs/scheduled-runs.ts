import type { DataSource } from 'typeorm';
import type { Job } from '../entities/job.entity';
import { SYSTEM_PRINCIPAL, type Actor } from '../lib/principal';
import { monthlySnapshotsTaken, monthOf } from '../reports/gaps/snapshots';
import type { SyncSchedule } from '../sources/sources-config';
import { queueJob, queueJobOnce, recentJobs } from './job-store';
import { SYNC_SOURCES, syncKindName, type SyncJobInput, type SyncSource } from './service-kinds';

/** How often the snapshot timer looks whether this month's snapshots are still missing. */
export const SNAPSHOT_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** A job of the service itself: nobody's page shows it; the audit log names the service. */
const SERVICE = { ownerId: null, queuedBy: SYSTEM_PRINCIPAL.name, payload: Buffer.alloc(0) };

/**
 * Queues the sync of a schedule for one fire time, once per cluster: every instance's timer
 * fires, the first one queues `sync.<source>` with the once-key `sync.<source>@<fire time>`,
 * the others find the key (or the previous run still going) and queue nothing. Returns the
 * job, or null when nothing was queued.
 */
export function queueScheduledSync(
  dataSource: DataSource,
  schedule: SyncSchedule,
  fireTime: Date,
): Promise<Job | null> {
  const kind = syncKindName(schedule.source);
  const options: SyncJobInput = { scope: schedule.scope, fireTime: fireTime.toISOString() };
  return queueJobOnce(dataSource, {
    ...SERVICE,
    kind,
    options: options as unknown as Record<string, unknown>,
    onceKey: `${kind}@${fireTime.toISOString()}`,
  });
}

/**
 * Queues a sync for the service's job runner (`sync … --queue`): whichever instance is free
 * runs it, and it survives a restart. The actor is who asked, as in the audit log.
 */
export function queueSync(
  dataSource: DataSource,
  source: SyncSource,
  input: SyncJobInput & { actor: Actor },
): Promise<Job> {
  return queueJob(dataSource, {
    ...SERVICE,
    kind: syncKindName(source),
    options: input as unknown as Record<string, unknown>,
    queuedBy: input.actor.principal.name,
  });
}

/** The sync jobs waiting or running, and the last `finished` that ended, newest first (`sync status`). */
export function recentSyncJobs(dataSource: DataSource, finished = 5): Promise<Job[]> {
  return recentJobs(dataSource, SYNC_SOURCES.map(syncKindName), finished);
}

/**
 * Queues this month's gap snapshots while Germany's is missing, at most once per six-hour
 * window of the cluster (the once-key names month and window), so a failed run is tried again
 * in the next window, as before. Returns the job, or null when nothing was queued.
 */
export async function queueMonthlySnapshots(dataSource: DataSource, now = new Date()): Promise<Job | null> {
  const taken = await monthlySnapshotsTaken(dataSource, now);
  if (taken) return null;
  const window = Math.floor(now.getTime() / SNAPSHOT_INTERVAL_MS);
  return queueJobOnce(dataSource, {
    ...SERVICE,
    kind: 'snapshots.monthly',
    options: {},
    onceKey: `snapshots.monthly@${monthOf(now)}/${window}`,
  });
}
