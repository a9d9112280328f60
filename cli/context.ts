import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config';
import { databaseFault } from '../entities/db-errors';
import { Database } from '../entities/database';
import { withStartupLock } from '../entities/db-health';
import { configureImportLimits } from '../importers/tabular/limits';
import { createLogger } from '../lib/logger';

/** What a CLI command works with. */
export interface CliContext {
  config: Config;
  /** The opened Database; closed when the command ends. */
  db: Database;
  /**
   * Its reader (`db.reader`). Commands use `db` (`db.transaction`, `db.reader.manager`); this is
   * kept for `sync.command.ts` and tests that still take a data source.
   */
  dataSource: DataSource;
  logger: Logger;
}

/**
 * Opens the configured database for a command and applies pending migrations (on PostgreSQL
 * under the start-up advisory lock, like the service), runs the command, and closes the
 * database again whatever happens. Database faults (unreachable, read-only, disk full, damaged
 * or foreign file) leave here as a `ServiceUnavailableError` (a `DatabaseStartupError` at open) with a
 * German one-line message, which `reportCliError` prints instead of a stack trace.
 */
export async function withDatabase<T>(
  work: (ctx: CliContext) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  configureImportLimits(config.importLimits ?? {});
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn');
  const db = await Database.open(config.database, config.databaseLimits);
  const dataSource = db.reader;
  try {
    if (options.migrate !== false) {
      await withStartupLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
    }
    return await work({ config, db, dataSource, logger });
  } catch (error) {
    throw databaseFault(error) ?? error;
  } finally {
    await db.close();
  }
}
