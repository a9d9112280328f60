import type { EntityManager } from 'typeorm';
import { dataVersion } from '../../services/data-version';
import { CancelledError, withSignal } from '../../lib/cancellation';
import type { AppDeps } from '../deps';
import { admissionFor, type Admission } from './admission';

interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
  /** When the computation succeeded (ms since epoch); null while it runs. */
  settledAt: number | null;
  /** Bytes the finished result holds (its `body`), for the cache bound. */
  bytes: number;
}

/** How long finished reports are reused, and how many bytes of them are kept at most. */
export interface ReportReuse {
  ttlMs: number;
  maxBytes: number;
}

/** Defaults: 30 seconds, 256 MB. */
export const DEFAULT_REPORT_REUSE: ReportReuse = { ttlMs: 30_000, maxBytes: 256 * 1024 * 1024 };

function bytesOf(value: unknown): number {
  const body = (value as { body?: unknown } | null)?.body;
  return body instanceof Uint8Array ? body.byteLength : 0;
}

/**
 * Single-flight for heavy API reports: concurrent requests for the same report (same kind,
 * parameters and data version) share one computation, which takes one slot of the app's
 * {@link Admission} however many wait for it. A finished report is reused for the same data
 * version for a short time ({@link ReportReuse}: a crowd asking again and again for the
 * largest report then costs bytes on the wire, not a computation per wave), within a byte
 * bound; a change outside the audit log shows after at most that time. When every waiting
 * client has gone, a running computation is cancelled (it stops at its next yield point, or
 * before it starts if it still waits for a slot).
 */
export class ReportFlight {
  private readonly flights = new Map<string, Flight>();
  private computed = 0;

  constructor(
    private readonly admission: Admission,
    private readonly reuse: ReportReuse = DEFAULT_REPORT_REUSE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Computations running or waiting for a slot, and the requests waiting for them. */
  stats(): { flights: number; waiters: number } {
    let waiters = 0;
    for (const flight of this.flights.values()) waiters += flight.waiters;
    return { flights: this.flights.size, waiters };
  }

  /** Computations started so far (for tests and diagnostics). */
  computations(): number {
    return this.computed;
  }

  /**
   * The report for `key` at the current data version: joins a running computation or starts
   * one. Rejects with `CancelledError` when `signal` aborts first, with `OverloadedError` when
   * the computation found no slot.
   */
  async get<T>(manager: EntityManager, key: unknown[], signal: AbortSignal, compute: () => Promise<T>): Promise<T> {
    const id = JSON.stringify([...key, await dataVersion(manager)]);
    let flight = this.flights.get(id);
    if (flight && flight.settledAt !== null && this.now() - flight.settledAt > this.reuse.ttlMs) {
      this.flights.delete(id);
      flight = undefined;
    }
    if (!flight) flight = this.start(id, compute);
    const joined = flight;
    joined.waiters += 1;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        joined.waiters -= 1;
        if (joined.waiters === 0 && joined.settledAt === null) {
          if (this.flights.get(id) === joined) this.flights.delete(id);
          joined.controller.abort(new CancelledError());
        }
        reject(new CancelledError());
      };
      if (signal.aborted) {
        leave();
        return;
      }
      signal.addEventListener('abort', leave, { once: true });
      joined.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          joined.waiters -= 1;
          resolve(value as T);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          joined.waiters -= 1;
          reject(error as Error);
        },
      );
    });
  }

  private start<T>(id: string, compute: () => Promise<T>): Flight {
    const controller = new AbortController();
    const flight: Flight = { controller, waiters: 0, promise: Promise.resolve(null), settledAt: null, bytes: 0 };
    // The computation runs under the flight's own signal, not under that of the request that
    // happened to start it: one client leaving must not cancel it for the others.
    flight.promise = withSignal(controller.signal, () =>
      this.admission.run(controller.signal, () => {
        this.computed += 1;
        return compute();
      }),
    ).then(
      (value) => {
        flight.settledAt = this.now();
        flight.bytes = bytesOf(value);
        this.evict();
        return value;
      },
      (error: unknown) => {
        if (this.flights.get(id) === flight) this.flights.delete(id);
        throw error;
      },
    );
    // Waiters handle the outcome; when all have gone nobody does, and that is fine.
    flight.promise.catch(() => undefined);
    this.flights.set(id, flight);
    return flight;
  }

  /** Drops expired results, then the oldest finished ones while the kept bytes exceed the bound. */
  private evict(): void {
    let bytes = 0;
    for (const [id, flight] of this.flights) {
      if (flight.settledAt === null) continue;
      if (this.now() - flight.settledAt > this.reuse.ttlMs) this.flights.delete(id);
      else bytes += flight.bytes;
    }
    for (const [id, flight] of this.flights) {
      if (bytes <= this.reuse.maxBytes) break;
      if (flight.settledAt === null) continue;
      this.flights.delete(id);
      bytes -= flight.bytes;
    }
  }
}

const flights = new WeakMap<AppDeps, ReportFlight>();

/** The report flight of an app. */
export function reportFlightFor(deps: AppDeps): ReportFlight {
  let flight = flights.get(deps);
  if (!flight) {
    const seconds = deps.config.reportReuseSeconds;
    const reuse = seconds === undefined ? DEFAULT_REPORT_REUSE : { ...DEFAULT_REPORT_REUSE, ttlMs: seconds * 1000 };
    flight = new ReportFlight(admissionFor(deps), reuse);
    flights.set(deps, flight);
  }
  return flight;
}
