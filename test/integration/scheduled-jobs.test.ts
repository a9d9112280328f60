/**
 * The scheduled syncs and the monthly snapshots as jobs of the one runner (issue 15): the
 * timers only queue, once per cluster and fire time, and the runner runs the job — also after
 * a restart between queuing and running.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { Leistung, SyncState } from '../../entities';
import { Job } from '../../entities/job.entity';
import { claimNextJob, queueJob } from '../../jobs/job-store';
import type { JobKind } from '../../jobs/kinds';
import { JobRunner } from '../../jobs/runner';
import { queueMonthlySnapshots, queueScheduledSync } from '../../jobs/scheduled-runs';
import { createDataSource } from '../../ormconfig';
import { startBackgroundJobs } from '../../server/background-jobs';
import { createCliDatabase, runCli, type CliDatabase } from '../helpers/cli';
import { buildWorld } from '../helpers/ozg-world';
import { startSourceServer, type SourceServer } from '../helpers/source-server';
import { syncTestConfig } from '../helpers/sync-fixtures';

const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });
const FIXTURES = join(__dirname, '..', 'fixtures', 'xzufi');
const KEY = '99108001001000';

/** An instance of the service on the shared database: its own data source. */
async function openInstance(db: CliDatabase, migrate = false): Promise<DataSource> {
  const dataSource = createDataSource(db.config);
  await dataSource.initialize();
  if (migrate) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

describe('scheduled syncs and snapshots as jobs', () => {
  let server: SourceServer;
  let db: CliDatabase;
  let first: DataSource;
  let second: DataSource | undefined;

  beforeAll(async () => {
    // The FIM Portal: the Steckbrief of one Leistung.
    server = await startSourceServer((req, res) => {
      const key = /^\/fim\/api\/v0\/leistung-steckbriefe\/(\d+)\/xzufi$/.exec(req.path)?.[1];
      if (key !== KEY) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(readFileSync(join(FIXTURES, 'xzufi-2.2.0-transfer.xml'), 'utf8'));
    });
  });
  afterAll(() => server.close());

  beforeEach(async () => {
    db = await createCliDatabase();
    first = await openInstance(db, true);
    // A second instance of the cluster; SQLite has one process: its second timer shares the file.
    second = db.config.type === 'postgres' ? await openInstance(db) : undefined;
  });
  afterEach(async () => {
    if (second?.isInitialized) await second.destroy();
    if (first.isInitialized) await first.destroy();
    await db.cleanup();
  });

  const config = () =>
    syncTestConfig(server, { SYNC_SCHEDULE_FIM_PORTAL: '* * * * * *', SYNC_FIM_PORTAL_LEISTUNGEN: KEY });
  const runnerOn = (dataSource: DataSource) =>
    new JobRunner({ dataSource, config: config(), logger }, { pollMs: null });
  const jobsOf = (kind: string) => first.getRepository(Job).find({ where: { kind }, order: { id: 'ASC' } });

  it('queues one job for a fire time, however many schedulers fire it', async () => {
    const [schedule] = config().sources!.schedules;
    const fire = new Date('2026-12-08T03:00:00Z');
    const queued = await Promise.all(
      [first, second ?? first, first, second ?? first].map((ds) => queueScheduledSync(ds, schedule, fire)),
    );
    expect(queued.filter((job) => job !== null)).toHaveLength(1);
    const [job] = await jobsOf('sync.fim-portal');
    expect(job).toMatchObject({ status: 'queued', onceKey: 'sync.fim-portal@2026-12-08T03:00:00.000Z' });
    expect(job.options).toEqual({ scope: [KEY], fireTime: '2026-12-08T03:00:00.000Z' });
  });

  it('has the timers of two instances queue a scheduled sync, not run it, and only once', async () => {
    const stops = [first, second ?? first].map((ds) => startBackgroundJobs(ds, logger, config()));
    try {
      // The schedule fires every second: several fire times on both schedulers.
      await new Promise((resolve) => setTimeout(resolve, 2_300));
    } finally {
      for (const stop of stops) stop();
    }
    // Nothing ran: the first run waits for a runner, and later fire times do not pile up behind it.
    expect(server.requests).toHaveLength(0);
    const jobs = await jobsOf('sync.fim-portal');
    expect(jobs.map((j) => j.status)).toEqual(['queued']);
    expect(jobs[0].onceKey).toMatch(/^sync\.fim-portal@\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  it('runs a queued sync after a restart and advances its sync state; a run cut off is run again', async () => {
    const [schedule] = config().sources!.schedules;
    await queueScheduledSync(first, schedule, new Date('2026-12-08T03:00:00Z'));
    // The process goes down before its runner took the job.
    await first.destroy();
    first = await openInstance(db);
    server.requests.length = 0;
    const runner = runnerOn(first);
    await runner.start();
    await runner.idle();
    await runner.stop();
    const [job] = await jobsOf('sync.fim-portal');
    expect(job.status).toBe('succeeded');
    expect(job.result).toEqual([expect.objectContaining({ kind: 'sync-fim-portal', status: 'succeeded' })]);
    expect(server.requests).toHaveLength(1);
    const state = await first.getRepository(SyncState).findOneByOrFail({ source: 'fim-portal' });
    expect(state.status).toBe('completed');
    expect(await first.getRepository(Leistung).findOneByOrFail({ schluessel: KEY })).toMatchObject({
      typisierung: '5',
    });

    // The next fire time's run is claimed by a process that dies in the middle of it.
    await queueScheduledSync(first, schedule, new Date('2026-12-09T03:00:00Z'));
    await claimNextJob(first, 'dead-process');
    await first.getRepository(Job).update({ status: 'running' }, { heartbeatAt: new Date(Date.now() - 60 * 60_000) });
    const restarted = runnerOn(first);
    await restarted.start();
    await restarted.idle();
    await restarted.stop();
    const jobs = await jobsOf('sync.fim-portal');
    expect(jobs.map((j) => [j.status, j.attempts])).toEqual([
      ['succeeded', 1],
      ['succeeded', 2],
    ]);
    expect(server.requests).toHaveLength(2);
  });

  it('queues the monthly snapshots once while they are missing; the runner takes them', async () => {
    await buildWorld(first);
    const now = new Date();
    const queued = await Promise.all([first, second ?? first].map((ds) => queueMonthlySnapshots(ds, now)));
    expect(queued.filter((job) => job !== null)).toHaveLength(1);
    const built: string[] = [];
    const runner = new JobRunner(
      {
        dataSource: first,
        config: config(),
        logger,
        buildGapReport: async (area, target) => {
          built.push(area);
          const { buildGapReport } = await import('../../reports/gaps/report');
          return buildGapReport(first.manager, area, { target });
        },
      },
      { pollMs: null },
    );
    runner.wake();
    await runner.idle();
    const [job] = await jobsOf('snapshots.monthly');
    expect(job).toMatchObject({ status: 'succeeded', result: { taken: 4 } });
    // Land 09, the Kreise 09162 and 09184, and Germany — each built by the builder handed in.
    const rows = await first.query('SELECT "area_key" AS "key" FROM "gap_snapshots" ORDER BY "area_key"');
    expect(rows.map((r: { key: string }) => r.key)).toEqual(['09', '09162', '09184', 'DE']);
    expect(built.sort()).toEqual(['09', '09162', '09184', 'DE']);
    // Taken: the timer queues nothing more this month.
    expect(await queueMonthlySnapshots(first, now)).toBeNull();
  });

  it('runs the jobs of the service in slots of their own: an upload does not wait behind a long sync', async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ran: string[] = [];
    const kinds: Record<string, JobKind> = {
      'test.sync': { unexpectedError: 'kaputt', service: true, run: async () => blocked.then(() => ran.push('sync')) },
      'test.upload': { unexpectedError: 'kaputt', run: async () => ran.push('upload') },
    };
    const job = (kind: string) => ({ kind, options: {}, payload: Buffer.alloc(0), ownerId: null, queuedBy: 'test' });
    await queueJob(first, job('test.sync'));
    await queueJob(first, job('test.sync'));
    await queueJob(first, job('test.upload'));
    const runner = new JobRunner(
      { dataSource: first, config: config(), logger },
      { pollMs: null, concurrency: 1, serviceConcurrency: 1, kinds },
    );
    runner.wake();
    // The upload ran while the first sync still runs and the second waits for the service's slot.
    for (let i = 0; i < 100 && ran.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual(['upload']);
    const statuses = (await first.getRepository(Job).find({ order: { id: 'ASC' } })).map((j) => j.status);
    expect(statuses).toEqual(['running', 'queued', 'succeeded']);
    release();
    await runner.idle();
    expect(ran).toEqual(['upload', 'sync', 'sync']);
  });

  it('hands a sync from the command line to the service with --queue; sync status shows the job', async () => {
    server.requests.length = 0;
    const queued = await runCli(db.url, ['sync', 'fim-portal', '--leistung', KEY, '--queue']);
    expect(queued.exitCode).toBe(0);
    expect(queued.stdout).toMatch(/^Auftrag \d+ \(sync\.fim-portal\) eingereiht/m);
    expect(server.requests).toHaveLength(0);
    const [job] = await jobsOf('sync.fim-portal');
    expect(job).toMatchObject({ status: 'queued', options: { scope: [KEY], restart: false } });
    expect(job.queuedBy).toMatch(/^cli:/);
    const status = await runCli(db.url, ['sync', 'status']);
    expect(status.stdout).toMatch(new RegExp(`^  #${job.id} sync\\.fim-portal ${KEY}: wartet seit `, 'm'));
  });
});
