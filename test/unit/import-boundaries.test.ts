/**
 * The import boundaries of docs/ARCHITECTURE.md are kept by the lint configuration (issue 15):
 * a deliberate violation in each layer must fail `npm run lint`, an allowed import must not.
 * The text is linted as if it were an existing file of that folder.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const TYPED_RULES_OFF = {
  '@typescript-eslint/no-floating-promises': 'off',
  '@typescript-eslint/no-misused-promises': 'off',
};

/** Lints `code` with the project's real configuration (ESLint's CLI: its config is an ES module). */
function restrictedImports(filePath: string, code: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const bin = join(process.cwd(), 'node_modules', 'eslint', 'bin', 'eslint.js');
    // Without type information (the import rule needs none; it makes each run take seconds, not tens).
    const untyped = ['--parser-options', 'projectService:false', '--rule', JSON.stringify(TYPED_RULES_OFF)];
    const child = spawn(process.execPath, [
      bin,
      '--format',
      'json',
      ...untyped,
      '--stdin',
      '--stdin-filename',
      filePath,
    ]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const [result] = JSON.parse(out) as { messages: { ruleId: string | null; message: string }[] }[];
      resolve(
        result.messages
          .filter(
            (m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports',
          )
          .map((m) => m.message),
      );
    });
    child.stdin.end(code);
  });
}

describe('import boundaries', () => {
  it.each([
    ['lib/text.ts', 'entities/', "import { Region } from '../entities';\nexport const x = Region;\n"],
    ['fim/xml-input.ts', 'lib/', "import { searchKey } from '../lib/text';\nexport const x = searchKey;\n"],
    ['services/audit.service.ts', 'reports/', "import { x } from '../reports/area';\nexport const y = x;\n"],
    ['importers/import-report.ts', 'server/', "import { x } from '../server/app';\nexport const y = x;\n"],
    ['reports/area.ts', 'jobs/', "import { x } from '../jobs/runner';\nexport const y = x;\n"],
    ['jobs/runner.ts', 'server/', "import { x } from '../server/app';\nexport const y = x;\n"],
  ])(
    '%s may not import %s',
    async (file, folder, code) => {
      const messages = await restrictedImports(file, code);
      expect(messages).toEqual([expect.stringContaining(`must not import ${folder}`)]);
    },
    120_000,
  );

  it('lets an import run downwards', async () => {
    const messages = await restrictedImports(
      'reports/area.ts',
      "import { Region } from '../entities';\nimport { searchKey } from '../lib/text';\nexport const x = [Region, searchKey];\n",
    );
    expect(messages).toEqual([]);
  }, 120_000);

  // Inside server/ (issue 15): two front ends that do not import each other, views without
  // route modules, and no entity class as a value in an HTTP layer.
  it.each([
    [
      'server/web/record-form.ts',
      'server/web must not import server/api',
      "import { x } from '../api/municipalities.schemas';\nexport const y = x;\n",
    ],
    [
      'server/api/regions.routes.ts',
      'server/api must not import server/web',
      "import { x } from '../web/region-trail';\nexport const y = x;\n",
    ],
    [
      'server/web/views/import.view.ts',
      'Views import no route module',
      "import { x } from '../import-jobs';\nexport const y = x;\n",
    ],
    [
      'server/web/region-trail.ts',
      'import entities only as types',
      "import { Region } from '../../entities';\nexport const y = Region;\n",
    ],
    [
      'server/auth/session-store.ts',
      'import entities only as types',
      "import { x } from '../../entities/fast-find';\nexport const y = x;\n",
    ],
  ])(
    '%s: %s',
    async (file, message, code) => {
      const messages = await restrictedImports(file, code);
      expect(messages).toEqual([expect.stringContaining(message)]);
    },
    120_000,
  );

  it('lets server/ take entity types, the transaction helper, and the Database in main.ts', async () => {
    const typed = await restrictedImports(
      'server/web/region-trail.ts',
      "import type { Region } from '../../entities';\nimport { inTransaction } from '../../entities/transaction';\nexport const x = (r: Region) => [r, inTransaction];\n",
    );
    const root = await restrictedImports(
      'server/main.ts',
      "import { Database } from '../entities/database';\nexport const x = Database;\n",
    );
    expect([typed, root]).toEqual([[], []]);
  }, 120_000);
});
