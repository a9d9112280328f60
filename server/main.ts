import 'reflect-metadata';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, redact } from '../config';
import { createDataSource } from '../ormconfig';
import { createLogger } from '../lib/logger';
import { ensureReferenceData } from '../importers/reference-data';
import { ensureMonthlySnapshots } from '../reports/ozg/snapshots';
import { createApp } from './app';

const SNAPSHOT_FIRST_DELAY_MS = 60_000;
const SNAPSHOT_INTERVAL_MS = 6 * 60 * 60 * 1000;

/**
 * Keeps the monthly gap snapshots (the trend of `GET /api/reports/gaps/history`): a minute after
 * start and every six hours, takes this month's snapshots unless they exist. Timers are unref'd,
 * so they never keep the process alive; a failure is logged and retried next time.
 */
function scheduleMonthlySnapshots(dataSource: DataSource, logger: Logger): void {
  const run = () => {
    ensureMonthlySnapshots(dataSource)
      .then((taken) => {
        if (taken > 0) logger.info({ taken }, 'monthly gap snapshots taken');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'monthly gap snapshots failed'));
  };
  setTimeout(run, SNAPSHOT_FIRST_DELAY_MS).unref();
  setInterval(run, SNAPSHOT_INTERVAL_MS).unref();
}

/**
 * Starts the service: configuration, database, migrations, reference data, then HTTP.
 * Nothing listens unless the database is ready.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const where = config.database.type === 'sqlite' ? config.database.path : redact(config.database.url);
  const dataSource = createDataSource(config.database);
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    if (config.loadReferenceData) await ensureReferenceData(dataSource, logger);
  } catch (error) {
    logger.fatal({ err: error, database: where }, 'database not ready; not starting');
    process.exit(1);
  }

  const app = createApp({ config, dataSource, logger });
  const server = app.listen(config.port, () => {
    logger.info({ port: config.port, database: where }, `E-Government-Atlas läuft auf http://localhost:${config.port}`);
    scheduleMonthlySnapshots(dataSource, logger);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    logger.fatal(
      { err: error },
      error.code === 'EADDRINUSE' ? `Port ${config.port} ist belegt (PORT setzen)` : 'HTTP-Server-Fehler',
    );
    process.exit(1);
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void dataSource.destroy().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
