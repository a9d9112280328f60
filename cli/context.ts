import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config';
import { createLogger } from '../lib/logger';
import { createDataSource } from '../ormconfig';

/** What a CLI command works with. */
export interface CliContext {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
}

/**
 * Opens the configured database for a command and applies pending migrations, runs the
 * command, and closes the database again whatever happens.
 */
export async function withDatabase<T>(
  work: (ctx: CliContext) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn');
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  try {
    if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
    return await work({ config, dataSource, logger });
  } finally {
    await dataSource.destroy();
  }
}
