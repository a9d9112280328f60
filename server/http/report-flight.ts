import type { EntityManager } from 'typeorm';
import { CancelledError, withSignal } from '../../lib/cancellation';
import type { AppDeps } from '../deps';
import { admissionFor, type Admission } from './admission';

/**
 * The data version: the newest import run and the newest audit event. Every import (inventory,
 * OZG catalogue, offerings, FIM) records a run, and every write through the services (components,
 * offerings, demo data, regions) an audit event, so a change to what a report reads moves it.
 * Two primary-key lookups, so asking costs nothing.
 */
export async function dataVersion(manager: EntityManager): Promise<string> {
  const [row] = (await manager.query(
    'SELECT (SELECT MAX("id") FROM "import_runs") AS "runs", (SELECT MAX("id") FROM "audit_events") AS "events"',
  )) as { runs: number | string | null; events: number | string | null }[];
  return `${row?.runs ?? 0}:${row?.events ?? 0}`;
}

/** A computed report, shared by every request that waited for it. */
export interface SharedReport<T> {
  report: T;
  /** The report as JSON, serialised once for all of them (a Buffer is written without a copy). */
  json(): Buffer;
}

interface Flight {
  promise: Promise<SharedReport<unknown>>;
  controller: AbortController;
  waiters: number;
}

const sharedReports = new WeakSet<object>();

function shared<T>(report: T): SharedReport<T> {
  let json: Buffer | undefined;
  const value = { report, json: () => (json ??= Buffer.from(JSON.stringify(report))) };
  sharedReports.add(value);
  return value;
}

/** Whether a value came out of a {@link ReportFlight} (and so carries its one serialisation). */
export function isSharedReport(value: object): value is SharedReport<unknown> {
  return sharedReports.has(value);
}

/**
 * Single-flight for heavy API reports: concurrent requests for the same report (same kind,
 * parameters and data version) share one computation, which takes one slot of the app's
 * {@link Admission} however many wait for it. Nothing is kept after it settles: the next request
 * computes afresh, so a change outside the audit log is never hidden. When every waiting client
 * has gone, the computation is cancelled (it stops at its next yield point, or before it starts
 * if it still waits for a slot).
 */
export class ReportFlight {
  private readonly flights = new Map<string, Flight>();
  private computed = 0;

  constructor(private readonly admission: Admission) {}

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
  async get<T>(
    manager: EntityManager,
    key: unknown[],
    signal: AbortSignal,
    compute: () => Promise<T>,
  ): Promise<SharedReport<T>> {
    const id = JSON.stringify([...key, await dataVersion(manager)]);
    let flight = this.flights.get(id);
    if (!flight) flight = this.start(id, compute);
    const joined = flight;
    joined.waiters += 1;
    return new Promise<SharedReport<T>>((resolve, reject) => {
      const leave = () => {
        joined.waiters -= 1;
        if (joined.waiters === 0) {
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
          resolve(value as SharedReport<T>);
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
    const flight: Flight = { controller, waiters: 0, promise: Promise.resolve(shared(null)) };
    // The computation runs under the flight's own signal, not under that of the request that
    // happened to start it: one client leaving must not cancel it for the others.
    flight.promise = withSignal(controller.signal, () =>
      this.admission.run(controller.signal, () => {
        this.computed += 1;
        return compute();
      }),
    )
      .then((report) => shared(report))
      .finally(() => {
        if (this.flights.get(id) === flight) this.flights.delete(id);
      });
    // Waiters handle the outcome; when all have gone nobody does, and that is fine.
    flight.promise.catch(() => undefined);
    this.flights.set(id, flight);
    return flight;
  }
}

const flights = new WeakMap<AppDeps, ReportFlight>();

/** The report flight of an app. */
export function reportFlightFor(deps: AppDeps): ReportFlight {
  let flight = flights.get(deps);
  if (!flight) {
    flight = new ReportFlight(admissionFor(deps));
    flights.set(deps, flight);
  }
  return flight;
}
