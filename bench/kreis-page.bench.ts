import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../entities/transaction';
import { loadDemoData } from '../importers/demo/demo.writer';
import { ensureReferenceData } from '../importers/reference-data';
import { SYSTEM_PRINCIPAL } from '../lib/principal';
import { createDataSource } from '../ormconfig';
import { createUser } from '../services/user.service';
import { median, printFigure, timed } from './figures';

const WARM_UP = 2;
const RUNS = 9;
const PASSWORD = 'bench-passwort-lang-genug';

/** The Kreis with the most current Gemeinden (the largest matrix a Kreis page shows). */
async function largestKreis(dataSource: DataSource): Promise<{ key: string; landKey: string; gemeinden: number }> {
  const [row] = await dataSource.query(
    `SELECT kreis_key AS "key", land_key AS "landKey", COUNT(*) AS n FROM regions
      WHERE level = 'gemeinde' AND is_current = ${dataSource.options.type === 'postgres' ? 'true' : '1'}
        AND is_unincorporated = ${dataSource.options.type === 'postgres' ? 'false' : '0'} AND kreis_key IS NOT NULL
      GROUP BY kreis_key, land_key ORDER BY n DESC, kreis_key LIMIT 1`,
  );
  return { key: row.key, landKey: row.landKey, gemeinden: Number(row.n) };
}

/** The real service as a child process on the bench database (`servers/api-server.ts`). */
function startServer(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'servers', 'api-server.js'), [], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
      stdio: 'inherit',
    });
    child.once('message', (message: { port: number }) => resolve({ child, port: message.port }));
    child.once('exit', (code) => reject(new Error(`api-server exited with ${code}`)));
  });
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Signs the bench user in through the login form, as a browser would; returns the session cookie. */
async function signIn(base: string): Promise<string> {
  const form = await fetch(`${base}/anmeldung`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/anmeldung`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieOf(form) },
    body: new URLSearchParams({ _csrf: csrf, benutzername: 'bench', passwort: PASSWORD }).toString(),
  });
  if (res.status !== 303) throw new Error(`bench login failed: ${res.status}`);
  return cookieOf(res);
}

/**
 * The Kreis page (`/gebiete/{kreis}`) for the Kreis with the most Gemeinden, signed in, on the
 * embedded database with the shipped Gemeindeverzeichnis and demo data for the Kreis's Land:
 * the median of several full renders (all three reports and the HTML) over HTTP on loopback,
 * with the real service in a child process. Target: under 300 ms. Prints `kreis_page_ms`, the
 * page size and the number of Gemeinden.
 *
 * Pass a prepared SQLite `dataSource` (regions and a landscape loaded) to reuse another bench's data.
 */
export async function runKreisPageBench(options: { dataSource?: DataSource } = {}): Promise<void> {
  const dir = options.dataSource ? null : mkdtempSync(join(tmpdir(), 'atlas-bench-kreis-page-'));
  const dataSource =
    options.dataSource ?? createDataSource({ type: 'sqlite', path: join(dir as string, 'atlas.sqlite') });
  try {
    if (!options.dataSource) {
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      await ensureReferenceData(dataSource, { info: () => undefined });
    }
    const kreis = await largestKreis(dataSource);
    if (!options.dataSource) {
      await loadDemoData(dataSource, {
        land: kreis.landKey,
        seed: 1,
        actor: { principal: SYSTEM_PRINCIPAL, requestId: null },
      });
    }
    await inTransaction(dataSource, (tx) =>
      createUser(
        tx,
        { userName: 'bench', password: PASSWORD, role: 'reader', scopes: [] },
        { principal: SYSTEM_PRINCIPAL, requestId: null },
      ),
    ).catch(() => undefined);
    const databaseUrl = `sqlite:${(dataSource.options as { database: string }).database}`;
    const { child, port } = await startServer(databaseUrl);
    try {
      const base = `http://127.0.0.1:${port}`;
      const cookie = await signIn(base);
      const url = `${base}/gebiete/${kreis.key}`;
      let bytes = 0;
      const times: number[] = [];
      for (let i = 0; i < WARM_UP + RUNS; i += 1) {
        const { result, ms } = await timed(async () => {
          const res = await fetch(url, { headers: { Cookie: cookie } });
          return { status: res.status, text: await res.text() };
        });
        if (result.status !== 200 || !result.text.includes('class="matrix"'))
          throw new Error(`${url} answered ${result.status}`);
        bytes = Buffer.byteLength(result.text);
        if (i >= WARM_UP) times.push(ms);
      }
      printFigure('kreis_page_ms', median(times), 'ms');
      printFigure('kreis_page_kb', bytes / 1024, 'KiB');
    } finally {
      child.kill();
    }
    printFigure('kreis_page_gemeinden', kreis.gemeinden, 'count');
  } finally {
    if (!options.dataSource) {
      await dataSource.destroy();
      rmSync(dir as string, { recursive: true, force: true });
    }
  }
}

if (require.main === module) {
  runKreisPageBench().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
}
