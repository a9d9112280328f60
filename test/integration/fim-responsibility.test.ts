/**
 * FIM data feeding the gap analysis: Zuständigkeiten add the units they name to what the rules
 * give (and decide alone only where an administrator marked the Land's data complete),
 * Onlinedienste become offerings (source `fim`) for the areas their Zuständigkeiten name.
 */
import { DEFAULT_TARGET } from '../../lib/maturity';
import { bufferSource } from '../../importers/fim/fim-sources';
import { importFim } from '../../importers/fim/fim.importer';
import { cliPrincipal } from '../../lib/principal';
import { inTransaction } from '../../entities/transaction';
import { setZustaendigkeitComplete } from '../../services/responsibility-rule.service';
import { buildGapReport } from '../../reports/gaps/report';
import { buildUnitReport } from '../../reports/ozg-unit/report';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { makeLeistung } from '../helpers/ozg-factories';
import { buildWorld, type World } from '../helpers/ozg-world';
import { readXzufiFixture } from '../unit/fim/fim-test-helpers';

const actor = { principal: cliPrincipal(), requestId: null };

describe('FIM Zuständigkeiten and Onlinedienste in the gap analysis', () => {
  let db: TestDatabase;
  let world: World;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await buildWorld(db.dataSource);
    // Catalogued Leistungen the 2.2.0 fixture describes: Personalausweis (Typ 2/3 → Kreis by the
    // plain rule, but OZG 10200 here) and Bewohnerparkausweis (Typ 5 → Gemeinde).
    await makeLeistung(db.dataSource, '99050012104000', 10200, '2/3');
    await makeLeistung(db.dataSource, '99108001001000', 10160, '5');
  });
  afterAll(() => db.close());

  it('derives offerings and responsibility on import, and changes nothing on re-import', async () => {
    const report = await importFim(db.dataSource, {
      sources: [bufferSource('x22.xml', readXzufiFixture('xzufi-2.2.0-transfer.xml'))],
      maxBytes: 1 << 24,
      actor,
    });
    expect(report.status).toBe('succeeded');
    expect(report.details?.offerings).toMatchObject({ created: 1, removed: 0 });
    expect(report.details?.responsibility).toMatchObject({ byZustaendigkeit: expect.any(Number) });

    const offerings = await db.dataSource.query(
      `SELECT o."url", o."flaechendeckend" AS "fd", r."key" FROM "offerings" o JOIN "regions" r ON r."id" = o."region_id" WHERE o."source" = 'fim'`,
    );
    expect(offerings).toEqual([
      {
        url: 'https://service.example.de/bewohnerparken?quelle=pvog&sprache=de',
        fd: expect.anything(),
        key: '09162000',
      },
    ]);

    const [responsibility] = await db.dataSource.query(
      `SELECT lr."level", lr."source" FROM "leistung_responsibilities" lr JOIN "leistungen" l ON l."id" = lr."leistung_id"
        WHERE l."schluessel" = '99050012104000' AND lr."land_key" = '09'`,
    );
    // The rules still decide for the Land; the Zuständigkeit names one unit in addition.
    expect(responsibility).toEqual({ level: 'kreis', source: 'regel' });
    const units = await db.dataSource.query(
      `SELECT r."key" FROM "unit_responsibilities" u JOIN "regions" r ON r."id" = u."region_id"
         JOIN "leistungen" l ON l."id" = u."leistung_id" WHERE l."schluessel" = '99050012104000'`,
    );
    expect(units).toEqual([{ key: '09162000' }]);

    const again = await importFim(db.dataSource, {
      sources: [bufferSource('x22.xml', readXzufiFixture('xzufi-2.2.0-transfer.xml'))],
      maxBytes: 1 << 24,
      actor,
    });
    expect(again.unchanged).toBe(true);
    expect(again.details?.offerings).toBeUndefined();
  });

  it('adds the units the Zuständigkeit names and leaves the others to the rules, and says which is which', async () => {
    const report = await buildGapReport(db.dataSource.manager, '09', { target: DEFAULT_TARGET });
    const kfz = report.ozgLeistungen.find((r) => r.ozgId === 10200);
    // C, D and the FIM-described Leistung (rule: Kreis) for the kreisfreie Stadt and the Landkreis;
    // for the kreisfreie Stadt the FIM-described one rests on its Zuständigkeit, the rest on rules.
    expect(kfz?.responsibilitySources).toEqual({ zustaendigkeit: 1, regel: 5, typisierung: 0 });
    expect(kfz?.responsibleUnits).toBe(2);
    expect(report.sources.responsibility.zustaendigkeit).toBe(2);
  });

  it('shows the FIM offering without Reifegrad, counted by the dashboard rule but not as meeting the target', async () => {
    const unit = await buildUnitReport(db.dataSource.manager, '09162000', DEFAULT_TARGET);
    const parking = unit.leistungen.find((l) => l.schluessel === '99108001001000');
    expect(parking).toMatchObject({
      responsible: true,
      meetsTarget: false,
      responsibility: { level: 'gemeinde', source: 'zustaendigkeit' },
      offering: { status: 'online', source: 'fim', level: null },
    });
    expect(parking?.reasons).toContain('Online, aber ohne Angabe des Reifegrads.');
    expect(unit.ozgLeistungen.find((o) => o.ozgId === 10160)).toMatchObject({ dashboard: true });
    // Data for one city say nothing about the Gemeinden of the Landkreis: the rule (Typ 5) still holds there.
    const aschheim = await buildUnitReport(db.dataSource.manager, '09184001', DEFAULT_TARGET);
    expect(aschheim.leistungen.find((l) => l.schluessel === '99108001001000')).toMatchObject({
      responsible: true,
      responsibility: { level: 'gemeinde', source: 'typisierung' },
    });
    expect(world.regions['09184001']).toBeGreaterThan(0);
  });

  it('lets the data decide alone once an administrator marks the Land complete, and back', async () => {
    await inTransaction(db.dataSource, (tx) => setZustaendigkeitComplete(tx, '09', true, actor));
    const aschheim = await buildUnitReport(db.dataSource.manager, '09184001', DEFAULT_TARGET);
    expect(aschheim.leistungen.some((l) => l.schluessel === '99108001001000')).toBe(false);
    const city = await buildUnitReport(db.dataSource.manager, '09162000', DEFAULT_TARGET);
    expect(city.leistungen.find((l) => l.schluessel === '99108001001000')).toMatchObject({
      responsible: true,
      responsibility: { level: 'explicit', source: 'zustaendigkeit' },
    });
    // Leistungen the data do not cover in the Land keep their rules.
    expect(aschheim.leistungen.find((l) => l.schluessel === '99000000000005')?.responsible).toBe(true);
    await inTransaction(db.dataSource, (tx) => setZustaendigkeitComplete(tx, '09', false, actor));
    const again = await buildUnitReport(db.dataSource.manager, '09184001', DEFAULT_TARGET);
    expect(again.leistungen.find((l) => l.schluessel === '99108001001000')?.responsible).toBe(true);
  });
});
