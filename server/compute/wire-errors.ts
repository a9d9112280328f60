import { CancelledError } from '../../lib/cancellation';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  type DomainError,
  type FieldProblem,
  InputError,
  NotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
} from '../../lib/errors';
import { databaseFault } from '../../entities/db-errors';

/** An error as it crosses from a worker to the main thread (structured clone loses classes). */
export interface WireError {
  name: string;
  message: string;
  problems?: FieldProblem[];
  retryAfterSeconds?: number;
  reason?: ServiceUnavailableError['reason'];
  stack?: string;
}

type Simple = new (message: string) => DomainError;
const SIMPLE: Record<string, Simple> = {
  NotFoundError,
  ConflictError,
  NotAllowedError,
  AuthenticationError,
  PreconditionFailedError,
  PreconditionRequiredError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
};

/**
 * Flattens an error for `postMessage`. A database fault becomes the same
 * ServiceUnavailableError the main thread would have made of it (`entities/db-errors.ts`).
 */
export function flatten(error: unknown): WireError {
  const fault = databaseFault(error) ?? (error instanceof Error ? error : new Error(String(error)));
  const wire: WireError = { name: fault.name, message: fault.message, stack: fault.stack };
  if (fault instanceof InputError) wire.problems = fault.problems;
  if (fault instanceof ServiceUnavailableError) {
    wire.retryAfterSeconds = fault.retryAfterSeconds;
    wire.reason = fault.reason;
  }
  return wire;
}

/** Rebuilds the error class a worker threw, so problem details map it as if thrown here. */
export function revive(wire: WireError): Error {
  let error: Error;
  if (wire.name === 'CancelledError') error = new CancelledError(wire.message);
  else if (wire.name === 'BadRequestError') error = new BadRequestError(wire.message, wire.problems ?? []);
  else if (wire.name === 'InputError') error = new InputError(wire.message, wire.problems ?? []);
  else if (wire.name === 'ServiceUnavailableError') {
    error = new ServiceUnavailableError(wire.message, wire.retryAfterSeconds, wire.reason);
  } else if (SIMPLE[wire.name]) error = new SIMPLE[wire.name](wire.message);
  else {
    // A bug in the worker: keep its stack for the log; the client sees a plain 500.
    error = new Error(wire.message);
    error.name = wire.name;
  }
  if (wire.stack) error.stack = wire.stack;
  return error;
}
