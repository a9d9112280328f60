import type { Logger } from 'pino';
import type { Database } from '../entities/database';
import { issueSetupLink } from '../services/setup.service';

/**
 * While no admin exists, issues a fresh one-time setup link and writes it to the start log:
 * the only way into a new installation without the command line. Each start replaces the
 * previous link. At a terminal the link is also printed as a plain line, since the log itself
 * is JSON.
 */
export function printSetupLink(db: Database, logger: Logger, baseUrl: string): void {
  db.transaction((tx) => issueSetupLink(tx)).then(
    (link) => {
      if (!link) return;
      const url = `${baseUrl}/einrichtung?token=${link.token}`;
      const until = link.expiresAt.toISOString();
      logger.warn(
        { setupUrl: url, expiresAt: until },
        `Einrichtung: Noch kein Administrationskonto. Öffnen Sie einmalig ${url} (gültig bis ${until}).`,
      );
      if (process.stderr.isTTY) {
        process.stderr.write(`\n  Einrichtung: Noch kein Administrationskonto. Öffnen Sie im Browser\n  ${url}\n\n`);
      }
    },
    (error: unknown) => logger.error({ err: error }, 'Einrichtungslink konnte nicht erzeugt werden'),
  );
}
