import type { Server } from 'node:http';

/** Idle keep-alive connections are kept longer than proxies keep theirs (nginx 60 s, AWS ALB 60 s). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Must exceed the keep-alive timeout, or a request racing the close is reset. */
export const HEADERS_TIMEOUT_MS = 66_000;
/** The whole request, body included: room for the largest upload (FIM_IMPORT_MAX_MB) on a slow line. */
export const REQUEST_TIMEOUT_MS = 300_000;

/**
 * Sets the HTTP server's timeouts. Node's keep-alive default (5 s) is shorter than that of the
 * proxies in front of it: a proxy reusing a connection Node has just closed gets a reset, which
 * clients see as 502s under load.
 */
export function applyServerTimeouts(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
}
