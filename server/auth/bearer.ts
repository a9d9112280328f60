import type { Request, RequestHandler } from 'express';
import { Passport } from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import type { DataSource } from 'typeorm';
import { AuthenticationError } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { cachedPrincipalForToken, principalForToken } from '../../services/token.service';

/** True when an `Authorization` header uses the Bearer scheme (scheme names are case-insensitive). */
function isBearer(authorization: string): boolean {
  return /^\s*bearer(\s|$)/i.test(authorization);
}

const BEARER_HEADER = /^Bearer ([^ ]+)$/i;

/**
 * The principal passport established for this request's token within the token cache's
 * lifetime, checked against the database to be still unrevoked, if the request carries it the
 * plain way passport-http-bearer accepts (header only, no `access_token` in body or query,
 * which it would refuse as ambiguous): the principal, `null` when the token was revoked
 * meanwhile, undefined when passport must decide.
 */
function alreadyAuthenticated(
  dataSource: DataSource,
  req: Request,
  authorization: string,
): Promise<Principal | null | undefined> {
  const token = BEARER_HEADER.exec(authorization)?.[1];
  if (!token || req.url.includes('access_token') || (req.body as { access_token?: unknown })?.access_token) {
    return Promise.resolve(undefined);
  }
  return cachedPrincipalForToken(dataSource.manager, token);
}

const UNKNOWN_TOKEN = 'Das API-Token ist unbekannt, widerrufen oder falsch formatiert.';

/**
 * Authenticates `Authorization: Bearer …` with passport. A request without the header, or
 * with another scheme (say, Basic credentials a proxy or browser adds), stays anonymous:
 * public routes allow it, the others answer 401 with `WWW-Authenticate: Bearer`. A request
 * with an unknown or revoked bearer token is refused at once, so a typo never silently
 * downgrades to anonymous.
 *
 * NOTE: passport resolves every token that is not in the token cache (see
 * `services/token.service.ts`); while it is (60 s), the request reuses the principal without
 * running passport again, after one indexed read that the token is not revoked — by this
 * instance, another one or the CLI. Passport's per-request machinery (a strategy object and six
 * closures per call, properties added to the request) cost about 35 µs of CPU, a seventh of a
 * landscape read. Measured on an SQLite file (`bench/token-check.ts`, 20,000 calls, three runs
 * on 2 shared cores): the revocation check 8–14 µs per request, the entity lookup it spares
 * 90–97 µs (plus passport). So the principal stays cached and only the check runs every time.
 */
export function bearerAuthentication(dataSource: DataSource): RequestHandler {
  const passport = new Passport();
  passport.use(
    new BearerStrategy((token, done) => {
      principalForToken(dataSource.manager, token).then(
        (principal) => done(null, principal ?? false),
        (error: unknown) => done(error),
      );
    }),
  );
  return (req, res, next) => {
    const authorization = req.headers.authorization;
    if (!authorization || !isBearer(authorization)) {
      next();
      return;
    }
    alreadyAuthenticated(dataSource, req, authorization).then((known) => {
      if (known === null) {
        next(new AuthenticationError(UNKNOWN_TOKEN));
      } else if (known) {
        req.principal = known;
        next();
      } else {
        viaPassport(req, res, next);
      }
    }, next);
  };

  function viaPassport(...[req, res, next]: Parameters<RequestHandler>): void {
    passport.authenticate('bearer', { session: false }, (error: unknown, principal: Principal | false) => {
      if (error) {
        next(error);
      } else if (!principal) {
        next(new AuthenticationError(UNKNOWN_TOKEN));
      } else {
        req.principal = principal;
        next();
      }
    })(req, res, next);
  }
}
