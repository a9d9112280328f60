import type { Logger } from 'pino';
import type { Principal } from '../lib/principal';

declare global {
  namespace Express {
    interface Request {
      /** Set by the request-log middleware: the caller's X-Request-Id or a new UUID. */
      id: string;
      /** The service logger, for handlers and the error handler. */
      log: Logger;
      /** Set by the bearer-token middleware when a valid token was presented. */
      principal?: Principal;
    }
  }
}
