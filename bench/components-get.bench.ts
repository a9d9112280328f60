import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { median, printFigure } from './figures';

/** Starts a benchmark server script as a child process and waits for its port. */
function startServer(script: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'servers', script), [], { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.once('message', (message: { port: number }) => resolve({ child, port: message.port }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<number> {
  const result = await autocannon({ url, connections: 32, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  }
  return result.requests.average;
}

/**
 * `GET /api/municipalities/{ags}/components` under concurrent load against a bare Express
 * route serving the same JSON from memory. Both run as child processes, so the load
 * generator does not share their event loop. The two are loaded in turns, `rounds` times,
 * and compared by their medians, so a burst of other work on the machine does not land on
 * one side only.
 */
export async function runComponentsGetBench(args: {
  databaseUrl: string;
  dataSource: DataSource;
  ags: string;
  token: string;
  workDir: string;
  seconds: number;
  rounds?: number;
}): Promise<void> {
  const headers = { authorization: `Bearer ${args.token}` };
  const api = await startServer('api-server.js', { DATABASE_URL: args.databaseUrl, LOG_LEVEL: 'warn' });
  try {
    const url = `http://127.0.0.1:${api.port}/api/municipalities/${args.ags}/components`;
    const sample = await fetch(url, { headers });
    if (!sample.ok) throw new Error(`sample request failed: ${sample.status}`);
    const bodyFile = join(args.workDir, 'landscape.json');
    writeFileSync(bodyFile, await sample.text());
    const bare = await startServer('bare-server.js', { BARE_BODY_FILE: bodyFile });
    try {
      const bareUrl = `http://127.0.0.1:${bare.port}/api/municipalities/${args.ags}/components`;
      await load(url, headers, 2);
      await load(bareUrl, {}, 2);
      const apiRps: number[] = [];
      const bareRps: number[] = [];
      for (let round = 0; round < (args.rounds ?? 3); round += 1) {
        apiRps.push(await load(url, headers, args.seconds));
        bareRps.push(await load(bareUrl, {}, args.seconds));
      }
      printFigure('components_get_rps', median(apiRps), 'req/s');
      printFigure('components_get_bare_rps', median(bareRps), 'req/s');
      printFigure('components_get_vs_bare', (100 * median(apiRps)) / median(bareRps), '%');
    } finally {
      bare.child.kill();
    }
  } finally {
    api.child.kill();
  }
}
