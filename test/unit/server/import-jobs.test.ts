import type { ImportReport } from '../../../importers/import-report';
import { ImportJobs, RUNNING_JOBS_PER_USER, TooManyImportsError } from '../../../server/web/import-jobs';

const file = { fileName: 'bestand.csv', mediaType: undefined, buffer: Buffer.from('x'), dryRun: true };

/** A run that finishes only when `finish` is called, so jobs stay "running" as long as needed. */
function heldRun(): { run: () => Promise<ImportReport>; finish: () => void } {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { run: async () => (await done, { status: 'succeeded' }) as unknown as ImportReport, finish };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('background import jobs', () => {
  it('caps the running jobs per user, not per process, and frees a slot when one finishes', async () => {
    const jobs = new ImportJobs();
    const held = Array.from({ length: RUNNING_JOBS_PER_USER }, heldRun);
    const started = held.map((h) => jobs.start({ ...file, ownerId: 1 }, h.run, () => undefined));
    expect(jobs.runningOf(1)).toBe(RUNNING_JOBS_PER_USER);
    expect(() => jobs.start({ ...file, ownerId: 1 }, heldRun().run, () => undefined)).toThrow(TooManyImportsError);
    expect(() => jobs.start({ ...file, ownerId: 1 }, heldRun().run, () => undefined)).toThrow(
      /bereits 2 Importe, die noch laufen/,
    );
    const other = heldRun();
    expect(() => jobs.start({ ...file, ownerId: 2 }, other.run, () => undefined)).not.toThrow();

    held[0].finish();
    await settle();
    await settle();
    expect(jobs.get(started[0].id, 1)?.status.state).toBe('done');
    expect(jobs.runningOf(1)).toBe(RUNNING_JOBS_PER_USER - 1);
    expect(() => jobs.start({ ...file, ownerId: 1 }, heldRun().run, () => undefined)).not.toThrow();
    for (const h of [...held, other]) h.finish();
  });
});
