/**
 * `npm test` runs every suite on SQLite and, when a PostgreSQL server is configured in
 * TEST_POSTGRES_URL, the database suites again on PostgreSQL. In CI (CI=true) a missing
 * PostgreSQL server is an error, not a skip.
 */
const postgresUrl = process.env.TEST_POSTGRES_URL;
if (!postgresUrl && process.env.CI) {
  throw new Error('CI=true, aber TEST_POSTGRES_URL ist nicht gesetzt: die PostgreSQL-Tests dürfen in CI nicht fehlen.');
}
if (!postgresUrl && !process.env.JEST_WORKER_ID) {
  process.stdout.write(
    'PostgreSQL: übersprungen (TEST_POSTGRES_URL nicht gesetzt; außerhalb von CI laufen die Tests nur auf SQLite)\n',
  );
}

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false }] };
const common = {
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/test/helpers/setup-env.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/e2e/'],
};

const projects = [
  {
    ...common,
    displayName: 'sqlite',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
  },
];
if (postgresUrl) {
  projects.push({
    ...common,
    displayName: 'postgres',
    testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    globals: { TEST_DATABASE: 'postgres' },
  });
}

module.exports = { projects, testTimeout: 60000 };
