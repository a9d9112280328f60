import { availableParallelism } from 'node:os';
import type { Request, Response } from 'express';
import { CancelledError } from '../../lib/cancellation';
import type { AppDeps } from '../deps';
import { problem, sendProblem } from './problem-details';

/** The bounds on heavy work (`HEAVY_CONCURRENCY`, `HEAVY_QUEUE`, `HEAVY_QUEUE_WAIT_SECONDS`). */
export interface AdmissionLimits {
  /** Heavy requests (or shared computations) running at once. */
  concurrency: number;
  /** Requests waiting for a slot beyond those; one more gets 503 at once. */
  queue: number;
  /** The longest a request waits for a slot before it gets 503. */
  maxWaitMs: number;
}

/** The defaults `config.ts` uses when the environment sets nothing. */
export function defaultAdmissionLimits(): AdmissionLimits {
  return { concurrency: availableParallelism(), queue: 256, maxWaitMs: 15_000 };
}

/** No slot free and no room (or time) left in the queue: the caller should come back later. */
export class OverloadedError extends Error {
  constructor(
    message: string,
    /** Seconds after which a retry is likely to be admitted (the `Retry-After` header). */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'OverloadedError';
  }
}

/** Gives a slot back; calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  resolve: (release: Release) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  signal?: AbortSignal;
  onAbort: () => void;
}

/**
 * A bound on concurrent heavy work: at most `concurrency` slots, a FIFO queue of at most
 * `queue` waiters, each waiting at most `maxWaitMs`. Reports on the embedded database block the
 * process while they query, so running many at once only makes all of them (and every light
 * request beside them) slower; queueing a few and refusing the rest with 503 keeps the service
 * answering. A waiter whose caller has gone (its signal aborts) leaves the queue at once.
 */
export class Admission {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Moving average of how long a slot is held, for the Retry-After estimate. */
  private averageMs = 1000;

  constructor(readonly limits: AdmissionLimits) {}

  /** Slots in use and requests waiting, for tests and diagnostics. */
  stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Waits for a slot. Rejects with {@link OverloadedError} when the queue is full or the wait
   * too long, with {@link CancelledError} when `signal` aborts first.
   */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (this.running < this.limits.concurrency) {
      this.running += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.limits.queue) {
      const retry = this.retryAfterSeconds();
      return Promise.reject(
        new OverloadedError(
          `Der Dienst ist ausgelastet: ${this.limits.concurrency} aufwendige Anfragen laufen (HEAVY_CONCURRENCY), ` +
            `${this.limits.queue} warten bereits (HEAVY_QUEUE). Bitte in ${retry} Sekunden erneut versuchen.`,
          retry,
        ),
      );
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        timer: setTimeout(() => {
          this.leave(waiter);
          const retry = this.retryAfterSeconds();
          reject(
            new OverloadedError(
              `Der Dienst ist ausgelastet: die Anfrage hat ${Math.round(this.limits.maxWaitMs / 1000)} Sekunden ` +
                `auf einen freien Platz gewartet (HEAVY_QUEUE_WAIT_SECONDS). Bitte in ${retry} Sekunden erneut versuchen.`,
              retry,
            ),
          );
        }, this.limits.maxWaitMs),
        onAbort: () => {
          this.leave(waiter);
          reject(new CancelledError());
        },
      };
      waiter.timer.unref();
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Runs `work` in a slot and gives the slot back when it settles. */
  async run<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Seconds until a slot is likely free: the queue ahead times the average hold, 1–60. */
  retryAfterSeconds(): number {
    const seconds = (this.averageMs * (this.waiting.length + 1)) / this.limits.concurrency / 1000;
    return Math.min(60, Math.max(1, Math.ceil(seconds)));
  }

  private releaser(): Release {
    const started = performance.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
      this.running -= 1;
      this.admitNext();
    };
  }

  private admitNext(): void {
    while (this.running < this.limits.concurrency && this.waiting.length > 0) {
      const waiter = this.waiting.shift() as Waiter;
      clearTimeout(waiter.timer);
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.running += 1;
      waiter.resolve(this.releaser());
    }
  }

  private leave(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    const index = this.waiting.indexOf(waiter);
    if (index >= 0) this.waiting.splice(index, 1);
  }
}

const admissions = new WeakMap<AppDeps, Admission>();

/** The one admission of an app (API routes and pages share its slots). */
export function admissionFor(deps: AppDeps): Admission {
  let admission = admissions.get(deps);
  if (!admission) {
    admission = new Admission(deps.config.heavy ?? defaultAdmissionLimits());
    admissions.set(deps, admission);
  }
  return admission;
}

const signals = new WeakMap<Response, AbortSignal>();

/**
 * A signal that aborts when the client goes before its response is complete (the response's
 * `close` without `finish`; the request's own `close` fires as soon as its body is read).
 */
export function clientGone(res: Response): AbortSignal {
  let signal = signals.get(res);
  if (signal) return signal;
  const controller = new AbortController();
  signal = controller.signal;
  signals.set(res, signal);
  const abort = () => controller.abort(new CancelledError('Der Client hat die Verbindung getrennt.'));
  if (res.req.socket?.destroyed) abort();
  else res.once('close', () => res.writableFinished || abort());
  return signal;
}

/** Sets `Retry-After` and answers 503 problem+json naming the limit that was reached. */
export function sendOverloaded(req: Request, res: Response, error: OverloadedError): void {
  res.setHeader('Retry-After', String(error.retryAfterSeconds));
  sendProblem(req, res, problem(503, error.message, { retryAfter: error.retryAfterSeconds }));
}

/** The documented 503 of heavy routes (for route specs). */
export const OVERLOADED_RESPONSE = {
  description:
    'Ausgelastet: zu viele aufwendige Anfragen laufen oder warten (HEAVY_CONCURRENCY, HEAVY_QUEUE, ' +
    'HEAVY_QUEUE_WAIT_SECONDS); Retry-After nennt die Sekunden bis zum nächsten Versuch.',
  headers: { 'Retry-After': 'Sekunden bis zum nächsten Versuch' },
};
