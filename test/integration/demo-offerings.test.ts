/** Demo data includes synthetic online offerings, consistent with the demo components, for the gap reports. */
import { attainableLevel } from '../../lib/attainable';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { cliPrincipal } from '../../lib/principal';
import { clearDemoData, loadDemoData } from '../../importers/demo/demo.writer';
import { buildGapReport } from '../../reports/gaps/report';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { makeLeistung, rebuild } from '../helpers/ozg-factories';
import { buildWorld } from '../helpers/ozg-world';

const actor = { principal: cliPrincipal(), requestId: null };

describe('demo offerings', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await buildWorld(db.dataSource);
    // More Gemeinde-level Leistungen, so popularity and readiness have something to choose from.
    for (let i = 10; i < 40; i++) await makeLeistung(db.dataSource, `990000000000${i}`, 10160, '5');
    await rebuild(db.dataSource);
  });
  afterAll(() => db.close());

  it('draws offerings only for responsible Leistungen, never above what the demo components allow, and clears them', async () => {
    const report = await loadDemoData(db.dataSource, { land: '09', seed: 7, actor });
    expect(report.offerings).toBeGreaterThan(0);
    const rows = (await db.dataSource.query(
      `SELECT r."key" AS "key", o."maturity_level" AS "level", o."url" AS "url", l."typisierung" AS "typ",
              l."vertrauensniveau" AS "vn", l."fee_bearing" AS "fee"
         FROM "offerings" o JOIN "regions" r ON r."id" = o."region_id" JOIN "leistungen" l ON l."id" = o."leistung_id"
        WHERE o."source" = 'demo'`,
    )) as { key: string; level: number; url: string; typ: string; vn: string | null; fee: number | boolean | null }[];
    expect(rows).toHaveLength(report.offerings);
    const components = (await db.dataSource.query(
      `SELECT r."key" AS "key", c."code" AS "code" FROM "component_records" cr JOIN "regions" r ON r."id" = cr."region_id"
         JOIN "components" c ON c."id" = cr."component_id" WHERE cr."status" = 'in-use'`,
    )) as { key: string; code: string }[];
    for (const row of rows) {
      expect(row.url.startsWith('https://demo.invalid/')).toBe(true);
      // Typ 5 is a Gemeinde task: never offered by the Landkreis 09184 as its own.
      if (row.typ === '5') expect(row.key).not.toBe('09184');
      const inUse = new Set(components.filter((c) => c.key === row.key).map((c) => c.code));
      // The demo knows every component of its units: what is not in use is missing.
      const notInUse = new Set(
        ['form-server', 'service-account', 'eid', 'epayment', 'mailbox'].filter((c) => !inUse.has(c)),
      );
      const ceiling = Math.max(
        1,
        attainableLevel(
          'RGM-1.1',
          { inUse, notInUse },
          {
            vertrauensniveau: row.vn,
            feeBearing: row.fee === null ? null : Boolean(row.fee),
          },
        ).level,
      );
      expect(row.level).toBeLessThanOrEqual(ceiling);
    }
    const gaps = await buildGapReport(db.dataSource.manager, '09', { target: DEFAULT_TARGET });
    expect(gaps.sources.metOfferings.demo).toBeGreaterThan(0);

    const again = await loadDemoData(db.dataSource, { land: '09', seed: 7, actor });
    expect(again.offerings).toBe(report.offerings);
    const cleared = await clearDemoData(db.dataSource, { actor });
    expect(cleared.offerings).toBe(report.offerings);
    const [{ n }] = await db.dataSource.query(`SELECT COUNT(*) AS "n" FROM "offerings" WHERE "source" = 'demo'`);
    expect(Number(n)).toBe(0);
    // The hand-made offerings of the world are not demo data and stay.
    const [{ m }] = await db.dataSource.query(`SELECT COUNT(*) AS "m" FROM "offerings"`);
    expect(Number(m)).toBe(8);
  });
});
