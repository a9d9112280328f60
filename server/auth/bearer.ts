import type { RequestHandler } from 'express';
import { Passport } from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import type { DataSource } from 'typeorm';
import { AuthenticationError } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { principalForToken } from '../../services/token.service';

/**
 * Authenticates `Authorization: Bearer …` with passport. A request without the header stays
 * anonymous (public routes allow it, the others answer 401); a request with an unknown or
 * revoked token is refused at once, so a typo never silently downgrades to anonymous.
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
    if (!req.headers.authorization) {
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
