/**
 * Browser tests (`npm run test:e2e`): the real app on a random port with a fresh SQLite
 * database, driven by playwright-core through Debian's Chromium (/usr/bin/chromium; no browser
 * download). Screenshots go to test/e2e/screenshots/ (git-ignored). `npm test` runs the same
 * files as its `e2e` project when Chromium is installed (see jest.config.js).
 */
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/test/helpers/setup-env.ts'],
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
  // Screenshots are written by the tests; jest must not re-run on them in watch mode.
  watchPathIgnorePatterns: ['<rootDir>/test/e2e/screenshots/'],
};
