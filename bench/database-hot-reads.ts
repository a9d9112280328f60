/**
 * What the two hot read entry points cost per call on a migrated SQLite file: `rawQuery` (a
 * cached prepared statement) and `findOneByColumn` (a region looked up by key). Guards the data
 * layer's refactoring (issue 15) against slowing the tuned read paths.
 * Run: `npm run build && node dist/bench/database-hot-reads.js`.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Region } from '../entities';
import { findOneByColumn } from '../entities/fast-find';
import { rawQuery } from '../entities/raw-query';
import { inTransaction } from '../entities/transaction';
import { printFigure } from './figures';
import { openSqlite } from './landscape-database';

const RUNS = 20_000;
const WARM_UP = 2_000;

/**
 * CPU microseconds per call of `work`, called {@link RUNS} times in a row after a warm-up. CPU
 * time rather than wall time: the calls are CPU-bound (better-sqlite3 is synchronous), and on a
 * shared machine wall time mostly measures the neighbours.
 */
async function microsecondsPerCall(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM_UP; i += 1) await work();
  const before = process.cpuUsage();
  for (let i = 0; i < RUNS; i += 1) await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / RUNS;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'db-hot-bench-'));
  const dataSource = await openSqlite(join(dir, 'bench.sqlite'));
  try {
    await inTransaction(dataSource, (tx) =>
      tx.save(
        tx.create(Region, {
          key: '010010000000',
          level: 'gemeinde',
          name: 'Flensburg',
          nameSearch: 'flensburg',
          landKey: '01',
          gebietsstand: '2024-12-31',
        }),
      ),
    );
    const manager = dataSource.manager;
    const sql = 'SELECT "id" AS "id", "key" AS "key", "name" AS "name" FROM "regions" WHERE "key" = ?';
    const best = (figures: number[]) => Math.min(...figures);
    const raw: number[] = [];
    const find: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      raw.push(await microsecondsPerCall(() => rawQuery(manager, sql, ['010010000000'])));
      find.push(await microsecondsPerCall(() => findOneByColumn(manager, Region, 'key', '010010000000')));
    }
    printFigure('raw-query', best(raw), 'µs CPU/call');
    printFigure('find-one-by-column', best(find), 'µs CPU/call');
  } finally {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
