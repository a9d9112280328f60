import { DomainError } from '../lib/errors';

/** What went wrong talking to a public source. */
export type SourceFailure =
  /** The server answered with a status that another attempt will not change (400, 403, 404, …). */
  | 'status'
  /** 429/5xx still after the last attempt, or a Retry-After longer than allowed. */
  | 'unavailable'
  /** Connection refused, reset, DNS failure. */
  | 'network'
  /** No complete answer within the timeout. */
  | 'timeout'
  /** The answer is not what the source publishes (not JSON, truncated, fields missing). */
  | 'payload'
  /** The token endpoint refused the credentials, or the source refused the token twice. */
  | 'auth'
  /** Larger than the configured limit. */
  | 'too-large'
  /** The caller stopped the sync. */
  | 'aborted';

/**
 * A failed request to a public source after all attempts, with a German message that names
 * the source and the URL (never credentials), for the CLI, the log and the sync state.
 */
export class SourceError extends DomainError {
  constructor(
    message: string,
    readonly failure: SourceFailure,
    /** The last HTTP status, when there was one. */
    readonly status: number | null = null,
    /** Whether another attempt may succeed (used inside the client's retry loop). */
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** A URL for messages: without query credentials or user info. */
export function showUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) {
      if (/secret|token|password|key$/i.test(key)) u.searchParams.set(key, '***');
    }
    return u.toString();
  } catch {
    return url;
  }
}
