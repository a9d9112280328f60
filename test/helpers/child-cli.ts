/**
 * Runs the real CLI (`cli.ts`) in a child process without a build: the require hook of
 * `lib/ts-boot.ts` transpiles the TypeScript sources on load with the project's compiler
 * options. For tests that must kill the process (`kill -9`) in the middle of a command.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { tsBootScript } from '../../lib/ts-boot';

const ROOT = resolve(__dirname, '..', '..');

/** The child's program: the TypeScript hook (lib/ts-boot.ts), then the CLI with the given arguments. */
function script(args: string[]): string {
  return tsBootScript(`
const { buildProgram } = require(${JSON.stringify(`${ROOT}/cli.ts`)});
const { reportCliError } = require(${JSON.stringify(`${ROOT}/cli/output.ts`)});
buildProgram().parseAsync(['node', 'atlas', ...${JSON.stringify(args)}]).catch((error) => {
  process.exitCode = reportCliError(error);
});`);
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
