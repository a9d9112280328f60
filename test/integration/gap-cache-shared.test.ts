/**
 * One gap report cache for the API and the pages (issue 15): a report the API computed is the
 * one the OZG page then shows (same computation time), and the CLI's `report gaps` gives the
 * same numbers through a cache of its own run.
 */
import pino from 'pino';
import request from 'supertest';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { GapReportCache } from '../../reports/gaps/cache';
import { createApp } from '../../server/app';
import { gapReportCacheFor } from '../../server/compute/gap-report-cache';
import type { AppDeps } from '../../server/deps';
import { inTransaction } from '../../entities/transaction';
import { createApiToken } from '../../services/token.service';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { buildOzgUiWorld } from '../helpers/ozg-ui-world';
import { testConfig } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

/** Waits until the clock has moved past `ms`, so anything computed later carries a later time. */
async function pastMillisecond(ms: number): Promise<void> {
  while (Date.now() <= ms) await new Promise((resolve) => setImmediate(resolve));
}

describe('the gap report cache shared by API and pages', () => {
  let db: TestDatabase;
  let deps: AppDeps;

  beforeAll(async () => {
    db = await createTestDatabase();
    await buildOzgUiWorld(db.dataSource);
    await makeUser(db.dataSource, 'leser', 'reader');
    deps = {
      config: testConfig({ database: db.config }),
      db: db.db,
      logger: pino({ level: 'silent' }),
      validateResponses: true,
    };
  });
  afterAll(() => db.close());

  it('shows on the page the report the API computed, and the API reuses it in every format', async () => {
    const app = createApp(deps);
    const { token } = await inTransaction(db.dataSource, (tx) =>
      createApiToken(tx, { name: 'cache-reader', role: 'reader', scopes: [] }),
    );
    const api = await request(app).get('/api/reports/gaps?area=de').set('Authorization', `Bearer ${token}`);
    expect(api.status).toBe(200);
    const computedBy = Date.now();
    await pastMillisecond(computedBy);

    const cached = await gapReportCacheFor(deps).get(db.dataSource.manager, 'DE', DEFAULT_TARGET, {});
    expect(cached.computedAt.getTime()).toBeLessThanOrEqual(computedBy);
    expect(api.body).toEqual(JSON.parse(JSON.stringify(cached.report)));

    const agent = await signedInAgent(app, 'leser');
    const page = await agent.get('/gebiete/DE/ozg');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<time datetime="${cached.computedAt.toISOString()}">`);

    const csv = await request(app).get('/api/reports/gaps?area=DE&format=csv').set('Authorization', `Bearer ${token}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Personalausweis');
    expect((await gapReportCacheFor(deps).get(db.dataSource.manager, 'de', DEFAULT_TARGET, {})).computedAt).toBe(
      cached.computedAt,
    );
  });

  it('builds in this thread when no builder is given (the CLI cache of its run)', async () => {
    const own = await new GapReportCache().get(db.dataSource.manager, 'DE', DEFAULT_TARGET, {});
    const app = (await gapReportCacheFor(deps).get(db.dataSource.manager, 'DE', DEFAULT_TARGET, {})).report;
    expect(own.report.totals).toEqual(app.totals);
    expect(own.report).not.toBe(app);
  });
});
