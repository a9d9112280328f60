/**
 * When to try a request to a public source again, and how long to wait first. Pure functions,
 * so the rules are tested without a network (test/unit/source-retry.test.ts).
 */

/** Statuses worth another attempt: rate limited, or a fault on the server's side. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * The wait a `Retry-After` header asks for, in milliseconds (RFC 9110 §10.2.3): either
 * delay-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2026 07:28:00 GMT`), counted from `now`.
 * A date in the past means no wait (0). Null when the header is absent or unreadable, so the
 * caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the date forms of RFC 9110 (IMF-fixdate, and the obsolete RFC 850 / asctime ones that
  // Date.parse reads too); a bare number with a sign or fraction is not a valid header.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** How the waits between attempts grow. */
export interface BackoffPolicy {
  /** Wait before the second attempt (before jitter), in milliseconds. */
  baseDelayMs: number;
  /** Upper limit of a computed wait, in milliseconds. */
  maxDelayMs: number;
}

/**
 * The wait before attempt `attempt + 1` (`attempt` is 1 after the first failure): exponential
 * growth `base · 2^(attempt-1)`, capped at `maxDelayMs`, with "full jitter" (a uniformly random
 * wait between half and all of it) so many clients that failed together do not return together.
 * `random` is injectable for tests.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}

/**
 * The wait before the next attempt: what the server asked for in `Retry-After` when it said
 * so (never less), otherwise the backoff.
 */
export function nextDelay(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  return retryAfterMs !== null ? retryAfterMs : backoffDelay(attempt, policy, random);
}
