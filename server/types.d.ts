import type { Principal } from '../lib/principal';

declare global {
  namespace Express {
    interface Request {
      /** Set by the bearer-token middleware when a valid token was presented. */
      principal?: Principal;
    }
  }
}
