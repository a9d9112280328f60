import { Worker } from 'node:worker_threads';
import { CancelledError } from '../../lib/cancellation';
import { ServiceUnavailableError } from '../../lib/errors';
import type { DatabaseConfig, DatabaseLimits } from '../../config';
import { revive, type WireError } from './wire-errors';

/** What a worker needs to open its own connection to the database. */
export interface WorkerData {
  database: DatabaseConfig;
  databaseLimits?: DatabaseLimits;
  /** The worker module (`worker.js`, or `worker.ts` when booted from the sources). */
  entry: string;
}

/** Options of a {@link ComputePool}. */
export interface PoolOptions {
  /** Worker threads at most (each computes one task at a time). */
  size: number;
  /** The compiled worker entry (`worker.js`), or boot code when `eval` is set (from the sources). */
  file: string;
  eval?: boolean;
  workerData: WorkerData;
  /** Heap limit of each worker: a task that needs more kills its worker, not the service. */
  maxOldGenerationSizeMb: number;
  /** How long a cancelled task may run on before its worker is terminated and replaced. */
  cancelGraceMs?: number;
}

/** Messages from the main thread to a worker. */
export type ToWorker = { type: 'run'; id: number; task: string; args: unknown } | { type: 'cancel'; id: number };

/** Messages from a worker to the main thread. */
export type FromWorker =
  { type: 'ready' } | { type: 'done'; id: number; value: unknown } | { type: 'failed'; id: number; error: WireError };

interface Job {
  id: number;
  task: string;
  args: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  killTimer?: NodeJS.Timeout;
}

/**
 * Worker threads for the CPU-heavy part of reports and report pages. On the embedded database a
 * report blocks the thread that runs it for seconds (better-sqlite3 is synchronous, and the
 * report's own counting and serialising is plain JavaScript); in a worker it blocks only that
 * worker, so the main thread keeps answering light requests while it runs. Each worker opens
 * its own connection (SQLite in WAL mode lets readers run beside the writer). A worker that
 * crashes or runs out of its heap fails its task with 503 and is replaced on the next task; a
 * cancelled task that does not stop within the grace time has its worker terminated.
 *
 * Admission (`server/http/admission.ts`) bounds how many tasks run; the pool's own queue only
 * holds tasks while a worker is (re)starting.
 */
export class ComputePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  /** Runs `task` with `args` in a worker; rejects with CancelledError when `signal` aborts. */
  run<T>(task: string, args: unknown, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new ServiceUnavailableError('Der Dienst wird beendet.', 5, 'busy'));
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      const job: Job = { id: this.nextId++, task, args, resolve: resolve as (v: unknown) => void, reject, signal };
      if (signal) {
        job.onAbort = () => this.cancel(job);
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Workers running now and tasks waiting for one (diagnostics and tests). */
  stats(): { workers: number; busy: number; queued: number } {
    return { workers: this.slots.length, busy: this.slots.filter((s) => s.job).length, queued: this.queue.length };
  }

  /** Terminates every worker; running and queued tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new ServiceUnavailableError('Der Dienst wird beendet.'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.options.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.worker.postMessage({ type: 'run', id: job.id, task: job.task, args: job.args } satisfies ToWorker);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.file, {
      eval: this.options.eval ?? false,
      workerData: this.options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb },
    });
    // An idle worker must not keep the process alive (tests, the CLI, shutdown).
    worker.unref();
    const slot: Slot = { worker, job: null };
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (error) => this.onExit(slot, error));
    worker.on('exit', () => this.onExit(slot));
    this.slots.push(slot);
    return slot;
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') return;
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    slot.job = null;
    clearTimeout(slot.killTimer);
    if (message.type === 'done') this.settle(job, null, message.value);
    else this.settle(job, revive(message.error));
    this.dispatch();
  }

  private onExit(slot: Slot, error?: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    clearTimeout(slot.killTimer);
    const job = slot.job;
    slot.job = null;
    if (job) {
      const outOfMemory = error && /heap|memory/i.test(error.message);
      this.settle(
        job,
        job.signal?.aborted
          ? new CancelledError()
          : new ServiceUnavailableError(
              outOfMemory
                ? 'Die Berechnung brauchte mehr Speicher, als ihr zusteht (COMPUTE_WORKER_MEMORY_MB), und wurde abgebrochen.'
                : 'Die Berechnung wurde unerwartet beendet. Bitte erneut versuchen.',
              5,
              'busy',
            ),
      );
    }
    if (!this.closed) this.dispatch();
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, new CancelledError());
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    if (!slot) return;
    slot.worker.postMessage({ type: 'cancel', id: job.id } satisfies ToWorker);
    // A task stops at its next yield point; one stuck in a long synchronous step is cut off.
    slot.killTimer = setTimeout(() => void slot.worker.terminate(), this.options.cancelGraceMs ?? 5_000);
    slot.killTimer.unref();
  }

  private settle(job: Job, error: Error | null, value?: unknown): void {
    if (job.signal && job.onAbort) job.signal.removeEventListener('abort', job.onAbort);
    if (error) job.reject(error);
    else job.resolve(value);
  }
}
