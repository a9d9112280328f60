/**
 * Runs the real CLI (`cli.ts`) in a child process without a build: a require hook transpiles
 * the TypeScript sources on load with the project's compiler options. For tests that must kill
 * the process (`kill -9`) in the middle of a command.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** The child's program: the transpiling hook, then the CLI with the given arguments. */
function script(args: string[]): string {
  return `
const ts = require('typescript');
const fs = require('node:fs');
const root = ${JSON.stringify(ROOT)};
const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(root + '/tsconfig.json', ts.sys.readFile).config, ts.sys, root);
const compilerOptions = { ...parsed.options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: false, incremental: false, declaration: false };
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(out.outputText, filename);
};
const { buildProgram } = require(root + '/cli.ts');
const { reportCliError } = require(root + '/cli/output.ts');
buildProgram().parseAsync(['node', 'atlas', ...${JSON.stringify(args)}]).catch((error) => {
  process.exitCode = reportCliError(error);
});
`;
}

/** Starts `npm run cli -- ARGS` as a child with `env` added; stdout and stderr are collected. */
export function spawnCli(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['-e', script(args)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Resolves with the exit code or signal when the child ends. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => done({ code, signal }));
  });
}
