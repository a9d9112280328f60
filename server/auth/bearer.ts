import type { RequestHandler } from 'express';
import { Passport } from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import type { DataSource } from 'typeorm';
import { AuthenticationError } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { principalForToken } from '../../services/token.service';

/** True when an `Authorization` header uses the Bearer scheme (scheme names are case-insensitive). */
function isBearer(authorization: string): boolean {
  return /^\s*bearer(\s|$)/i.test(authorization);
}

/**
 * Authenticates `Authorization: Bearer …` with passport. A request without the header, or
 * with another scheme (say, Basic credentials a proxy or browser adds), stays anonymous:
 * public routes allow it, the others answer 401 with `WWW-Authenticate: Bearer`. A request
 * with an unknown or revoked bearer token is refused at once, so a typo never silently
 * downgrades to anonymous.
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
    passport.authenticate('bearer', { session: false }, (error: unknown, principal: Principal | false) => {
      if (error) {
        next(error);
      } else if (!principal) {
        next(new AuthenticationError('Das API-Token ist unbekannt, widerrufen oder falsch formatiert.'));
      } else {
        req.principal = principal;
        next();
      }
    })(req, res, next);
  };
}
