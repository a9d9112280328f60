import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../entities/transaction';
import { SYSTEM_PRINCIPAL } from '../lib/principal';
import { createApiToken } from '../services/token.service';
import { createUser } from '../services/user.service';
import { printFigure } from './figures';

const PASSWORD = 'bench-passwort-lang-genug';
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200);
const LIGHT_FAST_MS = 250;
/** Which heavy loads run (`BENCH_LOAD_TARGETS`, default both): to see what each costs alone. */
const TARGETS = ['opportunities', 'kreis-page'].filter((t) =>
  (process.env.BENCH_LOAD_TARGETS ?? 'opportunities,kreis-page').split(',').includes(t),
);

interface Sample {
  at: number;
  ms: number;
  status: number;
}

function fork2<T>(script: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; first: T }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, script), [], { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.once('message', (first: T) => resolve({ child, first }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function signIn(base: string, userName: string): Promise<string> {
  const form = await fetch(`${base}/anmeldung`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/anmeldung`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieOf(form) },
    body: new URLSearchParams({ _csrf: csrf, benutzername: userName, passwort: PASSWORD }).toString(),
  });
  if (res.status !== 303) throw new Error(`bench login failed: ${res.status}`);
  return cookieOf(res);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Overload (issue 12): the real service in a child process on the generated landscape, hit by
 * {@link CONNECTIONS} connections on the heaviest report (opportunities for a Land) and as many
 * on the Kreis page of the largest Kreis, for `seconds`; beside them a light request (one
 * Gemeinde's components) ten times a second from a process of its own. Prints the heavy
 * requests served per second, the 503s, the p99 of the light request under load (target under
 * 250 ms) and the seconds after the load until the light request is fast again (target under 2 s).
 */
export async function runLoadBench(args: {
  databaseUrl: string;
  dataSource: DataSource;
  land: string;
  kreis: string;
  ags: string;
  seconds: number;
}): Promise<void> {
  const { token } = await inTransaction(args.dataSource, (tx) =>
    createApiToken(tx, { name: 'bench-load', role: 'reader', scopes: [] }),
  );
  await inTransaction(args.dataSource, (tx) =>
    createUser(
      tx,
      { userName: 'bench-load', password: PASSWORD, role: 'reader', scopes: [] },
      { principal: SYSTEM_PRINCIPAL, requestId: null },
    ),
  ).catch(() => undefined);
  const auth = `Bearer ${token}`;
  const server = await fork2<{ port: number }>(join('servers', 'load-server.js'), {
    DATABASE_URL: args.databaseUrl,
    LOG_LEVEL: 'warn',
  });
  try {
    const base = `http://127.0.0.1:${server.first.port}`;
    const cookie = await signIn(base, 'bench-load');
    const heavyUrl = `${base}/api/reports/opportunities?area=${args.land}`;
    const pageUrl = `${base}/gebiete/${args.kreis}`;
    const sample = await fetch(heavyUrl, { headers: { Authorization: auth } });
    const bytes = (await sample.arrayBuffer()).byteLength;
    if (!sample.ok) throw new Error(`${heavyUrl}: ${sample.status}`);
    process.stderr.write(`# opportunities ${args.land}: ${(bytes / 1024 / 1024).toFixed(1)} MB\n`);
    const probe = await fork2<{ origin: number }>('load-probe.js', {
      PROBE_URL: `${base}/api/municipalities/${args.ags}/components`,
      PROBE_AUTH: auth,
      PROBE_INTERVAL_MS: '100',
    });
    const loadStart = Date.now();
    const idle = Promise.resolve(null);
    const runs = [
      TARGETS.includes('opportunities')
        ? autocannon({
            url: heavyUrl,
            connections: CONNECTIONS,
            duration: args.seconds,
            headers: { authorization: auth },
            timeout: 60,
          })
        : idle,
      TARGETS.includes('kreis-page')
        ? autocannon({
            url: pageUrl,
            connections: CONNECTIONS,
            duration: args.seconds,
            headers: { cookie, accept: 'text/html' },
            timeout: 60,
          })
        : idle,
    ];
    const results = (await Promise.all(runs)).filter((r): r is autocannon.Result => r !== null);
    const loadEnd = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const samples = await new Promise<Sample[]>((resolve) => {
      probe.child.once('message', (message: { samples: Sample[] }) => resolve(message.samples));
      probe.child.send({ stop: true });
    });
    const origin = probe.first.origin;
    // Every light request started while the load ran counts, however long it took to answer.
    const during = samples.filter((s) => origin + s.at >= loadStart && origin + s.at <= loadEnd);
    const after = samples.filter((s) => origin + s.at >= loadEnd).sort((a, b) => a.at - b.at);
    const firstFast = after.findIndex(
      (s, i) => s.status === 200 && after.slice(i).every((t) => t.status === 200 && t.ms < LIGHT_FAST_MS),
    );
    const recovered = firstFast < 0 ? NaN : (origin + after[firstFast].at + after[firstFast].ms - loadEnd) / 1000;
    const served = results.reduce((sum, r) => sum + r['2xx'], 0);
    const refused = results.reduce((sum, r) => sum + (r.statusCodeStats?.['503']?.count ?? 0), 0);
    const seconds = (loadEnd - loadStart) / 1000;
    for (const [name, r] of TARGETS.map((t, i) => [t, results[i]] as const)) {
      process.stderr.write(
        `# ${name}: 2xx ${r['2xx']}, 503 ${r.statusCodeStats?.['503']?.count ?? 0}, other non-2xx ` +
          `${r.non2xx - (r.statusCodeStats?.['503']?.count ?? 0)}, errors ${r.errors}, resets ${r.resets}, ` +
          `timeouts ${r.timeouts}, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms\n`,
      );
    }
    process.stderr.write(
      `# light: ${during.length} samples under load, failed ${during.filter((s) => s.status !== 200).length}, ` +
        `p50 ${percentile(
          during.map((s) => s.ms),
          50,
        )} ms, p90 ${percentile(
          during.map((s) => s.ms),
          90,
        )} ms, ` +
        `max ${Math.max(...during.map((s) => s.ms))} ms\n`,
    );
    printFigure('load_heavy_served', served / seconds, 'req/s');
    printFigure('load_503', refused, 'count');
    // An unanswered or failed light request counts with the time it waited, at least the load's length.
    printFigure(
      'load_light_p99',
      percentile(
        during.map((s) => (s.status === 200 ? s.ms : Math.max(s.ms, loadEnd - loadStart))),
        99,
      ),
      'ms',
    );
    printFigure('load_light_unanswered', during.filter((s) => s.status !== 200).length, 'count');
    // NaN: the light request was not fast again within the seconds after the load that were watched.
    printFigure('load_recovery', Math.max(0, recovered), 's');
  } finally {
    server.child.kill();
  }
}
