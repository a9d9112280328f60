/**
 * Done-when of issue 13: a sync killed mid-way (`kill -9` of the CLI process) resumes from the
 * stored position and ends with the same data as a sync that was never interrupted.
 */
import { SyncState } from '../../entities';
import { syncPvog } from '../../importers/sync/sync-jobs';
import { cliPrincipal } from '../../lib/principal';
import { createDataSource } from '../../ormconfig';
import { exited, spawnCli } from '../helpers/child-cli';
import { createCliDatabase, type CliDatabase } from '../helpers/cli';
import { createTestDatabase } from '../helpers/database';
import { startSourceServer, xzufiPages, type SourceServer } from '../helpers/source-server';
import { pvogHandler, PVOG_PATH, syncedData, syncTestConfig } from '../helpers/sync-fixtures';

const actor = { principal: cliPrincipal(), requestId: null };
// One block per page: Leistung, Leistung, Onlinedienst, Zuständigkeit, Organisationseinheit, …
const PAGES = xzufiPages('xzufi-2.2.0-transfer.xml', 1);

describe('an interrupted sync', () => {
  let server: SourceServer;
  let cliDb: CliDatabase;

  beforeAll(async () => {
    server = await startSourceServer(() => undefined);
    cliDb = await createCliDatabase();
  });
  afterAll(async () => {
    await server.close();
    await cliDb.cleanup();
  });

  it('killed with SIGKILL after three pages, resumes at the fourth and ends like an uninterrupted one', async () => {
    // The reference: one uninterrupted pass into a database of its own.
    const reference = await createTestDatabase();
    server.handle(pvogHandler(server, () => PAGES));
    await syncPvog(reference.dataSource, syncTestConfig(server), null, { actor });
    const expected = await syncedData(reference.dataSource);
    await reference.close();

    // The CLI asks for the fourth page only after the third one is committed and its position
    // stored; the server holds that request, and the test kills the process then.
    let fourth: () => void = () => undefined;
    const fourthRequested = new Promise<void>((resolve) => (fourth = resolve));
    server.handle(
      pvogHandler(
        server,
        () => PAGES,
        (_req, _res, page) => {
          if (page !== 3) return false;
          fourth();
          return true; // never answered
        },
      ),
    );
    const cfg = syncTestConfig(server);
    const { child, output } = spawnCli(['sync', 'pvog'], {
      DATABASE_URL: cliDb.url,
      PVOG_BASE_URL: cfg.sources!.pvog.baseUrl,
      PVOG_TOKEN_URL: cfg.sources!.pvog.tokenUrl,
      PVOG_CLIENT_ID: 'atlas',
      PVOG_CLIENT_SECRET: 'geheim',
      SOURCE_TIMEOUT_SECONDS: '600',
    });
    await Promise.race([
      fourthRequested,
      exited(child).then((e) => {
        throw new Error(`CLI ended early (${JSON.stringify(e)}): ${output()}`);
      }),
    ]);
    child.kill('SIGKILL');
    expect(await exited(child)).toEqual({ code: null, signal: 'SIGKILL' });

    const dataSource = createDataSource(cliDb.config);
    await dataSource.initialize();
    try {
      const state = await dataSource.getRepository(SyncState).findOneByOrFail({ source: 'pvog', scope: 'alle' });
      expect(state).toMatchObject({ status: 'running', nextIndex: 300, pagesDone: 3 });
      expect(state.importRunIds).toHaveLength(3);
      // What the pages before the kill brought is in; the Zuständigkeit of the fourth is not.
      const before = await syncedData(dataSource);
      expect(before.FimLeistung).toEqual(expected.FimLeistung);
      expect(before.FimOnlinedienst).toEqual(expected.FimOnlinedienst);
      expect(before.FimZustaendigkeit).toHaveLength(expected.FimZustaendigkeit.length - 1);

      server.handle(pvogHandler(server, () => PAGES));
      server.requests.length = 0;
      const resumed = await syncPvog(dataSource, syncTestConfig(server), null, { actor });
      expect(resumed.status).toBe('succeeded');
      expect(resumed.details).toMatchObject({ resumedFrom: 300, state: 'completed' });
      expect(server.requests.filter((r) => r.path === PVOG_PATH).map((r) => r.query.get('index'))).toEqual([
        '300',
        '400',
        '500',
        '600',
      ]);
      expect(await syncedData(dataSource)).toEqual(expected);
    } finally {
      await dataSource.destroy();
    }
  });
});
