import { SourceError } from './errors';
import type { HttpClient, HttpResponse } from './http-client';

/**
 * The PVOG Bereitstelldienst (Portalverbund Online-Gateway): XZuFi transfer messages in a JSON
 * envelope `{xzufiObjekte, vollstaendig, naechsterIndex, naechsteAnfrageUrl}`, fetched page by
 * page with an OAuth2 bearer token until `vollstaendig` is true. The first request is
 * `{PVOG_BASE_URL}{PVOG_PATH}?index=0` (and `ars=…` to restrict it to an area); each later one
 * is the `naechsteAnfrageUrl` the previous page named, or `index=naechsterIndex`.
 */

/** One page of the Bereitstelldienst. */
export interface PvogPage {
  /** The XZuFi message of this page (may be empty when a page carries no objects). */
  xml: string;
  complete: boolean;
  nextIndex: number | null;
  nextUrl: string | null;
}

function garbled(response: HttpResponse, what: string): SourceError {
  return new SourceError(
    `PVOG-Bereitstelldienst (${response.url}) liefert keine vollständige Seite: ${what}`,
    'payload',
    response.status,
    true,
  );
}

function readEnvelope(response: HttpResponse): PvogPage {
  let envelope: unknown;
  try {
    envelope = JSON.parse(response.body.toString('utf8'));
  } catch {
    throw garbled(response, 'kein gültiges JSON');
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    throw garbled(response, 'kein JSON-Objekt');
  }
  const e = envelope as Record<string, unknown>;
  const xml = e.xzufiObjekte ?? '';
  if (typeof xml !== 'string') throw garbled(response, '„xzufiObjekte“ ist kein Text');
  if (typeof e.vollstaendig !== 'boolean') throw garbled(response, '„vollstaendig“ fehlt');
  const nextIndex =
    typeof e.naechsterIndex === 'number' && Number.isInteger(e.naechsterIndex) ? e.naechsterIndex : null;
  const nextUrl = typeof e.naechsteAnfrageUrl === 'string' && e.naechsteAnfrageUrl ? e.naechsteAnfrageUrl : null;
  if (!e.vollstaendig && nextIndex === null && nextUrl === null) {
    throw garbled(response, 'weder „naechsterIndex“ noch „naechsteAnfrageUrl“, obwohl nicht vollständig');
  }
  return { xml, complete: e.vollstaendig, nextIndex, nextUrl };
}

/** Client of the Bereitstelldienst; authentication comes from the {@link HttpClient}'s auth provider. */
export class PvogClient {
  constructor(
    private readonly http: HttpClient,
    private readonly path: string,
  ) {}

  /** The URL of the page at `index`, optionally restricted to an area. */
  urlAt(index: number, ars: string | null): string {
    return this.http.url(this.path, { index, ...(ars ? { ars } : {}) });
  }

  /**
   * The URL to continue with after a page: the source's `naechsteAnfrageUrl` when it points at
   * the configured server (a token is never sent elsewhere), else the `naechsterIndex` URL.
   */
  nextUrl(page: PvogPage, ars: string | null): string | null {
    if (page.complete) return null;
    if (page.nextUrl) {
      try {
        const next = new URL(page.nextUrl, this.http.url(this.path));
        if (next.origin === new URL(this.http.url(this.path)).origin) return next.toString();
      } catch {
        // An unreadable URL falls back to the index.
      }
    }
    return page.nextIndex !== null ? this.urlAt(page.nextIndex, ars) : null;
  }

  /** Fetches one page. */
  page(url: string, signal?: AbortSignal): Promise<PvogPage> {
    return this.http.request({ path: url, headers: { accept: 'application/json' }, signal }, readEnvelope);
  }
}
