import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { CancelledError, withSignal } from '../../lib/cancellation';
import { Database } from '../../entities/database';
import type { FromWorker, ToWorker, WorkerData } from './pool';
import { runTask, type TaskName } from './tasks';
import { flatten } from './wire-errors';

/**
 * A compute worker (see `pool.ts`): opens its own {@link Database} (tasks only read, through its
 * reader), then runs one
 * task at a time as the main thread sends them, each under a cancellation signal the main
 * thread can abort. Large byte results are moved, not copied, to the main thread.
 */
const data = workerData as WorkerData;
const port = parentPort;
const running = new Map<number, AbortController>();
const opening = Database.connect(data.database, data.databaseLimits);

function transferable(value: unknown): ArrayBuffer[] {
  const body = (value as { body?: unknown } | null)?.body;
  // Only a buffer that owns its whole memory may be moved; small ones share Node's slab.
  if (body instanceof Uint8Array && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength) {
    if (body.buffer instanceof ArrayBuffer && body.byteLength >= 64 * 1024) return [body.buffer];
  }
  return [];
}

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  let reply: FromWorker;
  let transfer: ArrayBuffer[] = [];
  try {
    const db = await opening;
    const value = await withSignal(controller.signal, () =>
      runTask(db.reader.manager, message.task as TaskName, message.args as never),
    );
    reply = { type: 'done', id: message.id, value };
    transfer = transferable(value);
  } catch (error) {
    reply = { type: 'failed', id: message.id, error: flatten(error) };
  } finally {
    running.delete(message.id);
  }
  port?.postMessage(reply, transfer);
}

port?.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message);
  else running.get(message.id)?.abort(new CancelledError());
});
port?.postMessage({ type: 'ready' } satisfies FromWorker);
