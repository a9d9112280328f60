import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../../cli';
import type { DatabaseConfig } from '../../config';
import { dropDatabase, freshDatabaseConfig } from './database';

/** A database the CLI can open through DATABASE_URL: a temporary SQLite file or a fresh PostgreSQL schema. */
export interface CliDatabase {
  url: string;
  config: DatabaseConfig;
  cleanup(): Promise<void>;
}

/** Creates an empty database for CLI tests (SQLite file, since `:memory:` would not outlive a command). */
export async function createCliDatabase(): Promise<CliDatabase> {
  const fresh = await freshDatabaseConfig();
  if (fresh.type === 'postgres') {
    return { url: fresh.url, config: fresh, cleanup: () => dropDatabase(fresh) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
  const path = join(dir, 'atlas.sqlite');
  return {
    url: `sqlite:${path}`,
    config: { type: 'sqlite', path },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs one CLI command in-process against DATABASE_URL and captures what it prints. */
export async function runCli(
  databaseUrl: string,
  args: string[],
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  const previousExit = process.exitCode;
  process.exitCode = 0;
  let exitCode = 0;
  try {
    const program = buildProgram().exitOverride();
    await program.parseAsync(['node', 'atlas', ...args]);
  } catch (error) {
    const { reportCliError } = await import('../../cli/output');
    exitCode = (error as { exitCode?: number }).exitCode ?? reportCliError(error);
  } finally {
    exitCode = exitCode || Number(process.exitCode ?? 0);
    process.exitCode = previousExit;
    process.env.DATABASE_URL = previousUrl;
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}
