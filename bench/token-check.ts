/**
 * What authenticating a bearer token costs per request (issue 12: revocation must hold at once
 * on every instance). Compares, on a migrated SQLite file: the per-request revocation check the
 * bearer middleware runs on a cached principal, and the full resolution (entity read) it replaces.
 * Run: `npm run build && node dist/bench/token-check.js`.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiToken } from '../entities';
import { inTransaction } from '../entities/transaction';
import { createDataSource } from '../ormconfig';
import { sha256Hex } from '../lib/hash';
import { cachedPrincipalForToken, createApiToken, principalForToken } from '../services/token.service';
import { printFigure } from './figures';

const RUNS = 20_000;

async function perCall(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 1000; i += 1) await work();
  const start = process.hrtime.bigint();
  for (let i = 0; i < RUNS; i += 1) await work();
  return Number(process.hrtime.bigint() - start) / RUNS / 1000;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'token-bench-'));
  const dataSource = createDataSource({ type: 'sqlite', path: join(dir, 'bench.sqlite') });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    for (let i = 0; i < 200; i += 1) {
      await inTransaction(dataSource, (tx) => createApiToken(tx, { name: `t${i}`, role: 'reader', scopes: [] }));
    }
    const { token } = await inTransaction(dataSource, (tx) =>
      createApiToken(tx, { name: 'bench', role: 'reader', scopes: [] }),
    );
    const manager = dataSource.manager;
    await principalForToken(manager, token);
    const check = await perCall(() => cachedPrincipalForToken(manager, token));
    const entity = await perCall(() => manager.findOneBy(ApiToken, { tokenHash: sha256Hex(token) }));
    printFigure('token-revocation-check', check, 'µs/request');
    printFigure('token-entity-lookup', entity, 'µs/request');
  } finally {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
