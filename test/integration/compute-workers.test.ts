/**
 * Compute workers (issue 12): reports and the area page are computed in worker threads, each
 * with its own connection to the same database, so the main thread keeps answering light
 * requests. What a worker sends must be exactly what the main thread would have sent, errors
 * included. SQLite needs a database file here (an in-memory database lives in one connection).
 */
import type { Express } from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../entities/transaction';
import { createDataSource } from '../../ormconfig';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { buildGapReport } from '../../reports/gaps/report';
import { listSnapshots } from '../../reports/gaps/snapshots';
import { createApp } from '../../server/app';
import { Database } from '../../entities/database';
import { JobRunner } from '../../jobs/runner';
import { queueMonthlySnapshots } from '../../jobs/scheduled-runs';
import { snapshotBuilder } from '../../server/background-jobs';
import { computeFor } from '../../server/compute/runner';
import type { AppDeps } from '../../server/deps';
import { createApiToken } from '../../services/token.service';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/database';
import { buildWorld } from '../helpers/ozg-world';
import { testConfig } from '../helpers/test-app';

/** Timestamps of generation differ between two computations; everything else must not. */
describe('compute workers', () => {
  let dir: string | undefined;
  let db: TestDatabase | undefined;
  let dataSource: DataSource;
  let workers: AppDeps;
  let inline: AppDeps;
  let withWorkers: Express;
  let withoutWorkers: Express;
  let auth: string;

  beforeAll(async () => {
    if (testDatabaseKind() === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'atlas-compute-'));
      dataSource = createDataSource({ type: 'sqlite', path: join(dir, 'atlas.sqlite') });
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
    } else {
      db = await createTestDatabase();
      dataSource = db.dataSource;
    }
    await buildWorld(dataSource);
    const logger = pino({ level: 'silent' });
    workers = { config: testConfig({ compute: { workers: 1, memoryMb: 512 } }), db: Database.of(dataSource), logger };
    inline = { config: testConfig(), db: Database.of(dataSource), logger };
    withWorkers = createApp(workers);
    withoutWorkers = createApp(inline);
    const { token } = await inTransaction(dataSource, (tx) =>
      createApiToken(tx, { name: 'r', role: 'reader', scopes: [] }),
    );
    auth = `Bearer ${token}`;
  }, 60_000);

  afterAll(async () => {
    if (workers) await computeFor(workers).close();
    if (db) await db.close();
    else await dataSource.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs in workers when configured and the database can be shared', () => {
    expect(computeFor(workers).mode).toBe('workers');
    expect(computeFor(inline).mode).toBe('inline');
  });

  it.each([
    ['/api/reports/gaps?area=09&target=RGM-1.1:3', 'application/json'],
    ['/api/reports/opportunities?area=09', 'application/json'],
    ['/api/reports/landscape?area=09184', 'application/json'],
    ['/api/reports/benchmark?area=09', 'application/json'],
    ['/api/reports/attainable?ags=09184001', 'application/json'],
    ['/api/reports/gaps?area=09&format=csv', 'text/csv'],
  ])(
    'sends the same bytes from a worker as from the main thread: %s',
    async (url, type) => {
      const fromWorker = await request(withWorkers).get(url).set('Authorization', auth).buffer(true);
      const fromMain = await request(withoutWorkers).get(url).set('Authorization', auth).buffer(true);
      expect(fromWorker.status).toBe(200);
      expect(fromWorker.headers['content-type']).toContain(type);
      expect(fromWorker.text.length).toBeGreaterThan(50);
      // The same report apart from the moment it was generated.
      const timeless = (text: string) => text.replace(/"(generatedAt|staleBefore)":"[^"]+"/g, '"$1":"…"');
      expect(timeless(fromWorker.text)).toBe(timeless(fromMain.text));
    },
    60_000,
  );

  it('answers a report error raised in a worker as problem details', async () => {
    const res = await request(withWorkers).get('/api/reports/gaps?area=08').set('Authorization', auth);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/08/);
  }, 60_000);

  it('renders the area page in a worker', async () => {
    const res = await request(withWorkers).get('/gebiete/09184');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('München');
    const missing = await request(withWorkers).get('/gebiete/08');
    expect(missing.status).toBe(404);
  }, 60_000);

  it('takes the monthly snapshots with their gap reports computed in a worker', async () => {
    const inWorker = snapshotBuilder(computeFor(workers));
    const runner = new JobRunner(
      { dataSource, config: workers.config, logger: workers.logger, buildGapReport: inWorker },
      { pollMs: null },
    );
    expect(await queueMonthlySnapshots(dataSource)).not.toBeNull();
    runner.wake();
    await runner.idle();
    // Land 09, the Kreise 09162 and 09184, and Germany.
    const rows = await dataSource.query('SELECT "area_key" AS "key" FROM "gap_snapshots" ORDER BY "area_key"');
    expect(rows.map((r: { key: string }) => r.key)).toEqual(['09', '09162', '09184', 'DE']);
    const [land] = await listSnapshots(dataSource.manager, '09', DEFAULT_TARGET);
    const report = await buildGapReport(dataSource.manager, '09', { target: DEFAULT_TARGET });
    expect(land.totals.relevant).toBe(report.totals.relevant);
  }, 60_000);

  it('draws the SVG download of a map in a worker, the same as in the main thread', async () => {
    const request = { key: '09184', choice: {} };
    const fromWorker = await computeFor(workers).run('map-file', request);
    const fromMain = await computeFor(inline).run('map-file', request);
    const text = Buffer.from(fromWorker.body).toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('GeoBasis-DE / BKG');
    expect(fromWorker.fileName).toBe(fromMain.fileName);
    expect(text).toBe(Buffer.from(fromMain.body).toString('utf8'));
  }, 60_000);
});
