/**
 * `sync pvog` against a local Bereitstelldienst answering with the real XZuFi fixture in four
 * pages: the whole pass, a page the server keeps failing (state `failed`, earlier pages kept,
 * resumed later), a garbled page the FIM importer rejects, and a repeated pass.
 */
import { ImportRun, SyncState } from '../../entities';
import { syncPvog } from '../../importers/sync/sync-jobs';
import { cliPrincipal } from '../../lib/principal';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { makeRegion } from '../helpers/factories';
import { sendJson, startSourceServer, xzufiPages, type SourceServer } from '../helpers/source-server';
import { pvogHandler, PVOG_PATH, syncedData, syncTestConfig } from '../helpers/sync-fixtures';

const actor = { principal: cliPrincipal(), requestId: null };
const PAGES = xzufiPages('xzufi-2.2.0-transfer.xml', 2);

/** A migrated database with the area the fixture's Onlinedienst is responsible for. */
async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await makeRegion(db.dataSource, '09162', { level: 'kreis', name: 'München, Stadt' });
  return db;
}

describe('sync pvog', () => {
  let server: SourceServer;
  let reference: Record<string, string[]>;

  beforeAll(async () => {
    server = await startSourceServer(() => undefined);
  });
  afterAll(() => server.close());

  const pvogIndexes = () =>
    server.requests.filter((r) => r.path === PVOG_PATH).map((r) => Number(r.query.get('index')));

  it('pages through the Bereitstelldienst and imports Leistungen, Onlinedienste and Zuständigkeiten', async () => {
    expect(PAGES).toHaveLength(4);
    const db = await freshDatabase();
    try {
      server.requests.length = 0;
      server.handle(pvogHandler(server, () => PAGES));
      const report = await syncPvog(db.dataSource, syncTestConfig(server), null, { actor });
      expect(report).toMatchObject({ kind: 'sync-pvog', status: 'succeeded', source: 'pvog alle' });
      expect(report.counts).toMatchObject({ pages: 4, pagesDone: 4 });
      expect(pvogIndexes()).toEqual([0, 100, 200, 300]);
      // One token for the whole pass.
      expect(server.requests.filter((r) => r.path.endsWith('/token'))).toHaveLength(1);

      const state = await db.dataSource.getRepository(SyncState).findOneByOrFail({ source: 'pvog', scope: 'alle' });
      expect(state).toMatchObject({ status: 'completed', pagesDone: 4, nextUrl: null, lastError: null });
      const runs = await db.dataSource.getRepository(ImportRun).find({ order: { id: 'ASC' } });
      expect(runs.map((r) => r.kind)).toEqual(['fim', 'fim', 'fim', 'fim', 'sync-pvog']);
      expect(state.importRunIds).toEqual(runs.slice(0, 4).map((r) => r.id));
      expect(runs[4].id).toBe(report.importRunId);

      reference = await syncedData(db.dataSource);
      expect(reference.FimLeistung).toHaveLength(2);
      expect(reference.FimOnlinedienst).toHaveLength(1);
      expect(reference.FimZustaendigkeit.length).toBeGreaterThanOrEqual(1);
      expect(reference.FimLeistung.join()).toContain('"typisierung":["5"]');
      // The Onlinedienst with its Zuständigkeit for 09162 is an offering of source fim there.
      expect(reference.Offering).toHaveLength(1);
      expect(reference.Offering[0]).toContain('"source":"fim"');
      expect(reference.Offering[0]).toContain('https://service.example.de/bewohnerparken');

      // A second pass starts afresh and finds nothing to change.
      const again = await syncPvog(db.dataSource, syncTestConfig(server), null, { actor });
      expect(again).toMatchObject({ status: 'succeeded', unchanged: true });
      expect(await syncedData(db.dataSource)).toEqual(reference);
    } finally {
      await db.close();
    }
  });

  it('stops at a page the server keeps failing, keeps what came before, and resumes there', async () => {
    const db = await freshDatabase();
    try {
      server.requests.length = 0;
      let broken = true;
      server.handle(
        pvogHandler(
          server,
          () => PAGES,
          (_req, res, page) => {
            if (!broken || page !== 2) return false;
            sendJson(res, 503, { error: 'Wartung' });
            return true;
          },
        ),
      );
      const config = syncTestConfig(server);
      const failed = await syncPvog(db.dataSource, config, null, { actor });
      expect(failed.status).toBe('rejected');
      expect(failed.problems[0]).toMatchObject({ severity: 'error', code: 'source-unavailable' });
      expect(failed.problems[0].detail).toMatch(/antwortet 503 \(nach 2 Versuchen\)/);
      const state = await db.dataSource.getRepository(SyncState).findOneByOrFail({ source: 'pvog' });
      expect(state).toMatchObject({ status: 'failed', nextIndex: 200, pagesDone: 2 });
      expect(state.lastError).toMatch(/503/);
      // The first two pages are in: both Leistungen.
      expect((await syncedData(db.dataSource)).FimLeistung).toHaveLength(2);

      broken = false;
      server.requests.length = 0;
      const resumed = await syncPvog(db.dataSource, config, null, { actor });
      expect(resumed).toMatchObject({ status: 'succeeded' });
      expect(resumed.details).toMatchObject({ resumedFrom: 200, state: 'completed' });
      expect(pvogIndexes()).toEqual([200, 300]);
      expect(await syncedData(db.dataSource)).toEqual(reference);
    } finally {
      await db.close();
    }
  });

  it('stops at a page the FIM importer rejects, writing nothing of it', async () => {
    const db = await freshDatabase();
    try {
      const garbled = [...PAGES];
      garbled[1] = PAGES[1].slice(0, PAGES[1].length / 2);
      server.handle(pvogHandler(server, () => garbled));
      const config = syncTestConfig(server);
      const failed = await syncPvog(db.dataSource, config, null, { actor });
      expect(failed.status).toBe('rejected');
      const state = await db.dataSource.getRepository(SyncState).findOneByOrFail({ source: 'pvog' });
      expect(state).toMatchObject({ status: 'failed', nextIndex: 100, pagesDone: 1 });
      expect(state.lastError).toMatch(/^Seite 100 abgelehnt \(Import-Lauf \d+\)/);
      expect((await syncedData(db.dataSource)).FimOnlinedienst).toHaveLength(0);

      server.handle(pvogHandler(server, () => PAGES));
      expect((await syncPvog(db.dataSource, config, null, { actor })).status).toBe('succeeded');
      expect(await syncedData(db.dataSource)).toEqual(reference);
    } finally {
      await db.close();
    }
  });

  it('stops when a page names itself as the next one instead of fetching it for ever', async () => {
    const db = await freshDatabase();
    try {
      server.handle(
        pvogHandler(
          server,
          () => PAGES,
          (req, res) => {
            sendJson(res, 200, {
              xzufiObjekte: PAGES[0],
              vollstaendig: false,
              naechsterIndex: 0,
              naechsteAnfrageUrl: `${server.url}${PVOG_PATH}?index=0`,
            });
            return req.path === PVOG_PATH;
          },
        ),
      );
      const report = await syncPvog(db.dataSource, syncTestConfig(server), null, { actor });
      expect(report.status).toBe('rejected');
      expect(report.problems.find((p) => p.severity === 'error')?.detail).toMatch(
        /nennt sich selbst als nächste Seite/,
      );
    } finally {
      await db.close();
    }
  });

  it('refuses to start without OAuth2 credentials', async () => {
    const db = await freshDatabase();
    try {
      const config = syncTestConfig(server, { PVOG_CLIENT_ID: '', PVOG_CLIENT_SECRET: '' });
      await expect(syncPvog(db.dataSource, config, null, { actor })).rejects.toThrow(
        /PVOG_CLIENT_ID und PVOG_CLIENT_SECRET setzen/,
      );
    } finally {
      await db.close();
    }
  });
});
