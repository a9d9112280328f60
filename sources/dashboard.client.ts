import { SourceError } from './errors';
import type { HttpClient, HttpResponse } from './http-client';

/**
 * The data API of the Dashboard Digitale Verwaltung (the federal OZG dashboard), as its public
 * OpenAPI document describes it (github.com/bundesAPI/digitale-verwaltung-api, server
 * `https://dashboard-daten.digitale-verwaltung.de/api/`): `GET /v1/data/{ars}` pages the offerings
 * of an area (`page` from 0, `size`, `includeAbove`, `includeBelow`) as Spring pages (`content`,
 * `number`, `totalPages`, `last`, …); `GET /v1/ars` pages the areas with names.
 */

/** One page of `/v1/data/{ars}`: the body exactly as delivered, and its page fields. */
export interface DashboardPage {
  body: Buffer;
  /** 0-based page number. */
  number: number;
  totalPages: number | null;
  last: boolean;
  /** Records on this page. */
  count: number;
}

/** One area of `/v1/ars`. */
export interface DashboardArea {
  ars: string;
  name: string;
}

/** Which neighbouring areas `/v1/data/{ars}` includes (the API's defaults are both `true`). */
export interface DashboardScopeOptions {
  includeAbove: boolean;
  includeBelow: boolean;
}

function garbled(response: HttpResponse, what: string): SourceError {
  // Retryable: a page cut off by a dropped connection is usually whole on the next attempt.
  return new SourceError(
    `Dashboard-Daten-API (${response.url}) liefert keine vollständige Seite: ${what}`,
    'payload',
    response.status,
    true,
  );
}

/** Parses and checks a Spring page; `content` must be an array of objects. */
function readPage(response: HttpResponse): { page: Record<string, unknown>; content: Record<string, unknown>[] } {
  let page: unknown;
  try {
    page = JSON.parse(response.body.toString('utf8'));
  } catch {
    throw garbled(response, 'kein gültiges JSON');
  }
  if (typeof page !== 'object' || page === null || Array.isArray(page)) throw garbled(response, 'kein JSON-Objekt');
  const content = (page as { content?: unknown }).content;
  if (!Array.isArray(content)) throw garbled(response, '„content“ fehlt oder ist keine Liste');
  if (content.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))) {
    throw garbled(response, '„content“ enthält etwas anderes als Objekte');
  }
  return { page: page as Record<string, unknown>, content: content as Record<string, unknown>[] };
}

function pageFields(page: Record<string, unknown>, requested: number, count: number, size: number) {
  const number = typeof page.number === 'number' ? page.number : requested;
  const totalPages = typeof page.totalPages === 'number' ? page.totalPages : null;
  // `last` is what the API sends; without it the page count or a short page decides.
  const last =
    typeof page.last === 'boolean' ? page.last : totalPages !== null ? number + 1 >= totalPages : count < size;
  return { number, totalPages, last };
}

/** Client of the dashboard data API; requests go through the given {@link HttpClient}. */
export class DashboardClient {
  constructor(
    private readonly http: HttpClient,
    private readonly scope: DashboardScopeOptions = { includeAbove: false, includeBelow: true },
  ) {}

  /** Page `page` (0-based) of the offerings of area `ars` (12 digits). */
  dataPage(ars: string, page: number, size: number, signal?: AbortSignal): Promise<DashboardPage> {
    return this.http.request(
      {
        path: `/v1/data/${encodeURIComponent(ars)}`,
        query: { page, size, includeAbove: this.scope.includeAbove, includeBelow: this.scope.includeBelow },
        headers: { accept: 'application/json' },
        signal,
      },
      (response) => {
        const { page: fields, content } = readPage(response);
        return { body: response.body, count: content.length, ...pageFields(fields, page, content.length, size) };
      },
    );
  }

  /** Page `page` of the list of areas with names. */
  arsPage(
    page: number,
    size: number,
    signal?: AbortSignal,
  ): Promise<{ areas: DashboardArea[]; last: boolean; totalPages: number | null }> {
    return this.http.request(
      { path: '/v1/ars', query: { page, size }, headers: { accept: 'application/json' }, signal },
      (response) => {
        const { page: fields, content } = readPage(response);
        const areas = content
          .filter((item) => typeof item.ars === 'string')
          .map((item) => ({ ars: item.ars as string, name: typeof item.arsName === 'string' ? item.arsName : '' }));
        const { last, totalPages } = pageFields(fields, page, content.length, size);
        return { areas, last, totalPages };
      },
    );
  }
}

/**
 * A region key as the 12-digit ARS the API expects: Land (2 digits), Regierungsbezirk (3),
 * Kreis (5) and Gemeindeverband (9) are padded with zeros; an 8-digit AGS cannot be turned
 * into an ARS without the Gemeindeverband and is refused. Null when the text is no key.
 */
export function dashboardArs(key: string): string | null {
  const digits = key.replace(/\s+/g, '');
  if (!/^\d+$/.test(digits) || ![2, 3, 5, 9, 12].includes(digits.length)) return null;
  return digits.padEnd(12, '0');
}

/** The 16 Länder as ARS, for `sync dashboard --all`. */
export const LAENDER_ARS = Array.from({ length: 16 }, (_, i) =>
  String(i + 1)
    .padStart(2, '0')
    .padEnd(12, '0'),
);
