import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Cancellation of long computations whose caller has gone (a client that disconnected).
 *
 * The signal travels with the asynchronous context instead of as a parameter, so a loop deep
 * inside a report (the chunked offering scan) can stop without every function between the
 * HTTP layer and that loop taking and passing one on. Work started outside {@link withSignal}
 * is never cancelled.
 */
const storage = new AsyncLocalStorage<AbortSignal | undefined>();

/** The reason a cancelled computation stops with. */
export class CancelledError extends Error {
  constructor(message = 'Die Anfrage wurde abgebrochen; die Berechnung ist beendet.') {
    super(message);
    this.name = 'CancelledError';
  }
}

/**
 * Runs `work` with `signal` as the current cancellation signal (everything it starts, awaited
 * or not, sees it). `undefined` runs it uncancellable, e.g. a computation shared by several
 * callers that no single one of them may stop.
 */
export function withSignal<T>(signal: AbortSignal | undefined, work: () => T): T {
  return storage.run(signal, work);
}

/** The current cancellation signal, if any. */
export function currentSignal(): AbortSignal | undefined {
  return storage.getStore();
}

/**
 * Throws a {@link CancelledError} when the current computation was cancelled. Cheap: call it
 * where a loop yields anyway.
 */
export function throwIfCancelled(): void {
  const signal = storage.getStore();
  if (signal?.aborted) {
    throw signal.reason instanceof CancelledError ? signal.reason : new CancelledError();
  }
}
