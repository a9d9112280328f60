import type { Express } from 'express';
import pino from 'pino';
import type { Config } from '../../config';
import type { Role } from '../../lib/principal';
import { createApp } from '../../server/app';
import { createApiToken } from '../../services/token.service';
import { createTestDatabase, type TestDatabase } from './database';

/** A migrated test database with an app on top, and helpers to mint tokens. */
export interface TestApp extends TestDatabase {
  app: Express;
  /** Creates an API token and returns the `Authorization` header value. */
  bearer(role: Role, scopes?: string[], name?: string): Promise<string>;
}

/** Configuration for tests: the database is replaced by the test database. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    database: { type: 'sqlite', path: ':memory:' },
    logLevel: 'silent',
    importMaxBytes: 5 * 1024 * 1024,
    fimImportMaxBytes: 5 * 1024 * 1024,
    contact: null,
    trustProxy: 0,
    loadReferenceData: false,
    ...overrides,
  };
}

/**
 * Builds the app on a fresh migrated database, as `main.ts` would, with response-schema
 * checks switched on so a response that contradicts the OpenAPI document fails the test.
 */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = testConfig({ ...overrides, database: db.config });
  const app = createApp({
    config,
    db: db.db,
    logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    validateResponses: true,
  });
  return {
    ...db,
    app,
    async bearer(role, scopes = [], name = `${role}-test`) {
      const { token } = await db.db.transaction((tx) => createApiToken(tx, { name, role, scopes }));
      return `Bearer ${token}`;
    },
  };
}
