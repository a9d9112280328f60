// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A `no-restricted-imports` pattern for one top-level folder of the project. */
function layer(folder) {
  return {
    group: [`**/${folder}`, `**/${folder}/**`, `./${folder}`, `./${folder}/**`],
    message: `Imports flow one way (docs/ARCHITECTURE.md): this folder must not import ${folder}/.`,
  };
}

/** One config block per folder, forbidding the folders above it. */
function boundaries(forbidden) {
  return Object.entries(forbidden).map(([files, folders]) => ({
    files: [files],
    rules: { 'no-restricted-imports': ['error', { patterns: folders.map(layer) }] },
  }));
}

/**
 * Value imports from entities/ are forbidden in server/ (`import type` stays allowed): the HTTP
 * layers read and write through services/ and reports/. Allowed: the transaction helper, the
 * database-fault helpers, and the files named in `alsoAllowed`.
 */
function entityPattern(alsoAllowed) {
  const allowed = ['transaction', 'db-errors', 'db-health', ...alsoAllowed].join('|');
  return {
    regex: `(^|/)entities(/index)?$|(^|/)entities/(?!(${allowed})$)`,
    allowTypeImports: true,
    message:
      'server/ reads and writes through services/ and reports/ (docs/ARCHITECTURE.md); import entities only as types.',
  };
}

/** A server/ folder that `files` must not import (by relative path, as server's folders are siblings). */
function serverFolder(folder, why) {
  return { regex: `^(\\.\\./)+${folder}(/|$)`, message: `${why} (docs/ARCHITECTURE.md).` };
}

/** The import rules inside server/: the patterns each group of files must not match. */
function serverBoundaries(blocks) {
  return blocks.map(([files, patterns]) => ({
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'server/public/**', 'var/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [layer('server')] }],
    },
  },
  // Imports flow one way (docs/ARCHITECTURE.md): server → reports, importers, services →
  // fim, entities → lib. Each folder names the folders it must not import.
  ...boundaries({
    'lib/**/*.ts': [
      'entities',
      'services',
      'fim',
      'importers',
      'reports',
      'jobs',
      'server',
      'cli',
      'sources',
      'config',
      'ormconfig',
    ],
    'fim/**/*.ts': [
      'lib',
      'entities',
      'services',
      'importers',
      'reports',
      'jobs',
      'server',
      'cli',
      'sources',
      'config',
      'ormconfig',
    ],
    'sources/**/*.ts': ['entities', 'services', 'fim', 'importers', 'reports', 'jobs', 'server', 'cli', 'ormconfig'],
    'entities/**/*.ts': ['services', 'fim', 'importers', 'reports', 'jobs', 'server', 'cli', 'sources'],
    'services/**/*.ts': ['importers', 'reports', 'jobs', 'server', 'cli', 'sources'],
    'reports/**/*.ts': ['importers', 'jobs', 'server', 'cli', 'sources'],
    'importers/**/*.ts': ['reports', 'jobs', 'server', 'cli'],
    'jobs/**/*.ts': ['server', 'cli'],
    'cli/**/*.ts': ['server'],
  }),
  {
    // The benchmarks measure the real HTTP service, so they may start it.
    files: ['server/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // Inside server/ (issue 15): the API and the web pages are two front ends of the same services
  // and reports and do not import each other; views render what they are given and import no
  // route module; no HTTP layer queries entities itself. The composition roots that build the
  // one Database object may import it.
  ...serverBoundaries([
    [['server/**/*.ts'], [entityPattern([])]],
    [['server/main.ts', 'server/compute/worker.ts'], [entityPattern(['database'])]],
    [['server/api/**/*.ts'], [entityPattern([]), serverFolder('web', 'server/api must not import server/web')]],
    [['server/web/**/*.ts'], [entityPattern([]), serverFolder('api', 'server/web must not import server/api')]],
    [
      ['server/web/views/**/*.ts'],
      [
        entityPattern([]),
        serverFolder('api', 'server/web must not import server/api'),
        { regex: '^\\.\\./[^.]', message: 'Views import no route module of server/web (docs/ARCHITECTURE.md).' },
      ],
    ],
  ]),
);
