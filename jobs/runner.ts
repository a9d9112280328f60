import { randomBytes } from 'node:crypto';
import type { Job } from '../entities/job.entity';
import { isPostgres } from '../entities/transaction';
import type { Progress } from '../importers/progress';
import { DomainError } from '../lib/errors';
import { beat, claimNextJob, finishJob, loadPayload, requeueAbandoned, type JobOutcome } from './job-store';
import { JOB_KINDS, type JobContext, type JobKind } from './kinds';

/** How far a running job is, as its kind reports it (kept in the memory of the runner's process). */
export interface JobProgress {
  phase: string;
  done: number;
  total: number;
  /** 0–100, or null while the size of the current phase is unknown. */
  percent: number | null;
}

/** How a runner works; every field has a default fit for the service. */
export interface JobRunnerOptions {
  /** How often to look for jobs queued elsewhere (another instance, a restart); null: only when woken. */
  pollMs?: number | null;
  /** Jobs run at once by this runner (uploads), besides the service's own. */
  concurrency?: number;
  /** Jobs of the service itself (syncs, snapshots; `JobKind.service`) run at once, in slots of their own. */
  serviceConcurrency?: number;
  /** How often a running job's heartbeat is renewed. */
  heartbeatMs?: number;
  /** On PostgreSQL, a running job whose heartbeat is older is taken as abandoned by a dead process. */
  staleAfterMs?: number;
  /** A job claimed this often is given up rather than run again. */
  maxAttempts?: number;
  /** The kinds it runs (tests add their own). */
  kinds?: Readonly<Record<string, JobKind>>;
}

const GAVE_UP =
  'Der Auftrag wurde mehrmals abgebrochen, weil der Dienst neu gestartet wurde, und wird nicht noch einmal versucht.';
const UNKNOWN_KIND = 'Diese Art von Auftrag kennt der Dienst nicht (mehr).';

/**
 * Runs the persisted jobs of the `jobs` table: claims the oldest queued one atomically (see
 * `claimNextJob`), runs it through its kind of {@link JOB_KINDS} and stores the result or the
 * German error. `start()` first queues again what a crashed process left running (on SQLite
 * every running job — the file has one process that runs jobs; on PostgreSQL those whose
 * heartbeat stopped, since another instance may be running the rest). Queuing code calls
 * `wake()` so a job starts at once; the poll picks up jobs queued by other instances.
 * Without `start()` (tests) the runner only runs what `wake()` finds.
 */
export class JobRunner {
  private readonly claim = randomBytes(12).toString('base64url');
  private readonly live = new Map<number, JobProgress>();
  private readonly running = new Map<number, Promise<void>>();
  /** The ids among `running` of the service's own jobs. */
  private readonly runningService = new Set<number>();
  private claiming: Promise<void> | null = null;
  private wokenAgain = false;
  private stopped = false;
  private timers: NodeJS.Timeout[] = [];
  private readonly kinds: Readonly<Record<string, JobKind>>;
  private readonly options: Required<Omit<JobRunnerOptions, 'kinds'>>;

  constructor(
    private readonly context: JobContext,
    options: JobRunnerOptions = {},
  ) {
    this.kinds = options.kinds ?? JOB_KINDS;
    this.options = {
      pollMs: options.pollMs === undefined ? 2_000 : options.pollMs,
      concurrency: options.concurrency ?? 2,
      serviceConcurrency: options.serviceConcurrency ?? 2,
      heartbeatMs: options.heartbeatMs ?? 30_000,
      staleAfterMs: options.staleAfterMs ?? 2 * 60_000,
      maxAttempts: options.maxAttempts ?? 3,
    };
  }

  /** Queues again what a dead process left running, runs what waits, and keeps polling. */
  async start(): Promise<void> {
    await this.requeueAbandoned(true);
    if (this.stopped) return;
    const { pollMs, heartbeatMs } = this.options;
    if (pollMs !== null) {
      this.timers.push(
        setInterval(() => {
          void this.requeueAbandoned(false).then(() => this.wake());
        }, pollMs).unref(),
      );
    }
    this.timers.push(setInterval(() => void this.beat(), heartbeatMs).unref());
    this.wake();
  }

  /** Looks for queued jobs now (after queuing one). */
  wake(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.wokenAgain = true;
      return;
    }
    this.claiming = this.claimWhileFree().finally(() => {
      this.claiming = null;
      if (this.wokenAgain) {
        this.wokenAgain = false;
        this.wake();
      }
    });
  }

  /** The progress of a job this runner is running, or undefined. */
  progressOf(id: number): JobProgress | undefined {
    return this.live.get(id);
  }

  /** Resolves when nothing is being claimed or run (tests). */
  async idle(): Promise<void> {
    while (this.claiming || this.running.size > 0) {
      await Promise.all([this.claiming, ...this.running.values()]);
    }
  }

  /**
   * Claims no more jobs and waits for the running ones. A job cut off by the process ending
   * stays `running` and is queued again by the next start.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.idle();
  }

  private get available(): boolean {
    return !this.stopped && this.context.dataSource.isInitialized;
  }

  /**
   * The kinds this runner may claim now: every kind (undefined), only the service's or only the
   * others when the slots of one are full (a long sync never makes an upload wait), or none (null).
   */
  private claimable(): readonly string[] | undefined | null {
    const service = this.runningService.size;
    const othersFull = this.running.size - service >= this.options.concurrency;
    const serviceFull = service >= this.options.serviceConcurrency;
    const names = Object.keys(this.kinds);
    const pick = (wanted: boolean) => {
      const kinds = names.filter((name) => (this.kinds[name].service ?? false) === wanted);
      return kinds.length > 0 ? kinds : null;
    };
    if (othersFull && serviceFull) return null;
    if (othersFull) return pick(true);
    if (serviceFull) return pick(false);
    return undefined;
  }

  private async claimWhileFree(): Promise<void> {
    while (this.available) {
      const kinds = this.claimable();
      if (kinds === null) return;
      let job: Job | null;
      try {
        job = await claimNextJob(this.context.dataSource, this.claim, new Date(), kinds);
      } catch (error) {
        if (this.available) this.context.logger.error({ err: error }, 'claiming a job failed');
        return;
      }
      if (!job) return;
      const id = job.id;
      if (this.kinds[job.kind]?.service) this.runningService.add(id);
      this.running.set(
        id,
        this.execute(job).finally(() => {
          this.running.delete(id);
          this.runningService.delete(id);
          this.wake();
        }),
      );
    }
  }

  private async execute(job: Job): Promise<void> {
    const kind = this.kinds[job.kind];
    let outcome: JobOutcome;
    if (!kind) outcome = { error: UNKNOWN_KIND };
    else {
      try {
        const payload = await loadPayload(this.context.dataSource, job.id);
        const progress = this.progressFor(job.id);
        outcome = { result: await kind.run(this.context, { options: job.options, payload }, progress) };
      } catch (error) {
        if (!(error instanceof DomainError)) {
          this.context.logger.error({ err: error, job: job.id, kind: job.kind }, 'job failed');
        }
        outcome = { error: error instanceof DomainError ? error.message : kind.unexpectedError };
      }
    }
    try {
      if (this.context.dataSource.isInitialized) await finishJob(this.context.dataSource, job.id, this.claim, outcome);
    } catch (error) {
      this.context.logger.error({ err: error, job: job.id }, 'storing the outcome of a job failed');
    } finally {
      this.live.delete(job.id);
    }
  }

  /** Progress the kind reports, kept here for the status page (too frequent to write each step). */
  private progressFor(id: number): Progress {
    this.live.set(id, { phase: 'Datei lesen', done: 0, total: 0, percent: null });
    const update = (change: (p: JobProgress) => JobProgress) => {
      const current = this.live.get(id);
      if (current) this.live.set(id, change(current));
    };
    return {
      start: (total, label) => update(() => ({ phase: label, done: 0, total, percent: total > 0 ? 0 : null })),
      advance: (by = 1) =>
        update((p) => ({
          ...p,
          done: p.done + by,
          percent: p.total > 0 ? Math.min(100, Math.floor((100 * (p.done + by)) / p.total)) : null,
        })),
      stop: () => undefined,
    };
  }

  private async requeueAbandoned(atStart: boolean): Promise<void> {
    const { dataSource, logger } = this.context;
    const postgres = isPostgres(dataSource);
    if (!this.available || (!atStart && !postgres)) return;
    try {
      const staleBefore = postgres ? new Date(Date.now() - this.options.staleAfterMs) : null;
      const { requeued, failed } = await requeueAbandoned(dataSource, staleBefore, this.options.maxAttempts, GAVE_UP);
      if (requeued + failed > 0) logger.warn({ requeued, failed }, 'jobs left running by a stopped process');
    } catch (error) {
      logger.error({ err: error }, 're-queuing abandoned jobs failed');
    }
  }

  private async beat(): Promise<void> {
    // Only PostgreSQL reads heartbeats (SQLite re-queues at start alone); a beat there would just
    // wait for the running import's write transaction.
    if (!this.available || this.running.size === 0 || !isPostgres(this.context.dataSource)) return;
    try {
      await beat(this.context.dataSource, this.claim, [...this.running.keys()]);
    } catch (error) {
      this.context.logger.error({ err: error }, 'job heartbeat failed');
    }
  }
}
