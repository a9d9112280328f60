import pino from 'pino';
import type { JobKind } from '../../jobs/kinds';
import { JobRunner } from '../../jobs/runner';
import { SYSTEM_PRINCIPAL } from '../../lib/principal';
import { ImportJobs, RUNNING_JOBS_PER_USER, TooManyImportsError } from '../../server/web/import-jobs';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { testConfig } from '../helpers/test-app';

const file = {
  kind: 'inventory' as const,
  files: [{ name: 'bestand.csv', buffer: Buffer.from('x') }],
  mediaType: undefined,
  dryRun: true,
  actor: { principal: SYSTEM_PRINCIPAL, requestId: null },
};

/** An inventory import that finishes only once `finish` was called, so jobs stay "running" as long as needed. */
function heldKind(): { kind: JobKind; finish: () => void } {
  let finish: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  return {
    kind: { unexpectedError: 'kaputt', run: async () => (await gate, { status: 'succeeded' }) },
    finish,
  };
}

describe('background import jobs', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('caps the running jobs per user, not per process, and frees a slot when one finishes', async () => {
    const held = heldKind();
    const runner = new JobRunner(
      { dataSource: db.dataSource, config: testConfig({ database: db.config }), logger: pino({ level: 'silent' }) },
      { pollMs: null, concurrency: 10, kinds: { 'import.inventory': held.kind } },
    );
    const jobs = new ImportJobs(db.dataSource, runner);
    const started = [];
    for (let i = 0; i < RUNNING_JOBS_PER_USER; i += 1) started.push(await jobs.start({ ...file, ownerId: 1 }));
    expect(await jobs.runningOf(1)).toBe(RUNNING_JOBS_PER_USER);
    await expect(jobs.start({ ...file, ownerId: 1 })).rejects.toThrow(TooManyImportsError);
    await expect(jobs.start({ ...file, ownerId: 1 })).rejects.toThrow(/bereits 2 Importe, die noch laufen/);
    await expect(jobs.start({ ...file, ownerId: 2 })).resolves.toBeDefined();

    // Let the runner claim the jobs, then let them finish.
    while ((await jobs.get(started[1].id, 1))?.status.phase === 'Wartet auf den Start') {
      await new Promise((resolve) => setImmediate(resolve));
    }
    held.finish();
    await runner.idle();
    expect((await jobs.get(started[0].id, 1))?.status.state).toBe('done');
    expect(await jobs.get(started[0].id, 2)).toBeUndefined();
    expect(await jobs.runningOf(1)).toBe(0);
    await expect(jobs.start({ ...file, ownerId: 1 })).resolves.toBeDefined();
    await runner.stop();
  });
});
