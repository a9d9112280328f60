import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { NotAllowedError } from '../../lib/errors';

/** A form arrived without the session's CSRF token (forged, or the session expired meanwhile). */
export class CsrfError extends NotAllowedError {
  constructor() {
    super(
      'Das Formular konnte nicht sicher zugeordnet werden – vermutlich ist Ihre Sitzung abgelaufen oder die Seite war ' +
        'zu lange geöffnet. Bitte laden Sie die Seite neu und senden Sie das Formular noch einmal.',
    );
  }
}

/** The session's synchronizer token, created on first use (which starts a stored session). */
export function csrfToken(req: Request): string {
  // A clear message instead of a TypeError if a page is ever served without the session middleware.
  if (!req.session) throw new Error('csrfToken: the request has no session (webSession must run first)');
  req.session.csrfToken ??= randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

function presented(req: Request): string | undefined {
  const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof fromBody === 'string') return fromBody;
  const header = req.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

/** True when the request carries the session's token (compared in constant time). */
export function hasValidCsrfToken(req: Request): boolean {
  const expected = req.session?.csrfToken;
  const given = presented(req);
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Refuses every state-changing request (anything but GET, HEAD, OPTIONS) without the
 * session's token in the `_csrf` field or the `X-CSRF-Token` header. Runs after the body
 * parser; multipart uploads call {@link hasValidCsrfToken} themselves after parsing.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
    next();
    return;
  }
  next(hasValidCsrfToken(req) ? undefined : new CsrfError());
};
