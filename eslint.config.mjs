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
      'server',
      'cli',
      'sources',
      'config',
      'ormconfig',
    ],
    'sources/**/*.ts': ['entities', 'services', 'fim', 'importers', 'reports', 'server', 'cli', 'ormconfig'],
    'entities/**/*.ts': ['services', 'fim', 'importers', 'reports', 'server', 'cli', 'sources'],
    'services/**/*.ts': ['importers', 'reports', 'server', 'cli', 'sources'],
    'reports/**/*.ts': ['importers', 'server', 'cli', 'sources'],
    'importers/**/*.ts': ['reports', 'server', 'cli'],
    'cli/**/*.ts': ['server'],
  }),
  {
    // The benchmarks measure the real HTTP service, so they may start it.
    files: ['server/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
