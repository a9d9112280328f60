import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import {
  AuthenticationError,
  ConflictError,
  DomainError,
  InputError,
  NotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../lib/errors';
import { databaseFault } from '../../entities/db-errors';
import { CsrfError } from '../auth/csrf';
import { errorPage } from './views/error.view';
import { sendPage, viewContext } from './context';

/**
 * Paths of the JSON API and the probes: their errors stay problem+json whatever the client
 * accepts, and a session never writes through them (server/web/index.ts).
 *
 * NOTE: compared case-insensitively although the router matches case-sensitively (server/app.ts):
 * every spelling that could ever reach an API route counts as the API, so a change of routing
 * settings cannot reopen `/API/…` to session writes.
 */
export function isApiPath(rawPath: string): boolean {
  const path = rawPath.toLowerCase();
  return (
    path === '/api' ||
    path.startsWith('/api/') ||
    path === '/healthz' ||
    path === '/readyz' ||
    path.startsWith('/problems/')
  );
}

/** A request a browser made for a page: not an API path, and HTML is acceptable. */
export function wantsHtml(req: Request): boolean {
  return !isApiPath(req.path) && req.accepts(['html', 'json']) === 'html';
}

/** German HTML 404 for browsers; API paths and JSON clients fall through to the problem handler. */
export const uiNotFoundPage: RequestHandler = (req, res, next) => {
  if (!wantsHtml(req)) {
    next();
    return;
  }
  sendPage(res, errorPage(viewContext(req), 404, `Unter ${req.path} gibt es keine Seite.`), 404);
};

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
}

function statusAndMessage(error: unknown): { status: number; message?: string } {
  if (error instanceof CsrfError) return { status: 403, message: error.message };
  if (error instanceof NotFoundError) return { status: 404, message: error.message };
  if (error instanceof NotAllowedError) return { status: 403, message: error.message };
  if (error instanceof ConflictError) return { status: 409, message: error.message };
  if (error instanceof PayloadTooLargeError) return { status: 413, message: error.message };
  if (error instanceof UnsupportedMediaTypeError) return { status: 415, message: error.message };
  if (error instanceof InputError) return { status: 400, message: error.message };
  if (error instanceof DomainError) return { status: 400, message: error.message };
  const status = (error as HttpishError).status ?? (error as HttpishError).statusCode;
  if ((error as HttpishError).type === 'entity.too.large') {
    return { status: 413, message: 'Die gesendeten Daten sind größer als erlaubt.' };
  }
  if (status && status >= 400 && status < 500) return { status };
  return { status: 500 };
}

/**
 * HTML error pages for browsers in the site's design: 400, 403, 404, 409, 413, 415, 500 with a German
 * explanation and never a stack trace (a 500 shows only the request id, and is logged).
 * An expired login sends the visitor to the login page. API paths fall through to the
 * problem+json handler.
 */
export const uiErrorPage: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent || !wantsHtml(req)) {
    next(error);
    return;
  }
  if (error instanceof AuthenticationError) {
    res.redirect(303, `/anmeldung?weiter=${encodeURIComponent(req.method === 'GET' ? req.originalUrl : '/')}`);
    return;
  }
  const fault = databaseFault(error);
  if (fault) {
    req.log?.warn({ err: error, reason: fault.reason }, 'database unavailable');
    res.setHeader('Retry-After', String(fault.retryAfterSeconds));
    sendPage(res, errorPage(viewContext(req), 503, fault.message, req.id), 503);
    return;
  }
  const { status, message } = statusAndMessage(error);
  if (status >= 500) req.log?.error({ err: error }, 'unhandled error');
  sendPage(res, errorPage(viewContext(req), status, message, req.id), status);
};
