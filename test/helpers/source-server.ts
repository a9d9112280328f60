/**
 * A real HTTP server on a free local port for the source clients' tests (issue 13): the test
 * decides per request what it answers (recorded-shape pages, 429 with Retry-After, 500, a
 * stalled or cut-off answer). Nothing of our client is replaced.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export type SourceHandler = (request: SeenRequest, response: ServerResponse) => void | Promise<void>;

/** The running server: its base URL, every request seen, and a way to change what it answers. */
export interface SourceServer {
  url: string;
  requests: SeenRequest[];
  handle(handler: SourceHandler): void;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 and a free port. */
export async function startSourceServer(handler: SourceHandler): Promise<SourceServer> {
  let current = handler;
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const seen = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      Promise.resolve(current(seen, res)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends JSON. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A Spring page as the dashboard data API sends it (`content` plus page fields). */
export function springPage(content: unknown[], number: number, size: number, totalElements: number): unknown {
  const totalPages = Math.ceil(totalElements / size);
  return {
    totalPages,
    totalElements,
    pageable: {
      paged: true,
      unpaged: false,
      pageNumber: number,
      pageSize: size,
      offset: number * size,
      sort: { unsorted: true, sorted: false, empty: true },
    },
    numberOfElements: content.length,
    size,
    content,
    number,
    sort: { unsorted: true, sorted: false, empty: true },
    first: number === 0,
    last: number + 1 >= totalPages,
    empty: content.length === 0,
  };
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'xzufi');

/**
 * A real XZuFi fixture split into transfer messages of `perPage` blocks each (`schreibe` /
 * `loesche` in document order), each with the fixture's own root and head, as the PVOG
 * Bereitstelldienst delivers a large message in parts.
 */
export function xzufiPages(fixture: string, perPage: number): string[] {
  const xml = readFileSync(join(FIXTURES, fixture), 'utf8');
  const blocks = [...xml.matchAll(/<((?:[\w.-]+:)?)(schreibe|loesche)\b[^>]*>[\s\S]*?<\/\1\2>/g)];
  if (blocks.length === 0) throw new Error(`no blocks in ${fixture}`);
  const head = xml.slice(0, blocks[0].index);
  const last = blocks[blocks.length - 1];
  const tail = xml.slice((last.index ?? 0) + last[0].length);
  const pages: string[] = [];
  for (let i = 0; i < blocks.length; i += perPage) {
    pages.push(
      head +
        blocks
          .slice(i, i + perPage)
          .map((b) => b[0])
          .join('\n  ') +
        tail,
    );
  }
  return pages;
}

/** The Bereitstelldienst's envelope for page `i` of `pages`, pointing at the next by index and URL. */
export function pvogEnvelope(pages: string[], i: number, nextUrl: (index: number) => string): unknown {
  const complete = i + 1 >= pages.length;
  return {
    xzufiObjekte: pages[i],
    vollstaendig: complete,
    naechsterIndex: complete ? null : (i + 1) * 100,
    naechsteAnfrageUrl: complete ? null : nextUrl((i + 1) * 100),
  };
}
