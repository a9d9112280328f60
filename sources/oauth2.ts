import { SourceError } from './errors';
import type { AuthProvider, HttpClient } from './http-client';

/** Credentials of an OAuth2 client (RFC 6749 §4.4, client credentials grant). */
export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes, when the authorisation server wants them. */
  scope?: string;
}

/** Seconds before its stated end at which a token counts as expired, so it never runs out mid-request. */
const EXPIRY_MARGIN_MS = 30_000;
/** Assumed lifetime when the token answer names none (`expires_in` is optional in RFC 6749). */
const DEFAULT_LIFETIME_MS = 300_000;

/**
 * Bearer tokens by the client credentials grant, as the PVOG Bereitstelldienst's Keycloak
 * issues them: fetched on first use, cached until shortly before `expires_in`, fetched again
 * when the source refuses the token (401, via {@link invalidate}). Concurrent callers share one
 * token request. The token endpoint is asked through its own {@link HttpClient} (no auth), so
 * it gets the same timeouts and retries; a 400/401 from it (wrong credentials) fails at once.
 */
export class OAuth2ClientCredentials implements AuthProvider {
  private token: { header: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly credentials: ClientCredentials,
    private readonly http: HttpClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** `Bearer …` of a valid token, fetching one when none is cached or it is about to expire. */
  authorization(signal?: AbortSignal): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return Promise.resolve(this.token.header);
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  invalidate(): void {
    this.token = null;
  }

  private async fetchToken(signal?: AbortSignal): Promise<string> {
    const { tokenUrl, clientId, clientSecret, scope } = this.credentials;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    if (scope) form.set('scope', scope);
    const requestedAt = this.now();
    let answer: { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
    try {
      answer = await this.http.request(
        {
          method: 'POST',
          path: tokenUrl,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          signal,
        },
        (response) => {
          try {
            return JSON.parse(response.body.toString('utf8'));
          } catch {
            throw new SourceError('Der Token-Endpunkt antwortet nicht mit JSON', 'auth', response.status);
          }
        },
      );
    } catch (error) {
      if (error instanceof SourceError && (error.status === 400 || error.status === 401)) {
        throw new SourceError(
          `Der Token-Endpunkt lehnt die Zugangsdaten ab (${error.status}): PVOG_CLIENT_ID und PVOG_CLIENT_SECRET prüfen`,
          'auth',
          error.status,
        );
      }
      throw error;
    }
    if (typeof answer.access_token !== 'string' || answer.access_token === '') {
      throw new SourceError('Der Token-Endpunkt liefert kein access_token', 'auth');
    }
    const type = typeof answer.token_type === 'string' && answer.token_type ? answer.token_type : 'Bearer';
    const lifetime = typeof answer.expires_in === 'number' ? answer.expires_in * 1000 : DEFAULT_LIFETIME_MS;
    const header = `${/^bearer$/i.test(type) ? 'Bearer' : type} ${answer.access_token}`;
    this.token = { header, expiresAt: requestedAt + lifetime - EXPIRY_MARGIN_MS };
    return header;
  }
}
