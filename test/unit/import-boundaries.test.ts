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
      resolve(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
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
});
