import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import rateLimit, { ipKeyGenerator } from 'express-rate-limit';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { User } from '../../entities';
import { normaliseUserName, verifyUser } from '../../services/user.service';
import { SESSION_COOKIE } from '../auth/session';
import type { AppDeps } from '../deps';
import { loginPage } from '../views/login.view';
import { safeReturnPath, sendPage, viewContext } from './context';

const WINDOW_MS = 15 * 60_000;
/** Failed attempts per IP address and user name in {@link WINDOW_MS}. */
export const LOGIN_ATTEMPTS_PER_ACCOUNT = 10;
/** Failed attempts per IP address (any user names) in {@link WINDOW_MS}. */
export const LOGIN_ATTEMPTS_PER_ADDRESS = 100;

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

function limiter(limit: number, key: (req: Request) => string) {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (req, res) =>
      renderLogin(
        req,
        res,
        429,
        'Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.',
      ),
  });
}

/**
 * `/anmeldung` and `/abmelden`: passport-local checks the credentials; on success the
 * session id is regenerated (no session fixation) and gets a fresh CSRF token. Failed
 * attempts are limited per IP address and user name, and per IP address.
 */
export function authRoutes(deps: AppDeps): Router {
  const router = express.Router();
  const passport = new Passport();
  passport.use(
    new LocalStrategy(
      { usernameField: 'benutzername', passwordField: 'passwort', session: false },
      (name, password, done) => {
        verifyUser(deps.dataSource.manager, name, password).then(
          (user) => done(null, user ?? false),
          (error: unknown) => done(error),
        );
      },
    ),
  );
  const ip = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
  const perAccount = limiter(
    LOGIN_ATTEMPTS_PER_ACCOUNT,
    (req) => `${ip(req)}|${normaliseUserName(bodyField(req, 'benutzername'))}`,
  );
  const perAddress = limiter(LOGIN_ATTEMPTS_PER_ADDRESS, ip);

  router.get('/anmeldung', (req, res) => {
    const ctx = viewContext(req, { withCsrf: true });
    const returnTo = safeReturnPath(req.query.weiter);
    sendPage(res, loginPage(ctx, { returnTo, loggedOut: req.query.abgemeldet === '1' }));
  });

  router.post('/anmeldung', perAddress, perAccount, (req, res, next) => {
    passport.authenticate('local', { session: false }, (error: unknown, user: User | false) => {
      if (error) {
        next(error);
        return;
      }
      if (!user) {
        renderLogin(req, res, 401, 'Benutzername oder Passwort ist falsch (oder das Konto ist gesperrt).');
        return;
      }
      const returnTo = safeReturnPath(bodyField(req, 'weiter'));
      req.session.regenerate((regenerateError) => {
        if (regenerateError) {
          next(regenerateError);
          return;
        }
        req.session.userId = user.id;
        req.session.authAt = Date.now();
        req.session.csrfToken = randomBytes(32).toString('base64url');
        req.session.flash = `Willkommen, ${user.displayName}.`;
        req.session.save((saveError) => (saveError ? next(saveError) : res.redirect(303, returnTo)));
      });
    })(req, res, next);
  });

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
