/**
 * The one TypeScript boot (lib/ts-boot.ts) used by compute workers, the CLI child and the e2e
 * server child: plain `node` runs TypeScript sources through it, with tsconfig's options.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { tsBootEntry, tsBootScript } from '../../../lib/ts-boot';

function runNode(code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', code], { cwd: process.cwd() }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('lib/ts-boot', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ts-boot-'));
    // Types, an enum and a decorator with metadata: only tsconfig's options
    // (experimentalDecorators, emitDecoratorMetadata) compile the last one as the entities need.
    writeFileSync(
      join(dir, 'helper.ts'),
      'export enum Colour { Red = 1, Green }\nexport const twice = (n: number): number => n * 2;\n',
    );
    writeFileSync(
      join(dir, 'entry.ts'),
      [
        "import { Colour, twice } from './helper';",
        'const seen: string[] = [];',
        'function mark(_target: object, key: string): void { seen.push(key); }',
        'class Row { @mark name!: string; }',
        'void Row;',
        'const out: string = `${twice(21)} ${Colour.Green} ${seen.join(",")}`;',
        'if (require("node:worker_threads").parentPort) require("node:worker_threads").parentPort.postMessage(out);',
        'else process.stdout.write(out);',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a TypeScript entry and what it requires in a child process', async () => {
    expect(await runNode(tsBootEntry(join(dir, 'entry.ts')))).toBe('42 2 name');
  });

  it('runs JavaScript after the hook, which may require TypeScript', async () => {
    const code = tsBootScript(
      `process.stdout.write(String(require(${JSON.stringify(join(dir, 'helper.ts'))}).twice(4)));`,
    );
    expect(await runNode(code)).toBe('8');
  });

  it('boots an eval worker thread, as the compute pool does from the sources', async () => {
    const worker = new Worker(tsBootEntry(join(dir, 'entry.ts')), { eval: true });
    const message = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(message).toBe('42 2 name');
  });
});
