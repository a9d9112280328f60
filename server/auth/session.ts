import session from 'express-session';
import type { RequestHandler } from 'express';
import type { AppDeps } from '../deps';
import { ensureSessionSecret } from './session-secret';
import { TypeormSessionStore } from './session-store';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in user. */
    userId?: number;
    /** When the user signed in (ms since epoch); sessions older than a password change are void. */
    authAt?: number;
    /** Synchronizer token for every form that posts (`csrf.ts`). */
    csrfToken?: string;
    /** A message for the next page ("Gespeichert."), shown once. */
    flash?: string;
  }
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'atlas.sid';
/** Default idle time after which a session ends (minutes). */
export const DEFAULT_IDLE_MINUTES = 120;

/**
 * The web session: express-session with the database store. The cookie is `HttpOnly`,
 * `SameSite=Lax`, `Secure` whenever the request arrived over HTTPS (directly or, with
 * `TRUST_PROXY`, through a proxy that says so), and its expiry rolls forward with every
 * request. Nothing is stored for a visitor until a page needs it (a form's CSRF token or a
 * sign-in). The signing key is `SESSION_SECRET` or one generated and kept in the database,
 * loaded on the first request because the app factory is synchronous.
 */
export function webSession(deps: AppDeps): RequestHandler {
  const idleMs = (deps.config.sessionIdleMinutes ?? DEFAULT_IDLE_MINUTES) * 60_000;
  const store = new TypeormSessionStore(deps.db, idleMs);
  let ready: Promise<RequestHandler> | undefined;
  const build = async (): Promise<RequestHandler> =>
    session({
      name: SESSION_COOKIE,
      secret: deps.config.sessionSecret ?? (await ensureSessionSecret(deps.db.reader)),
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: 'destroy',
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: idleMs, path: '/' },
    });
  return (req, res, next) => {
    ready ??= build();
    ready.then(
      (middleware) => middleware(req, res, next),
      (error: unknown) => {
        ready = undefined;
        next(error);
      },
    );
  };
}
