import { backoffDelay, isRetryableStatus, nextDelay, parseRetryAfter } from '../../../sources/retry';

describe('Retry-After', () => {
  const now = Date.parse('2026-12-07T08:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date as the time left until then', () => {
    expect(parseRetryAfter('Mon, 07 Dec 2026 08:00:30 GMT', now)).toBe(30_000);
    // The obsolete RFC 850 form is still a valid HTTP-date.
    expect(parseRetryAfter('Monday, 07-Dec-26 08:01:00 GMT', now)).toBe(60_000);
  });

  it('asks for no wait when the date has passed', () => {
    expect(parseRetryAfter('Mon, 07 Dec 2026 07:59:00 GMT', now)).toBe(0);
  });

  it('ignores what is neither (the caller falls back to its backoff)', () => {
    for (const value of [null, undefined, '', '-5', '1.5', 'soon', '12abc']) {
      expect(parseRetryAfter(value, now)).toBeNull();
    }
  });
});

describe('backoff', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 10_000 };

  it('doubles per attempt and stays between half and all of it (full jitter)', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(3000);
  });

  it('is capped at the maximum', () => {
    expect(backoffDelay(10, policy, () => 1)).toBe(10_000);
    expect(backoffDelay(10, policy, () => 0)).toBe(5_000);
  });

  it('waits what Retry-After asks for instead, when the server said so', () => {
    expect(nextDelay(1, policy, 7_000, () => 0)).toBe(7_000);
    expect(nextDelay(1, policy, null, () => 0)).toBe(500);
  });

  it('retries 408, 425, 429 and 5xx, nothing else', () => {
    expect([408, 425, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 301, 400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
  });
});
