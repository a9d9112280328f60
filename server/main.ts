import 'reflect-metadata';
import { ConfigError, loadConfig, redact } from '../config';
import { createLogger } from '../lib/logger';
import { Database } from '../entities/database';
import { DatabaseStartupError } from '../entities/db-health';
import { createApp } from './app';
import { createCompute, defaultCompute } from './compute/runner';
import { applyServerTimeouts } from './http/timeouts';
import { snapshotBuilder, startBackgroundJobs } from './background-jobs';
import { JobRunner } from '../jobs/runner';
import { prepareDatabase } from './startup';
import { printSetupLink } from './setup-link';

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
  let db: Database;
  try {
    db = await Database.open(config.database, config.databaseLimits, (reason) =>
      logger.warn({ database: where }, `Datenbank nicht beschreibbar: ${reason}`),
    );
    await prepareDatabase(db.reader, { loadReferenceData: config.loadReferenceData, logger });
  } catch (error) {
    if (error instanceof DatabaseStartupError) {
      // A refused database (empty, foreign or damaged file, unreachable server): one German line.
      logger.fatal({ database: where }, error.message);
      process.exit(error.exitCode);
    }
    logger.fatal({ err: error, database: where }, 'database not ready; not starting');
    process.exit(1);
  }

  // The one data layer (entities/database.ts): reader, writer behind db.transaction, SQL runner, caches.
  const dataSource = db.reader;
  // Heavy reports run in worker threads (server/compute/); one pool for requests and background jobs.
  const compute = createCompute(dataSource, { ...defaultCompute(config), databaseLimits: config.databaseLimits });
  // Persisted background jobs (jobs/): web imports, syncs, snapshots; queued jobs survive a restart.
  const jobs = new JobRunner({ dataSource, config, logger, buildGapReport: snapshotBuilder(compute) });
  const app = createApp({ config, db, logger, compute, jobs });
  const server = app.listen(config.port, () => {
    logger.info({ port: config.port, database: where }, `E-Government-Atlas läuft auf http://localhost:${config.port}`);
    startBackgroundJobs(dataSource, logger, config, jobs);
    void jobs.start();
    printSetupLink(db, logger, `http://localhost:${config.port}`);
  });
  applyServerTimeouts(server);
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
      void jobs
        .stop()
        .then(() => compute.close())
        .then(() => db.close())
        .then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
