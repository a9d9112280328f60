import { packageVersion } from '../lib/paths';
import { SourceError, showUrl, type SourceFailure } from './errors';
import { isRetryableStatus, nextDelay, parseRetryAfter, type BackoffPolicy } from './retry';

/** Supplies the `Authorization` header of a source that needs one (PVOG: OAuth2, `sources/oauth2.ts`). */
export interface AuthProvider {
  authorization(signal?: AbortSignal): Promise<string>;
  /** Forgets the cached credential, after the source refused it with 401. */
  invalidate(): void;
}

/** How a client talks to one source; `sourceSettings()` in `importers/sync/sync-sources.ts` fills it from config. */
export interface HttpClientOptions {
  /** The source's name in messages, e.g. „PVOG-Bereitstelldienst“. */
  name: string;
  /** Paths are resolved against it (`https://host/api` + `/v1/data` → `https://host/api/v1/data`). */
  baseUrl: string;
  /** Longest time for one attempt, answer body included, in milliseconds. */
  timeoutMs: number;
  /** Attempts per request, the first included (1 = no retry). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** A `Retry-After` longer than this is not waited for: the request fails at once. */
  maxRetryAfterMs: number;
  /** Largest accepted answer body, in bytes. */
  maxBytes: number;
  auth?: AuthProvider;
  /** Injectable for tests; default: a timer that the request's signal cancels. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Told about every retry (for the log). */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
}

/** One request. `path` is relative to the base URL or an absolute `http(s)` URL (PVOG's next URL). */
export interface HttpRequest {
  method?: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** A complete answer: status, headers and the whole body. */
export interface HttpResponse {
  status: number;
  url: string;
  headers: Headers;
  body: Buffer;
}

/** Says who is asking, so a source's operators can tell this service's requests apart. */
const USER_AGENT = `E-Government-Atlas/${packageVersion()} (Synchronisation)`;

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The code of a network error as Node reports it (`ECONNREFUSED`, `ECONNRESET`, …). */
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * An HTTP client for one public source, on Node's own `fetch` (undici): each attempt has a
 * timeout that covers the whole answer; 429, 5xx, network errors, timeouts and answers the
 * caller's `parse` finds truncated or garbled are tried again up to `maxAttempts` times, waiting
 * what `Retry-After` asks for or else an exponentially growing, jittered backoff; a 401 makes
 * the auth provider fetch a new token once. Any other status fails at once. Errors are
 * {@link SourceError}s with German messages.
 */
export class HttpClient {
  constructor(readonly options: HttpClientOptions) {}

  /** The absolute URL of a path and query. */
  url(path: string, query: HttpRequest['query'] = {}): string {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const url = new URL(/^https?:\/\//i.test(path) ? path : `${base}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  /**
   * Sends the request, retrying as described above, and returns `parse(response)` (or the
   * response). `parse` throws a retryable {@link SourceError} (`payload`) for an answer that
   * a new attempt may fix, a non-retryable one for an answer that is wrong for good.
   */
  async request<T = HttpResponse>(request: HttpRequest, parse?: (response: HttpResponse) => T): Promise<T> {
    const { maxAttempts, backoff, maxRetryAfterMs } = this.options;
    const sleep = this.options.sleep ?? defaultSleep;
    const url = this.url(request.path, request.query);
    let refreshed = false;
    let last: SourceError | null = null;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let retryAfter: number | null = null;
      try {
        const response = await this.once(url, request);
        if (response.status === 401 && this.options.auth) {
          if (refreshed) throw this.fail(url, 'auth', 'lehnt die Anmeldung auch mit neuem Token ab (401)', 401);
          refreshed = true;
          this.options.auth.invalidate();
          attempt--;
          continue;
        }
        if (isRetryableStatus(response.status)) {
          retryAfter = parseRetryAfter(response.headers.get('retry-after'));
          if (retryAfter !== null && retryAfter > maxRetryAfterMs) {
            throw this.fail(
              url,
              'unavailable',
              `antwortet ${response.status} und bittet, erst in ${Math.ceil(retryAfter / 1000)} s wieder zu fragen ` +
                `(mehr als die erlaubten ${Math.ceil(maxRetryAfterMs / 1000)} s)`,
              response.status,
            );
          }
          throw this.fail(url, 'unavailable', `antwortet ${response.status}`, response.status, true);
        }
        if (response.status < 200 || response.status > 299) {
          throw this.fail(url, 'status', `antwortet ${response.status}`, response.status);
        }
        return parse ? parse(response) : (response as T);
      } catch (error) {
        const classified = this.classify(url, error, request.signal);
        // Anything else (a bug in a parser) is no source failure and must not be retried.
        if (classified === null) throw error;
        last = classified;
        if (!last.retryable) throw last;
      }
      if (attempt === maxAttempts) break;
      const delayMs = nextDelay(attempt, backoff, retryAfter, this.options.random);
      this.options.onRetry?.({ url: showUrl(url), attempt, delayMs, reason: last.message });
      try {
        await sleep(delayMs, request.signal);
      } catch {
        throw this.fail(url, 'aborted', 'Abruf abgebrochen');
      }
    }
    const final = last as SourceError;
    throw new SourceError(`${final.message} (nach ${maxAttempts} Versuchen)`, final.failure, final.status, false);
  }

  private fail(url: string, failure: SourceFailure, what: string, status: number | null = null, retryable = false) {
    return new SourceError(`${this.options.name} (${showUrl(url)}) ${what}`, failure, status, retryable);
  }

  /** A failure of the request as a {@link SourceError}; null for an error that is none of the source's. */
  private classify(url: string, error: unknown, signal?: AbortSignal): SourceError | null {
    if (error instanceof SourceError) return error;
    if (signal?.aborted) return this.fail(url, 'aborted', 'Abruf abgebrochen');
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return this.fail(url, 'timeout', `antwortet nicht binnen ${this.options.timeoutMs / 1000} s`, null, true);
    }
    // undici reports refused/reset connections and bodies cut off mid-way as TypeError
    // ("fetch failed", "terminated") with the socket error as its cause.
    // By name, not instanceof: the error may come from another realm (a test's VM context).
    if (name === 'TypeError' || (error as { code?: unknown }).code !== undefined) {
      return this.fail(url, 'network', `ist nicht erreichbar (${networkCode(error)})`, null, true);
    }
    return null;
  }

  /** One attempt: the request and its whole body within the timeout. */
  private async once(url: string, request: HttpRequest): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...request.headers };
    if (this.options.auth) headers.authorization = await this.options.auth.authorization(request.signal);
    const response = await fetch(url, { method: request.method ?? 'GET', headers, body: request.body, signal });
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > this.options.maxBytes) {
      await response.body?.cancel();
      throw this.fail(url, 'too-large', `liefert ${declared} Bytes; erlaubt sind ${this.options.maxBytes}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (response.body) {
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > this.options.maxBytes) {
          await response.body.cancel().catch(() => undefined);
          throw this.fail(url, 'too-large', `liefert mehr als die erlaubten ${this.options.maxBytes} Bytes`);
        }
        chunks.push(Buffer.from(chunk));
      }
    }
    return {
      status: response.status,
      url: response.url || url,
      headers: response.headers,
      body: Buffer.concat(chunks),
    };
  }
}
