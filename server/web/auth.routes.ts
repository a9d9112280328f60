import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { User } from '../../entities';
import { DEFAULT_LOGIN_LIMITS, LoginThrottle, type LoginKeys } from '../../services/login-throttle';
import { needsSetup } from '../../services/setup.service';
import { normaliseUserName, verifyUser } from '../../services/user.service';
import { SESSION_COOKIE } from '../auth/session';
import type { AppDeps } from '../deps';
import { loginPage } from './views/login.view';
import { landingPath } from './views/users-home';
import { safeReturnPath, sendPage, viewContext } from './context';

/** Failed attempts per user name (any client) before the account is locked; see config `LOGIN_MAX_FAILURES_PER_ACCOUNT`. */
export const LOGIN_ATTEMPTS_PER_ACCOUNT = DEFAULT_LOGIN_LIMITS.perAccount;
/** Failed attempts per client address (any user names) before it is locked; see `LOGIN_MAX_FAILURES_PER_CLIENT`. */
export const LOGIN_ATTEMPTS_PER_ADDRESS = DEFAULT_LOGIN_LIMITS.perClient;

function bodyField(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function renderLogin(req: Request, res: Response, status: number, problem?: string): void {
  const ctx = viewContext(req, { withCsrf: true });
  sendPage(
    res,
    loginPage(ctx, {
      userName: bodyField(req, 'benutzername'),
      returnTo: safeReturnPath(bodyField(req, 'weiter')),
      problem,
    }),
    status,
  );
}

/**
 * Signs `user` in: a new session id (no session fixation) with a fresh CSRF token and a
 * greeting for the next page. Used by the login form, the setup page and invitations.
 */
export function startSession(req: Request, user: Pick<User, 'id'>, flash: string): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((regenerateError) => {
      if (regenerateError) {
        reject(regenerateError instanceof Error ? regenerateError : new Error(String(regenerateError)));
        return;
      }
      req.session.userId = user.id;
      req.session.authAt = Date.now();
      req.session.csrfToken = randomBytes(32).toString('base64url');
      req.session.flash = flash;
      req.session.save((saveError) =>
        saveError ? reject(saveError instanceof Error ? saveError : new Error(String(saveError))) : resolve(),
      );
    });
  });
}

/** The keys an attempt counts under: the folded user name, and the address Express resolved. */
function loginKeys(req: Request): LoginKeys {
  return { account: normaliseUserName(bodyField(req, 'benutzername')), client: req.ip ?? 'unknown' };
}

/** 429 with `Retry-After` and the wait in German, on the login page. */
function renderLocked(req: Request, res: Response, waitMs: number): void {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  res.setHeader('Retry-After', String(seconds));
  renderLogin(
    req,
    res,
    429,
    `Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie ${minutes === 1 ? 'eine Minute' : `${minutes} Minuten`} und versuchen Sie es dann erneut.`,
  );
}

/**
 * `/anmeldung` and `/abmelden`: passport-local checks the credentials; on success the
 * session id is regenerated (no session fixation) and gets a fresh CSRF token. Failed
 * attempts are counted in the database per user name and per client address
 * (`services/login-throttle.ts`), shared by every instance.
 */
export function authRoutes(deps: AppDeps): Router {
  const router = express.Router();
  const passport = new Passport();
  passport.use(
    new LocalStrategy(
      { usernameField: 'benutzername', passwordField: 'passwort', session: false },
      (name, password, done) => {
        verifyUser(deps.db.reader.manager, name, password).then(
          (user) => done(null, user ?? false),
          (error: unknown) => done(error),
        );
      },
    ),
  );
  const throttle = new LoginThrottle(deps.db.reader, deps.config.loginLimits ?? DEFAULT_LOGIN_LIMITS);

  router.get('/anmeldung', async (req, res) => {
    const ctx = viewContext(req, { withCsrf: true });
    const returnTo = safeReturnPath(req.query.weiter);
    const setupPending = !ctx.user && (await needsSetup(deps.db.reader.manager));
    sendPage(res, loginPage(ctx, { returnTo, loggedOut: req.query.abgemeldet === '1', setupPending }));
  });

  router.post('/anmeldung', (req, res, next) => {
    const keys = loginKeys(req);
    throttle.lockedFor(keys).then((waitMs) => {
      if (waitMs > 0) renderLocked(req, res, waitMs);
      else authenticate(req, res, next, keys);
    }, next);
  });

  const authenticate = (req: Request, res: Response, next: NextFunction, keys: LoginKeys): void => {
    passport.authenticate('local', { session: false }, (error: unknown, user: User | false) => {
      if (error) {
        next(error);
        return;
      }
      if (!user) {
        throttle
          .recordFailure(keys)
          .then(
            () => renderLogin(req, res, 401, 'Benutzername oder Passwort ist falsch (oder das Konto ist gesperrt).'),
            next,
          );
        return;
      }
      throttle.recordSuccess(keys).then(() => signIn(req, res, next, user), next);
    })(req, res, next);
  };

  const signIn = (req: Request, res: Response, next: NextFunction, user: User): void => {
    // Without a page to return to, an editor of one area lands on it ("meine Kommune").
    const returnTo = safeReturnPath(bodyField(req, 'weiter'));
    const target = returnTo === '/' ? landingPath(user.scopes) : returnTo;
    startSession(req, user, `Willkommen, ${user.displayName}.`).then(() => res.redirect(303, target), next);
  };

  router.post('/abmelden', (req, res, next) => {
    req.session.destroy((error) => {
      if (error) {
        next(error);
        return;
      }
      res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax' });
      res.redirect(303, '/anmeldung?abgemeldet=1');
    });
  });
  return router;
}
