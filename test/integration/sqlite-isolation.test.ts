import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ApiToken, Component, ComponentRecord, Region } from '../../entities';
import { inTransaction } from '../../entities/transaction';
import { createDataSource } from '../../ormconfig';
import { getLandscape } from '../../services/inventory.service';
import { listRegions } from '../../services/region.service';
import { createApiToken, principalForToken } from '../../services/token.service';
import { createTestDatabase, testDatabaseKind } from '../helpers/database';
import { makeRegion } from '../helpers/factories';

/** A database as the service runs it: a SQLite file in WAL mode (not `:memory:`), or PostgreSQL. */
async function serviceLikeDatabase(): Promise<{ dataSource: DataSource; close(): Promise<void> }> {
  if (testDatabaseKind() === 'postgres') return createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'atlas-isolation-'));
  const dataSource = createDataSource({ type: 'sqlite', path: join(dir, 'atlas.sqlite') });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A promise and the function that resolves it, to hold a transaction open at a known point. */
function gate(): { passed: Promise<void>; pass(): void } {
  let pass: () => void = () => undefined;
  const passed = new Promise<void>((resolve) => {
    pass = resolve;
  });
  return { passed, pass };
}

describe('reads outside a transaction see only committed data', () => {
  let db: { dataSource: DataSource; close(): Promise<void> };

  beforeAll(async () => {
    db = await serviceLikeDatabase();
    await makeRegion(db.dataSource, '09', { name: 'Bayern' });
    await makeRegion(db.dataSource, '09162000', { name: 'München, Landeshauptstadt' });
  });
  afterAll(() => db.close());

  it('does not show the writes of a transaction in progress, nor those it rolls back', async () => {
    const { dataSource } = db;
    const before = await getLandscape(dataSource.manager, '09162000');
    const written = gate();
    const release = gate();
    const rolledBack = inTransaction(dataSource, async (tx) => {
      const created = await makeRegion(tx, '09162001', { name: 'Nie festgeschrieben' });
      const munich = await tx.findOneByOrFail(Region, { key: '09162000' });
      const eid = await tx.findOneByOrFail(Component, { code: 'eid' });
      for (const regionId of [created.id, munich.id]) {
        await tx.insert(ComponentRecord, { regionId, componentId: eid.id, status: 'in-use', source: 'api' });
      }
      written.pass();
      await release.passed;
      throw new Error('zurückgerollt');
    });
    await written.passed;
    try {
      const during = await getLandscape(dataSource.manager, '09162000');
      expect(during.etag).toBe(before.etag);
      expect((await listRegions(dataSource.manager, { q: 'festgeschrieben', limit: 10 })).items).toEqual([]);
      await expect(getLandscape(dataSource.manager, '09162001')).rejects.toThrow(/Kein Gebiet/);
    } finally {
      release.pass();
      await expect(rolledBack).rejects.toThrow('zurückgerollt');
    }
    await expect(getLandscape(dataSource.manager, '09162001')).rejects.toThrow(/Kein Gebiet/);
  });

  it('refreshes a token’s lastUsedAt in a transaction of its own, not inside another one', async () => {
    const { dataSource } = db;
    const { token, view } = await inTransaction(dataSource, (tx) =>
      createApiToken(tx, { name: 'leser', role: 'reader', scopes: [] }),
    );
    const release = gate();
    const other = inTransaction(dataSource, async () => {
      await release.passed;
      throw new Error('zurückgerollt');
    });
    try {
      expect((await principalForToken(dataSource.manager, token))?.role).toBe('reader');
    } finally {
      release.pass();
      await expect(other).rejects.toThrow('zurückgerollt');
    }
    // The refresh does not hold up the request; on SQLite it is queued behind the other transaction.
    let lastUsedAt: Date | null = null;
    for (let attempt = 0; attempt < 50 && !lastUsedAt; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      lastUsedAt = (await dataSource.manager.findOneByOrFail(ApiToken, { id: view.id })).lastUsedAt;
    }
    expect(lastUsedAt).toBeInstanceOf(Date);
  });
});
