/**
 * Domain errors. They know nothing about HTTP: the problem-details middleware in
 * `server/http/problem-details.ts` maps them to status codes, and the CLI prints them.
 */

/** One problem with one piece of input: a field, a query parameter or an import cell. */
export interface FieldProblem {
  /** German, human-readable explanation. */
  detail: string;
  /** JSON pointer into the request body (RFC 6901 as URI fragment), e.g. `#/components/0/status`. */
  pointer?: string;
  /** Query or path parameter name. */
  parameter?: string;
  /** 1-based data row in an imported file (the header is row 1). */
  row?: number;
  /** Column name in an imported file. */
  column?: string;
}

/** Base class so callers can tell expected errors from bugs. */
export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed or violates a rule; `problems` lists every issue found at once. */
export class InputError extends DomainError {
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * The request itself is malformed (query parameters, cursor, unreadable file) rather than
 * the submitted data being invalid; `problems` still points at each culprit.
 */
export class BadRequestError extends InputError {}

/** The addressed thing does not exist. */
export class NotFoundError extends DomainError {}

/** The write conflicts with the current state (e.g. a duplicate name). */
export class ConflictError extends DomainError {}

/** The caller is known but lacks the role or scope for this action. */
export class NotAllowedError extends DomainError {}

/** The caller is not authenticated. */
export class AuthenticationError extends DomainError {}

/** An `If-Match` precondition failed: someone else changed the resource. */
export class PreconditionFailedError extends DomainError {}

/** A conditional write was attempted without `If-Match` on an existing resource. */
export class PreconditionRequiredError extends DomainError {}

/** The input is larger than the configured limit. */
export class PayloadTooLargeError extends DomainError {}

/** The content type of an upload is not one we can read. */
export class UnsupportedMediaTypeError extends DomainError {}

/**
 * The database cannot serve the request right now (unreachable, overloaded, read-only, disk
 * full, damaged). Not the caller's fault: HTTP answers 503 with `Retry-After`, the CLI prints
 * the German message on one line.
 */
export class ServiceUnavailableError extends DomainError {
  constructor(
    message: string,
    /** Seconds after which a retry may succeed (`Retry-After`). */
    readonly retryAfterSeconds = 5,
    /** Why, for logs and tests: the class of fault, not a driver message. */
    readonly reason: 'unreachable' | 'timeout' | 'busy' | 'read-only' | 'storage-full' | 'damaged' = 'unreachable',
  ) {
    super(message);
  }
}
