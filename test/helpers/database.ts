import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../config';
import { Database } from '../../entities/database';

declare const TEST_DATABASE: string | undefined;

/** Which database this jest project runs against (see jest.config.js). */
export function testDatabaseKind(): 'sqlite' | 'postgres' {
  return typeof TEST_DATABASE !== 'undefined' && TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

/** A fresh, empty database config: in-memory SQLite or a new schema on the test PostgreSQL server. */
export async function freshDatabaseConfig(): Promise<DatabaseConfig> {
  if (testDatabaseKind() === 'sqlite') return { type: 'sqlite', path: ':memory:' };
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error('TEST_POSTGRES_URL is not set');
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.destroy();
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return { type: 'postgres', url: withSchema.toString(), schema };
}

/** Drops a test schema created by {@link freshDatabaseConfig}. */
export async function dropDatabase(config: DatabaseConfig): Promise<void> {
  if (config.type !== 'postgres' || !config.schema) return;
  const url = process.env.TEST_POSTGRES_URL as string;
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  await admin.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`);
  await admin.destroy();
}

/** A handle on a migrated test database. */
export interface TestDatabase {
  /** The Database; `dataSource` is its reader. */
  db: Database;
  dataSource: DataSource;
  config: DatabaseConfig;
  close(): Promise<void>;
}

/** Creates a fresh database, runs all migrations and returns it; `close()` removes it again. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const config = await freshDatabaseConfig();
  const db = await Database.connect(config);
  const dataSource = db.reader;
  if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  return {
    db,
    dataSource,
    config,
    async close() {
      if (dataSource.isInitialized) await db.close();
      await dropDatabase(config);
    },
  };
}
