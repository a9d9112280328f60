/**
 * Overload protection (issue 12, findings 11 and 12): a bound on concurrent heavy work with a
 * queue and 503 + Retry-After beyond it, queued clients that disconnect are dropped, and
 * concurrent identical gap reports are computed once. A deliberately slow heavy route (held
 * at a gate the test opens) shares the app's admission, so nothing depends on timing.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Config } from '../../config';
import { inTransaction } from '../../entities/transaction';
import { createApp } from '../../server/app';
import type { AppDeps } from '../../server/deps';
import { admissionFor } from '../../server/http/admission';
import { reportFlightFor } from '../../server/http/report-flight';
import { defineRoute, registerRoutes } from '../../server/http/route';
import { SYSTEM_PRINCIPAL } from '../../lib/principal';
import { recordAudit } from '../../services/audit.service';
import { createApiToken } from '../../services/token.service';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { buildWorld } from '../helpers/ozg-world';
import { testConfig } from '../helpers/test-app';

/** A gate the slow route waits at until the test opens it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('overload protection', () => {
  let db: TestDatabase;
  let deps: AppDeps;
  let server: Server;
  let base: string;
  let reader: string;
  let held = gate();
  let slowRuns = 0;

  async function start(heavy: NonNullable<Config['heavy']>): Promise<void> {
    deps = {
      config: testConfig({ database: db.config, heavy }),
      db: db.db,
      logger: pino({ level: 'silent' }),
    };
    const slow = defineRoute({
      method: 'get',
      path: '/api/test/slow',
      operationId: 'slow',
      summary: 'test',
      tags: [],
      access: 'public',
      heavy: true,
      responses: { 200: { description: 'ok' } },
      handler: async ({ res }) => {
        slowRuns += 1;
        await held.wait;
        res.json({ ok: true });
      },
    });
    const outer = express();
    const router = express.Router();
    registerRoutes(router, [slow], deps);
    outer.use(router);
    outer.use(createApp(deps));
    server = await new Promise<Server>((resolve) => {
      const s = outer.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await buildWorld(db.dataSource);
    const { token } = await inTransaction(db.dataSource, (tx) =>
      createApiToken(tx, { name: 'overload-reader', role: 'reader', scopes: [] }),
    );
    reader = `Bearer ${token}`;
  });
  afterAll(() => db.close());

  beforeEach(() => {
    held = gate();
    slowRuns = 0;
  });
  afterEach(async () => {
    held.open();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('admits N, queues M and answers 503 with Retry-After beyond, as problem+json and as a German page', async () => {
    await start({ concurrency: 1, queue: 1, maxWaitMs: 60_000 });
    const admission = admissionFor(deps);
    const first = fetch(`${base}/api/test/slow`);
    await until(() => admission.stats().running === 1);
    const second = fetch(`${base}/api/test/slow`);
    await until(() => admission.stats().waiting === 1);

    const refused = await fetch(`${base}/api/reports/landscape?area=09`, { headers: { Authorization: reader } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { detail: string; title: string };
    expect(body.title).toBe('Dienst nicht verfügbar');
    expect(body.detail).toMatch(/ausgelastet.*HEAVY_CONCURRENCY.*HEAVY_QUEUE/);

    const page = await fetch(`${base}/gebiete/09`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await page.text()).toContain('Gerade ausgelastet');

    // Light requests are not bounded.
    expect((await fetch(`${base}/api/regions/09`, { headers: { Authorization: reader } })).status).toBe(200);

    held.open();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(slowRuns).toBe(2);
    expect(admission.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it('answers 503 when a queued request waited longer than HEAVY_QUEUE_WAIT_SECONDS', async () => {
    await start({ concurrency: 1, queue: 5, maxWaitMs: 1 });
    const admission = admissionFor(deps);
    const first = fetch(`${base}/api/test/slow`);
    await until(() => admission.stats().running === 1);
    const waited = await fetch(`${base}/api/test/slow`);
    expect(waited.status).toBe(503);
    expect(((await waited.json()) as { detail: string }).detail).toMatch(/HEAVY_QUEUE_WAIT_SECONDS/);
    held.open();
    expect((await first).status).toBe(200);
    expect(slowRuns).toBe(1);
  });

  it('drops a queued client that disconnects: it never runs and its place is free again', async () => {
    await start({ concurrency: 1, queue: 1, maxWaitMs: 60_000 });
    const admission = admissionFor(deps);
    const first = fetch(`${base}/api/test/slow`);
    await until(() => admission.stats().running === 1);
    const gone = new AbortController();
    const leaving = fetch(`${base}/api/test/slow`, { signal: gone.signal }).catch((error: unknown) => error);
    await until(() => admission.stats().waiting === 1);
    gone.abort();
    expect((await leaving) as Error).toHaveProperty('name', 'AbortError');
    await until(() => admission.stats().waiting === 0);

    const next = fetch(`${base}/api/test/slow`); // takes the freed place instead of a 503
    await until(() => admission.stats().waiting === 1);
    held.open();
    expect((await first).status).toBe(200);
    expect((await next).status).toBe(200);
    expect(slowRuns).toBe(2); // the first and the next; the one that left never ran
  });

  it('computes concurrent identical gap reports once and gives every client the same report', async () => {
    await start({ concurrency: 1, queue: 10, maxWaitMs: 60_000 });
    const admission = admissionFor(deps);
    const flight = reportFlightFor(deps);
    const blocker = fetch(`${base}/api/test/slow`);
    await until(() => admission.stats().running === 1);
    const url = `${base}/api/reports/gaps?area=09&target=RGM-1.1:3`;
    const requests = Array.from({ length: 6 }, () => fetch(url, { headers: { Authorization: reader } }));
    // All six wait for one computation, which waits for one slot.
    await until(() => flight.stats().waiters === 6);
    expect(flight.stats().flights).toBe(1);
    expect(admission.stats().waiting).toBe(1);
    held.open();
    const responses = await Promise.all(requests);
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(bodies).size).toBe(1);
    expect((JSON.parse(bodies[0]) as { totals: { relevant: number } }).totals.relevant).toBe(3);
    expect(flight.computations()).toBe(1);
    await blocker;

    // Afterwards the finished report is reused at the same data version ...
    expect(await (await fetch(url, { headers: { Authorization: reader } })).text()).toBe(bodies[0]);
    expect(flight.computations()).toBe(1);
    // ... and a write (any audited change) makes the next request compute afresh.
    await inTransaction(db.dataSource, (tx) =>
      recordAudit(
        tx,
        { principal: SYSTEM_PRINCIPAL, requestId: null },
        { action: 'test.changed', entityType: 'test', entityKey: 'x' },
      ),
    );
    expect((await fetch(url, { headers: { Authorization: reader } })).status).toBe(200);
    expect(flight.computations()).toBe(2);
  });

  it('drops a shared computation when every client waiting for it has gone', async () => {
    await start({ concurrency: 1, queue: 10, maxWaitMs: 60_000 });
    const admission = admissionFor(deps);
    const flight = reportFlightFor(deps);
    const blocker = fetch(`${base}/api/test/slow`);
    await until(() => admission.stats().running === 1);
    const gone = new AbortController();
    const url = `${base}/api/reports/opportunities?area=09`;
    const leaving = Array.from({ length: 3 }, () =>
      fetch(url, { headers: { Authorization: reader }, signal: gone.signal }).catch((error: unknown) => error),
    );
    await until(() => flight.stats().waiters === 3);
    gone.abort();
    await Promise.all(leaving);
    await until(() => admission.stats().waiting === 0 && flight.stats().flights === 0);
    held.open();
    expect((await blocker).status).toBe(200);
    expect(flight.computations()).toBe(0);
  });
});
