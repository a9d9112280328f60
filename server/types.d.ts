import type { Principal } from '../lib/principal';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the bearer-token middleware when a valid token was presented. */
      principal?: Principal;
    }
  }
}
