import type { Express } from 'express';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import { Database } from '../../entities/database';
import { createApp } from '../../server/app';
import { createCliDatabase } from './cli';
import { testConfig } from './test-app';

/** Two app instances, each with its own data source (as two processes), on one database. */
export interface TwoInstances {
  a: Express;
  b: Express;
  dataSourceA: DataSource;
  dataSourceB: DataSource;
  close(): Promise<void>;
}

/**
 * A migrated database that outlives one connection (an SQLite file or a PostgreSQL schema) and
 * two apps on it with data sources of their own: what one instance keeps in memory, the other
 * does not see; only the database is shared.
 */
export async function twoInstances(overrides: Partial<Config> = {}): Promise<TwoInstances> {
  const db = await createCliDatabase();
  const a = await Database.connect(db.config);
  await a.reader.runMigrations({ transaction: 'each' });
  const b = await Database.connect(db.config);
  const app = (database: Database) =>
    createApp({
      config: testConfig({ ...overrides, database: db.config }),
      db: database,
      logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
      validateResponses: true,
    });
  return {
    a: app(a),
    b: app(b),
    dataSourceA: a.reader,
    dataSourceB: b.reader,
    async close() {
      await b.close();
      await a.close();
      await db.cleanup();
    },
  };
}
