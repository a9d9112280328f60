import { extname, join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../config';
import { currentSignal, withSignal } from '../../lib/cancellation';
import { tsBootEntry } from '../../lib/ts-boot';
import type { AppDeps } from '../deps';
import { ComputePool, type PoolOptions } from './pool';
import { runTask, type TaskArgs, type TaskName, type TaskResult } from './tasks';

/** Runs the tasks of `tasks.ts`: in compute workers, or in this thread. */
export interface Compute {
  /** Where tasks run: `workers` (the pool) or `inline` (this thread). */
  readonly mode: 'workers' | 'inline';
  run<N extends TaskName>(name: N, args: TaskArgs<N>, signal?: AbortSignal): Promise<TaskResult<N>>;
  close(): Promise<void>;
}

/** The database a data source really uses, so workers open the same one the app reads. */
export function databaseOf(dataSource: DataSource): DatabaseConfig | null {
  const options = dataSource.options as { type: string; database?: unknown; url?: string; schema?: string };
  if (options.type === 'better-sqlite3') {
    const path = String(options.database ?? ':memory:');
    // An in-memory database exists only in this thread's connection: no worker can read it.
    return path === ':memory:' || path === '' ? null : { type: 'sqlite', path };
  }
  if (options.type === 'postgres' && options.url) {
    return { type: 'postgres', url: options.url, ...(options.schema ? { schema: options.schema } : {}) };
  }
  return null;
}

function inline(dataSource: DataSource): Compute {
  return {
    mode: 'inline',
    // Without a signal of its own a task keeps the caller's (e.g. a shared computation's).
    run: (name, args, signal) =>
      signal
        ? withSignal(signal, () => runTask(dataSource.manager, name, args))
        : runTask(dataSource.manager, name, args),
    close: () => Promise.resolve(),
  };
}

/**
 * A compute pool over `dataSource`'s database with `size` workers, or null when workers
 * cannot read it (in-memory SQLite) or none are wanted (`size` 0).
 */
export function createCompute(
  dataSource: DataSource,
  settings: { workers: number; memoryMb: number; databaseLimits?: PoolOptions['workerData']['databaseLimits'] },
): Compute {
  const database = databaseOf(dataSource);
  if (!database || settings.workers <= 0) return inline(dataSource);
  // From the sources (jest) no compiled worker.js exists: the worker boots worker.ts through the hook.
  const fromSources = extname(__filename) === '.ts';
  const entry = join(__dirname, `worker${extname(__filename)}`);
  const pool = new ComputePool({
    size: settings.workers,
    file: fromSources ? tsBootEntry(entry) : entry,
    eval: fromSources,
    workerData: {
      database,
      ...(settings.databaseLimits ? { databaseLimits: settings.databaseLimits } : {}),
      entry,
    },
    maxOldGenerationSizeMb: settings.memoryMb,
  });
  return {
    mode: 'workers',
    run: (name, args, signal) => pool.run(name, args, signal ?? currentSignal()),
    close: () => pool.close(),
  };
}

/** `config.compute`, or no workers when a hand-built configuration sets none. */
export function defaultCompute(config: AppDeps['config']): { workers: number; memoryMb: number } {
  return config.compute ?? { workers: 0, memoryMb: 4096 };
}

const computes = new WeakMap<AppDeps, Compute>();

/**
 * The compute of an app: workers per `config.compute` (`COMPUTE_WORKERS`,
 * `COMPUTE_WORKER_MEMORY_MB`), inline when the configuration sets none (hand-built test
 * configs) or the database is in memory.
 */
export function computeFor(deps: AppDeps): Compute {
  let compute = deps.compute ?? computes.get(deps);
  if (!compute) {
    const settings = deps.config.compute;
    compute = settings
      ? createCompute(deps.db.reader, { ...settings, databaseLimits: deps.config.databaseLimits })
      : inline(deps.db.reader);
    computes.set(deps, compute);
  }
  return compute;
}
