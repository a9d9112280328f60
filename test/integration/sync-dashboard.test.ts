/**
 * `sync dashboard` against a local dashboard data API answering Spring pages built from the
 * published field list (bundesAPI/digitale-verwaltung-api): each page goes as delivered to the
 * offerings importer; 429 with Retry-After and a 500 are retried; a page that stays garbled
 * stops the sync at that page, and the next run resumes there.
 */
import { Offering, SyncState } from '../../entities';
import { importOzgCatalogue } from '../../importers/ozg/ozg.importer';
import { dashboardAreas, syncDashboard } from '../../importers/sync/sync-jobs';
import { cliPrincipal } from '../../lib/principal';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { makeRegion } from '../helpers/factories';
import { sendJson, springPage, startSourceServer, type SourceServer } from '../helpers/source-server';
import { syncTestConfig } from '../helpers/sync-fixtures';

const actor = { principal: cliPrincipal(), requestId: null };
const PERSONALAUSWEIS = '99008001000000';
const HUNDESTEUER = '99123001000000';

/** A record with every published field. */
function record(ars: string, arsName: string, key: string, extra: Record<string, unknown>) {
  return {
    leika_key: key,
    leika_name: key === PERSONALAUSWEIS ? 'Personalausweis' : 'Hundesteuer',
    leika_bezeichnung: key === PERSONALAUSWEIS ? 'Personalausweis Ausstellung' : 'Hundesteuer Anmeldung',
    ars,
    ars_name: arsName,
    ars_federal_state: ars.slice(0, 2),
    bundesland: 'Bayern',
    ozgid: key === PERSONALAUSWEIS ? 10119 : 10160,
    ozg_bezeichnung: key === PERSONALAUSWEIS ? 'Personalausweis' : 'Hundehaltung',
    url: `https://example.bayern/${ars}/${key}`,
    online_status: 'ok',
    aktiv: 'ja',
    art_flaechendeckung: 'landesweit flächendeckend',
    ...extra,
  };
}

const RECORDS = [
  record('090000000000', 'Bayern', PERSONALAUSWEIS, {}),
  record('090000000000', 'Bayern', HUNDESTEUER, { online_status: 'nicht ok' }),
  record('091840000000', 'München', PERSONALAUSWEIS, { art_flaechendeckung: 'kreisweit flächendeckend' }),
  record('091840119119', 'Unterschleißheim', HUNDESTEUER, { art_flaechendeckung: 'in mind. einer Kommune verfügbar' }),
  record('091840119119', 'Unterschleißheim', PERSONALAUSWEIS, { art_flaechendeckung: 'bundesweit flächendeckend' }),
];

describe('sync dashboard', () => {
  let server: SourceServer;
  let db: TestDatabase;

  beforeAll(async () => {
    server = await startSourceServer(() => undefined);
    db = await createTestDatabase();
    await makeRegion(db.dataSource, '09', { level: 'land', name: 'Bayern' });
    await makeRegion(db.dataSource, '09184', { level: 'kreis', name: 'München, Landkreis' });
    await makeRegion(db.dataSource, '09184119', {
      name: 'Unterschleißheim',
      ars: '091840119119',
      verbandKey: '091840119',
    });
    const catalogue = [
      {
        ozgid: 10119,
        ozg_bezeichnung: 'Personalausweis',
        leika_key: PERSONALAUSWEIS,
        leika_name: 'Personalausweis',
        leika_typ: '2/3',
      },
      {
        ozgid: 10160,
        ozg_bezeichnung: 'Hundehaltung',
        leika_key: HUNDESTEUER,
        leika_name: 'Hundesteuer',
        leika_typ: '5',
      },
    ];
    const report = await importOzgCatalogue(db.dataSource, {
      files: [{ name: 'katalog.json', buffer: Buffer.from(JSON.stringify(catalogue)) }],
      actor,
    });
    expect(report.status).toBe('succeeded');
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  /** Serves RECORDS in pages of `size`; `inject` may answer the n-th request itself. */
  function serve(inject: (n: number, page: number, res: import('node:http').ServerResponse) => boolean = () => false) {
    let n = 0;
    server.requests.length = 0;
    server.handle((req, res) => {
      if (req.path !== '/dashboard/api/v1/data/090000000000') return sendJson(res, 404, {});
      const page = Number(req.query.get('page'));
      const size = Number(req.query.get('size'));
      if (inject(++n, page, res)) return;
      sendJson(res, 200, springPage(RECORDS.slice(page * size, (page + 1) * size), page, size, RECORDS.length));
    });
  }

  it('names the 16 Länder for --all and pads short keys', () => {
    expect(dashboardAreas('all')).toHaveLength(16);
    expect(dashboardAreas(['16', '09184', '091840119119'])).toEqual(['160000000000', '091840000000', '091840119119']);
    expect(() => dashboardAreas(['09184119'])).toThrow(/Kein Regionalschlüssel/);
  });

  it('imports every page as delivered, retrying a 429 (Retry-After) and a 500', async () => {
    serve((n, _page, res) => {
      if (n === 2) sendJson(res, 429, { error: 'Too Many Requests' }, { 'retry-after': '1' });
      else if (n === 4) sendJson(res, 500, { error: 'Internal Server Error' });
      else return false;
      return true;
    });
    const config = syncTestConfig(server, { DASHBOARD_PAGE_SIZE: '2', SOURCE_MAX_ATTEMPTS: '3' });
    const [report] = await syncDashboard(db.dataSource, config, ['09'], { actor });
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report).toMatchObject({ kind: 'sync-dashboard', status: 'succeeded', source: 'dashboard ars=090000000000' });
    expect(report.counts).toMatchObject({ pages: 3, pagesDone: 3, pagesTotal: 3 });
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['0', '1', '1', '2', '2']);
    expect(server.requests[0].query.toString()).toBe('page=0&size=2&includeAbove=false&includeBelow=true');
    const offerings = await db.dataSource.getRepository(Offering).findBy({ source: 'dashboard' });
    expect(offerings).toHaveLength(5);
    const state = await db.dataSource.getRepository(SyncState).findOneByOrFail({ source: 'dashboard' });
    expect(state).toMatchObject({ status: 'completed', scope: 'ars=090000000000', pagesDone: 3 });
  });

  it('stops at a page that stays garbled and resumes there; the pages before stay', async () => {
    serve((_n, page, res) => {
      if (page !== 1) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"content":[{"leika_key":"9900800');
      return true;
    });
    const config = syncTestConfig(server, { DASHBOARD_PAGE_SIZE: '2' });
    const [failed] = await syncDashboard(db.dataSource, config, ['09'], { actor, restart: true });
    expect(failed.status).toBe('rejected');
    const errors = failed.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'source-payload' });
    expect(errors[0].detail).toMatch(/keine vollständige Seite: kein gültiges JSON \(nach 2 Versuchen\)/);
    const state = await db.dataSource.getRepository(SyncState).findOneByOrFail({ source: 'dashboard' });
    expect(state).toMatchObject({ status: 'failed', nextIndex: 1, pagesDone: 1 });

    serve();
    const [resumed] = await syncDashboard(db.dataSource, config, ['09'], { actor });
    expect(resumed).toMatchObject({ status: 'succeeded', unchanged: true });
    expect(resumed.details).toMatchObject({ resumedFrom: 1, state: 'completed' });
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2']);
    expect(await db.dataSource.getRepository(Offering).countBy({ source: 'dashboard' })).toBe(5);
  });
});
