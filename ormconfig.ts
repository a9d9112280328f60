import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig, DatabaseLimits } from './config';
import { Database } from './entities/database';

export { buildDataSourceOptions, pgPoolOptions } from './entities/database-options';

/**
 * Creates (but does not initialise) the reading data source of a new {@link Database} for the
 * given database. New code opens the Database itself (`Database.open`, `Database.connect`);
 * this stays for tests and benchmarks that work with a bare data source — its `destroy()`
 * closes the whole Database, writer connection included.
 */
export function createDataSource(database: DatabaseConfig, limits?: DatabaseLimits): DataSource {
  return Database.create(database, limits).reader;
}
