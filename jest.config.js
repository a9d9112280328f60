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

// Browser tests (issue 6): a third project when Debian's Chromium is installed; in CI it must be.
const chromium = '/usr/bin/chromium';
if (require('node:fs').existsSync(chromium)) {
  // eslint-disable-next-line no-unused-vars
  const { testTimeout, maxWorkers, watchPathIgnorePatterns, ...e2e } = require('./jest.e2e.config.js');
  projects.push({ ...e2e, rootDir: __dirname });
} else if (process.env.CI) {
  throw new Error(
    `CI=true, aber ${chromium} fehlt: die Browsertests dürfen in CI nicht fehlen (.ci/run installiert chromium).`,
  );
} else if (!process.env.JEST_WORKER_ID) {
  process.stdout.write(`Browsertests: übersprungen (${chromium} nicht installiert; apt-get install chromium)\n`);
}

module.exports = { projects, testTimeout: 60000 };
