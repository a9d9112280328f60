/**
 * The compute pool (issue 12): heavy work runs in worker threads so the main thread keeps
 * answering. A worker that crashes, runs out of its heap, or ignores a cancellation must fail
 * its own task only, and the pool must go on with a fresh worker. The workers here are small
 * scripts speaking the pool's protocol, so each case is exact and fast.
 */
import { CancelledError } from '../../lib/cancellation';
import { ServiceUnavailableError } from '../../lib/errors';
import { ComputePool } from '../../server/compute/pool';

/** A worker script: `task` decides what a run does; everything else answers with its args. */
function script(onRun: string): string {
  return `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.type !== 'run') return;
  ${onRun}
  parentPort.postMessage({ type: 'done', id: m.id, value: m.args });
});
parentPort.postMessage({ type: 'ready' });
`;
}

const ECHO_OR_CRASH = script(`
  if (m.task === 'crash') process.exit(3);
  if (m.task === 'hog') { const keep = []; for (;;) keep.push(new Array(1e6).fill(m.id)); }
  if (m.task === 'spin') { for (;;) {} }
  if (m.task === 'fail') {
    parentPort.postMessage({ type: 'failed', id: m.id, error: { name: 'NotFoundError', message: 'Kein Gebiet 99.' } });
    return;
  }
`);

function pool(): ComputePool {
  return new ComputePool({
    size: 1,
    file: ECHO_OR_CRASH,
    eval: true,
    workerData: { database: { type: 'sqlite', path: ':memory:' }, entry: '' },
    maxOldGenerationSizeMb: 64,
    cancelGraceMs: 200,
  });
}

describe('ComputePool', () => {
  let subject: ComputePool;
  beforeEach(() => (subject = pool()));
  afterEach(() => subject.close());

  it('runs a task in a worker and returns its value', async () => {
    await expect(subject.run('echo', { area: '09' })).resolves.toEqual({ area: '09' });
    expect(subject.stats()).toEqual({ workers: 1, busy: 0, queued: 0 });
  });

  it('queues tasks beyond its workers and runs them in order', async () => {
    const results = await Promise.all([1, 2, 3].map((n) => subject.run('echo', n)));
    expect(results).toEqual([1, 2, 3]);
  });

  it('rebuilds the domain error a task threw', async () => {
    const failed = subject.run('fail', null);
    await expect(failed).rejects.toThrow('Kein Gebiet 99.');
    await expect(failed).rejects.toHaveProperty('name', 'NotFoundError');
  });

  it('fails the task of a crashed worker with 503 and goes on with a new worker', async () => {
    await expect(subject.run('crash', null)).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(subject.run('echo', 'again')).resolves.toBe('again');
  });

  it('stops a task that exceeds its heap without taking the process down', async () => {
    const error = await subject.run('hog', null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toContain('COMPUTE_WORKER_MEMORY_MB');
    await expect(subject.run('echo', 'still here')).resolves.toBe('still here');
  });

  it('terminates a worker that ignores a cancellation, and the caller gets CancelledError', async () => {
    const controller = new AbortController();
    const spinning = subject.run('spin', null, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(spinning).rejects.toBeInstanceOf(CancelledError);
    await expect(subject.run('echo', 'next')).resolves.toBe('next');
  });

  it('drops a queued task whose caller has gone without running it', async () => {
    const controller = new AbortController();
    const first = subject.run('echo', 1);
    const queued = subject.run('echo', 2, controller.signal);
    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(CancelledError);
    await expect(first).resolves.toBe(1);
  });
});
