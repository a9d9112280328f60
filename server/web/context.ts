import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../deps';
import { findActiveUser, principalForUser } from '../../services/user.service';
import { csrfToken } from '../auth/csrf';
import type { ViewContext } from './views/layout';
import type { SafeHtml } from './views/html';
import type { Role } from '../../lib/principal';

/** The signed-in user of a web request. */
export interface WebUser {
  id: number;
  userName: string;
  displayName: string;
  role: Role;
  scopes: string[];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set from the web session when a user is signed in. */
      webUser?: WebUser;
    }
  }
}

/**
 * Resolves the session's user on every request: a disabled user, or a session older than
 * the user's last password change, ends the session (its row is deleted and the request
 * continues with a new, anonymous session). The user's principal becomes the
 * request's principal (unless a bearer token already set one), so services check the same
 * roles and scopes as for API tokens.
 */
export function loadWebUser(deps: AppDeps): RequestHandler {
  return (req, _res, next) => {
    const userId = req.session?.userId;
    if (userId === undefined) {
      next();
      return;
    }
    findActiveUser(deps.db.reader.manager, userId).then(
      (user) => {
        const authAt = req.session.authAt ?? 0;
        if (!user || user.passwordChangedAt.getTime() > authAt) {
          // Replace the void session with a fresh anonymous one instead of leaving none:
          // everything after this (the CSRF token of the login form, flash messages)
          // expects `req.session` to exist, as it does for every other visitor.
          req.session.regenerate((error) => next(error));
          return;
        }
        req.webUser = {
          id: user.id,
          userName: user.userName,
          displayName: user.displayName,
          role: user.role,
          scopes: user.scopes,
        };
        req.principal ??= principalForUser(user);
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** What `createApp` keeps in `app.locals` for every page (error pages included). */
export interface PageLocals {
  /** `config.contact`: who runs this installation, shown in the footer and the accessibility statement. */
  contact: string | null;
}

/** The view context of a request; `withCsrf` creates the token for pages that contain a form. */
export function viewContext(req: Request, options: { withCsrf?: boolean } = {}): ViewContext {
  const flash = req.session?.flash;
  if (flash) delete req.session.flash;
  const token = options.withCsrf ? csrfToken(req) : req.session?.csrfToken;
  return {
    path: req.path,
    contact: (req.app.locals as Partial<PageLocals>).contact ?? null,
    ...(req.webUser ? { user: req.webUser } : {}),
    ...(token ? { csrfToken: token } : {}),
    ...(flash ? { flash } : {}),
  };
}

/** Sends a rendered page. Pages may show personal or unpublished data: never cached by others. */
export function sendPage(res: Response, page: SafeHtml, status = 200): void {
  res.status(status).setHeader('Cache-Control', 'private, no-store');
  res.type('html').send(page.value);
}

/** A redirect after a POST, so reloading the page does not send the form again. */
export function seeOther(res: Response, location: string): void {
  res.redirect(303, location);
}

/** Only local paths are valid targets after login (no open redirect). */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length < 500 ? value : '/';
}

/** Sends anonymous visitors to the login page and back afterwards. */
export function requireLogin(req: Request, res: Response, next: NextFunction): void {
  if (req.webUser) {
    next();
    return;
  }
  const back = req.method === 'GET' ? req.originalUrl : '/';
  res.redirect(303, `/anmeldung?weiter=${encodeURIComponent(back)}`);
}
