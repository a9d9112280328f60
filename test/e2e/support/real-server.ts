import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { tsBootEntry } from '../../../lib/ts-boot';

const ROOT = resolve(__dirname, '..', '..', '..');

/**
 * The server's entry (`server/main.ts`, which `npm start` runs compiled as dist/server/main.js)
 * in a child process, booted through the require hook of `lib/ts-boot.ts`: a test must run the
 * current sources, not a stale build in dist/, nor pay 20 s for one.
 */
const SCRIPT = tsBootEntry(`${ROOT}/server/main.ts`);

/** A running server process and what it wrote to its log. */
export interface RealServer {
  child: ChildProcess;
  baseUrl: string;
  /** Everything the process wrote (JSON log lines on stdout, anything on stderr). */
  output(): string;
  /** Resolves with the first log entry for which `pick` returns a value; rejects if the process ends first. */
  waitForLog<T>(pick: (entry: Record<string, unknown>) => T | undefined): Promise<T>;
  stop(): Promise<void>;
}

/** A port free right now (the server needs a fixed one: the setup link names it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** Starts the service as `npm start` does, with `env` (DATABASE_URL …) added to the environment. */
export async function startRealServer(env: Record<string, string>): Promise<RealServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const ended = new Promise<void>((done) => child.once('exit', () => done()));

  const entries = () =>
    output.split('\n').flatMap((line) => {
      try {
        return line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });

  return {
    child,
    baseUrl: `http://localhost:${port}`,
    output: () => output,
    waitForLog<T>(pick: (entry: Record<string, unknown>) => T | undefined): Promise<T> {
      return new Promise((done, fail) => {
        const check = () => {
          for (const entry of entries()) {
            const value = pick(entry);
            if (value !== undefined) {
              waiters.delete(check);
              done(value);
              return;
            }
          }
          if (child.exitCode !== null) fail(new Error(`server ended (${child.exitCode}):\n${output}`));
        };
        waiters.add(check);
        void ended.then(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await ended;
      }
    },
  };
}
