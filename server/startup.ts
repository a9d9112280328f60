import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { databaseFault } from '../entities/db-errors';
import { DatabaseStartupError, withStartupLock, writeBlock } from '../entities/db-health';
import { ensureReferenceData } from '../importers/reference-data';

/**
 * Brings an opened database up to date before the service listens: pending migrations, then
 * (when `loadReferenceData`) the shipped reference data into an empty database. On PostgreSQL
 * this runs under an advisory lock (`withStartupLock`), so instances starting together on an
 * empty database take turns: the first migrates and loads, the others find it done. A database
 * that cannot be written (see `checkSqliteDatabase`) is only checked for pending migrations;
 * reference data is left alone. A database fault becomes a {@link DatabaseStartupError}.
 */
export async function prepareDatabase(
  dataSource: DataSource,
  options: { loadReferenceData: boolean; logger: Pick<Logger, 'info' | 'warn'> },
): Promise<void> {
  try {
    await withStartupLock(dataSource, async () => {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length > 0) options.logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
      const blocked = writeBlock(dataSource);
      if (blocked) {
        options.logger.warn({ reason: blocked }, 'database not writable: reference data not checked');
        return;
      }
      if (options.loadReferenceData) await ensureReferenceData(dataSource, options.logger);
    });
  } catch (error) {
    const fault = databaseFault(error);
    if (fault) throw new DatabaseStartupError(fault.message);
    throw error;
  }
}
