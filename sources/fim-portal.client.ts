import { SourceError } from './errors';
import type { HttpClient } from './http-client';

/**
 * The FIM Portal's public API (`https://fimportal.de`): `GET /api/v0/leistung-steckbriefe/{key}/xzufi`
 * delivers a Leistung's Steckbrief as an XZuFi message (Typisierung, Kosten, Vertrauensniveau,
 * texts), by Leistungsschlüssel.
 */
export class FimPortalClient {
  constructor(private readonly http: HttpClient) {}

  /** The XZuFi message of Leistung `key`; null when the portal does not know the key (404). */
  async xzufi(key: string, signal?: AbortSignal): Promise<Buffer | null> {
    try {
      return await this.http.request(
        {
          path: `/api/v0/leistung-steckbriefe/${encodeURIComponent(key)}/xzufi`,
          headers: { accept: 'application/xml, text/xml' },
          signal,
        },
        (response) => {
          const start = response.body
            .subarray(0, 64)
            .toString('utf8')
            .replace(/^\uFEFF/, '')
            .trimStart();
          if (!start.startsWith('<')) {
            throw new SourceError(
              `FIM-Portal (${response.url}) liefert kein XML für ${key}`,
              'payload',
              response.status,
              true,
            );
          }
          return response.body;
        },
      );
    } catch (error) {
      if (error instanceof SourceError && error.status === 404 && error.failure === 'status') return null;
      throw error;
    }
  }
}
