import pino from 'pino';
import type { DataSource } from 'typeorm';
import { Job } from '../../entities/job.entity';
import { claimNextJob, queueJob } from '../../jobs/job-store';
import type { JobKind } from '../../jobs/kinds';
import { JobRunner } from '../../jobs/runner';
import { createDataSource } from '../../ormconfig';
import { createApp } from '../../server/app';
import { Database } from '../../entities/database';
import { createCliDatabase, type CliDatabase } from '../helpers/cli';
import { testDatabaseKind } from '../helpers/database';
import { makeRegion } from '../helpers/factories';
import { testConfig } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent } from '../helpers/web';

const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });
const GOOD = 'ags;component;status\n09184112;epayment;in-use\n';

/** A kind that returns its bytes as text and notes which runner ran which job. */
function echoKind(runs: { job: string; runner: string }[], runner: string): JobKind {
  return {
    unexpectedError: 'kaputt',
    run: async (_context, input) => {
      // Give the other runner a chance to claim while this one holds its job.
      await new Promise((resolve) => setImmediate(resolve));
      runs.push({ job: input.payload.toString('utf8'), runner });
      return { echo: input.payload.toString('utf8') };
    },
  };
}

/** An instance of the service on the shared database: its own data source (a process of its own). */
async function openInstance(db: CliDatabase, migrate = false): Promise<DataSource> {
  const dataSource = createDataSource(db.config);
  await dataSource.initialize();
  if (migrate) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

function runnerOn(dataSource: DataSource, kinds?: Record<string, JobKind>, concurrency = 2): JobRunner {
  return new JobRunner(
    { dataSource, config: testConfig({ database: { type: 'sqlite', path: ':memory:' } }), logger },
    { pollMs: null, concurrency, ...(kinds ? { kinds } : {}) },
  );
}

describe('the persisted job runner', () => {
  let db: CliDatabase;
  let first: DataSource;

  beforeEach(async () => {
    db = await createCliDatabase();
    first = await openInstance(db, true);
  });
  afterEach(async () => {
    if (first.isInitialized) await first.destroy();
    await db.cleanup();
  });

  it('keeps an uploaded import queued across a restart; the new process runs it and the page shows the report', async () => {
    await makeRegion(first, '09');
    await makeRegion(first, '09184', { level: 'kreis', name: 'München' });
    await makeRegion(first, '09184112', { name: 'Garching b.München, St' });
    await makeUser(first, 'kreis', 'editor', ['09184']);
    const config = testConfig({ database: db.config });
    // The first process's runner has stopped (the process is going down): the upload is only queued.
    const stopped = runnerOn(first);
    await stopped.stop();
    const before = createApp({ config, db: Database.of(first), logger, jobs: stopped });
    const agent = await signedInAgent(before, 'kreis');
    const upload = await agent
      .post('/import')
      .field('_csrf', csrfOf((await agent.get('/import')).text))
      .attach('datei', Buffer.from(GOOD, 'utf8'), { filename: 'bestand.csv', contentType: 'text/csv' });
    expect(upload.status).toBe(303);
    const waiting = await agent.get(upload.headers.location);
    expect(waiting.text).toContain('id="fortschritt"');
    expect(waiting.text).toContain('Wartet auf den Start');
    await first.destroy();

    const second = await openInstance(db);
    try {
      const runner = runnerOn(second, undefined);
      await runner.start();
      await runner.idle();
      await runner.stop();
      const after = createApp({ config, db: Database.of(second), logger, jobs: runner });
      const again = await signedInAgent(after, 'kreis');
      const page = await again.get(upload.headers.location);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Die Datei ist fehlerfrei. Es wurde noch nichts geschrieben.');
      expect(page.text).toContain('Jetzt importieren');
    } finally {
      await second.destroy();
    }
  });

  it('queues again, on start, a job a crashed process left running, and gives one up that keeps crashing', async () => {
    const runs: { job: string; runner: string }[] = [];
    const payload = (text: string) => ({
      kind: 'test.echo',
      options: {},
      payload: Buffer.from(text),
      ownerId: null,
      queuedBy: 'test',
    });
    const crashed = await queueJob(first, payload('abgebrochen'));
    const doomed = await queueJob(first, payload('immer wieder'));
    // The dead process claimed both; `doomed` had been claimed twice before.
    await claimNextJob(first, 'dead-process');
    await claimNextJob(first, 'dead-process');
    const jobs = first.getRepository(Job);
    await jobs.update({ id: doomed.id }, { attempts: 3 });
    // On PostgreSQL another instance may still run a job: only a stopped heartbeat counts as dead.
    await jobs.update({ status: 'running' }, { heartbeatAt: new Date(Date.now() - 60 * 60_000) });

    const runner = runnerOn(first, { 'test.echo': echoKind(runs, 'neu') });
    await runner.start();
    await runner.idle();
    await runner.stop();
    const after = await jobs.findOneByOrFail({ id: crashed.id });
    expect({ status: after.status, attempts: after.attempts, result: after.result }).toEqual({
      status: 'succeeded',
      attempts: 2,
      result: { echo: 'abgebrochen' },
    });
    const given = await jobs.findOneByOrFail({ id: doomed.id });
    expect(given.status).toBe('failed');
    expect(given.error).toContain('wird nicht noch einmal versucht');
    expect(runs.map((r) => r.job)).toEqual(['abgebrochen']);
  });

  (testDatabaseKind() === 'postgres' ? it : it.skip)(
    'two instances claiming at once never run the same job (PostgreSQL)',
    async () => {
      const queued: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        queued.push(`job-${i}`);
        await queueJob(first, {
          kind: 'test.echo',
          options: {},
          payload: Buffer.from(`job-${i}`),
          ownerId: null,
          queuedBy: 'test',
        });
      }
      const other = await openInstance(db);
      try {
        const runs: { job: string; runner: string }[] = [];
        const a = runnerOn(first, { 'test.echo': echoKind(runs, 'a') }, 4);
        const b = runnerOn(other, { 'test.echo': echoKind(runs, 'b') }, 4);
        await Promise.all([a.start(), b.start()]);
        await Promise.all([a.idle(), b.idle()]);
        await Promise.all([a.stop(), b.stop()]);
        expect(runs.map((r) => r.job).sort()).toEqual([...queued].sort());
        expect(await first.getRepository(Job).countBy({ status: 'succeeded' })).toBe(40);
      } finally {
        await other.destroy();
      }
    },
  );
});
