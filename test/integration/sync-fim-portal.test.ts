/**
 * `sync fim-portal` against a local FIM Portal: a Steckbrief delivered as a bare XZuFi
 * `leistung` (wrapped into a transfer message for the FIM importer), one delivered as a transfer
 * message, and a key the portal does not know. Also the scheduled run, once per fire time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config';
import { Leistung } from '../../entities';
import { importOzgCatalogue } from '../../importers/ozg/ozg.importer';
import { syncFimPortal } from '../../importers/sync/sync-jobs';
import { Job } from '../../entities/job.entity';
import { JobRunner } from '../../jobs/runner';
import { queueScheduledSync } from '../../jobs/scheduled-runs';
import { createLogger } from '../../lib/logger';
import { cliPrincipal } from '../../lib/principal';
import { createCliDatabase, runCli } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { sendJson, startSourceServer, type SourceServer } from '../helpers/source-server';
import { syncTestConfig } from '../helpers/sync-fixtures';

const actor = { principal: cliPrincipal(), requestId: null };
const FIXTURES = join(__dirname, '..', 'fixtures', 'xzufi');

/** The 2.3.1 fixture's Leistung as a document of its own, as a Steckbrief download. */
function bareLeistung(): string {
  const xml = readFileSync(join(FIXTURES, 'xzufi-2.3.1-transfer.xml'), 'utf8');
  const leistung = /<leistung\b[\s\S]*?<\/leistung>/.exec(xml)?.[0] ?? '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n${leistung.replace('<leistung', '<leistung xmlns="http://xoev.de/schemata/xzufi/2_3_1"')}\n`;
}

describe('sync fim-portal', () => {
  let server: SourceServer;
  let db: TestDatabase;

  beforeAll(async () => {
    server = await startSourceServer((req, res) => {
      const key = /^\/fim\/api\/v0\/leistung-steckbriefe\/(\d+)\/xzufi$/.exec(req.path)?.[1];
      const body =
        key === '99006053006000'
          ? bareLeistung()
          : key === '99108001001000'
            ? readFileSync(join(FIXTURES, 'xzufi-2.2.0-transfer.xml'), 'utf8')
            : null;
      if (body === null) return sendJson(res, 404, { detail: 'not found' });
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(body);
    });
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('fills in Typisierung, fee and Vertrauensniveau from the Steckbriefe; an unknown key is a warning', async () => {
    // Two Leistungen only the catalogue brought: `--missing` picks them.
    const catalogue = [
      { ozgid: 10300, ozg_bezeichnung: 'Mutterschutz', leika_key: '99006053006000', leika_name: 'Mutterschutz' },
      { ozgid: 10301, ozg_bezeichnung: 'Unbekannt', leika_key: '99999999999999', leika_name: 'Unbekannt' },
    ];
    const imported = await importOzgCatalogue(db.dataSource, {
      files: [{ name: 'katalog.json', buffer: Buffer.from(JSON.stringify(catalogue)) }],
      actor,
    });
    expect(imported.status).toBe('succeeded');
    server.requests.length = 0;
    const report = await syncFimPortal(db.dataSource, syncTestConfig(server), 'missing', { actor });
    expect(report).toMatchObject({ kind: 'sync-fim-portal', status: 'succeeded' });
    // Both Steckbriefe in one batch: one page, one FIM run.
    expect(report.counts).toMatchObject({ pages: 1, pagesDone: 1, pagesTotal: 1 });
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        code: 'empty-page',
        detail: expect.stringMatching(/kennt den Leistungsschlüssel 99999999999999 nicht/),
      }),
    );
    expect(server.requests.map((r) => r.path.split('/')[5])).toEqual(['99006053006000', '99999999999999']);

    const explicit = await syncFimPortal(db.dataSource, syncTestConfig(server), ['99108001001000'], { actor });
    expect(explicit).toMatchObject({ status: 'succeeded', source: 'fim-portal leistungen=99108001001000' });
    const leistung = (key: string) => db.dataSource.getRepository(Leistung).findOneByOrFail({ schluessel: key });
    expect(await leistung('99006053006000')).toMatchObject({
      typisierung: '1',
      vertrauensniveau: '30',
      feeBearing: false,
    });
    expect(await leistung('99050012104000')).toMatchObject({
      typisierung: '2/3',
      vertrauensniveau: '30',
      feeBearing: true,
    });
    expect(await leistung('99108001001000')).toMatchObject({ typisierung: '5' });
  });

  it('refuses a key that is not 14 digits', async () => {
    await expect(syncFimPortal(db.dataSource, syncTestConfig(server), ['9910800'], { actor })).rejects.toThrow(
      /Kein gültiger Leistungsschlüssel \(14 Ziffern\): 9910800/,
    );
  });

  it('runs a scheduled sync once per fire time, however many instances fire', async () => {
    const config = syncTestConfig(server, {
      SYNC_SCHEDULE_FIM_PORTAL: '0 3 * * *',
      SYNC_FIM_PORTAL_LEISTUNGEN: '99006053006000',
    });
    const [schedule] = config.sources!.schedules;
    expect(schedule).toEqual({ source: 'fim-portal', cron: '0 3 * * *', scope: ['99006053006000'] });
    const logger = createLogger('silent');
    const fire = new Date('2026-12-08T03:00:00Z');
    server.requests.length = 0;
    // The timer queues the run once per fire time; the job runner runs it.
    const runner = new JobRunner({ dataSource: db.dataSource, config, logger }, { pollMs: null });
    const runScheduledSync = async (at: Date) => {
      const job = await queueScheduledSync(db.dataSource, schedule, at);
      runner.wake();
      await runner.idle();
      return job ? 'ran' : 'skipped';
    };
    expect(await runScheduledSync(fire)).toBe('ran');
    expect(await runScheduledSync(fire)).toBe('skipped');
    expect(server.requests).toHaveLength(1);
    expect(await runScheduledSync(new Date('2026-12-09T03:00:00Z'))).toBe('ran');
    expect(server.requests).toHaveLength(2);
    const runs = await db.dataSource
      .getRepository(Job)
      .find({ where: { kind: 'sync.fim-portal' }, order: { id: 'ASC' } });
    expect(runs.map((j) => [j.onceKey, j.status])).toEqual([
      ['sync.fim-portal@2026-12-08T03:00:00.000Z', 'succeeded'],
      ['sync.fim-portal@2026-12-09T03:00:00.000Z', 'succeeded'],
    ]);
  });

  it('names a bad cron expression or a schedule without scope in the configuration error', () => {
    let error: unknown;
    try {
      loadConfig({ SYNC_SCHEDULE_DASHBOARD: 'every night', SYNC_SCHEDULE_FIM_PORTAL: '0 4 * * *' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SYNC_SCHEDULE_DASHBOARD: "every night" ist kein gültiger Cron-Ausdruck/);
    expect(problems).toMatch(/SYNC_FIM_PORTAL_LEISTUNGEN: für SYNC_SCHEDULE_FIM_PORTAL die Leistungsschlüssel angeben/);
    const ok = loadConfig({ SYNC_SCHEDULE_DASHBOARD: '0 3 * * *', SYNC_DASHBOARD_ARS: '16,09' });
    expect(ok.sources?.schedules).toEqual([{ source: 'dashboard', cron: '0 3 * * *', scope: ['16', '09'] }]);
    expect(ok.sources?.dashboard.baseUrl).toBe('https://dashboard-daten.digitale-verwaltung.de/api');
  });

  it('runs from the command line and shows where each sync stands', async () => {
    const cliDb = await createCliDatabase();
    const previous = process.env.FIM_PORTAL_BASE_URL;
    process.env.FIM_PORTAL_BASE_URL = `${server.url}/fim`;
    try {
      const run = await runCli(cliDb.url, ['sync', 'fim-portal', '--leistung', '99006053006000', '99999999999999']);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(
        /^Import sync-fim-portal aus fim-portal leistungen=99006053006000,99999999999999: geschrieben/m,
      );
      expect(run.stdout).toMatch(/Hinweis \(Seite 0: FIM-Portal 99999999999999\.xml\): Das FIM-Portal kennt/);
      const status = await runCli(cliDb.url, ['sync', 'status']);
      expect(status.stdout).toMatch(
        /^fim-portal leistungen=99006053006000,99999999999999: fertig, 1\/1 Seiten, zuletzt /m,
      );
    } finally {
      if (previous === undefined) delete process.env.FIM_PORTAL_BASE_URL;
      else process.env.FIM_PORTAL_BASE_URL = previous;
      await cliDb.cleanup();
    }
  });
});
