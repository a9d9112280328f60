import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { ImportRun, Leistung, LeistungResponsibility, OzgLeistung } from '../../entities';
import { SHIPPED_EDITION } from '../../importers/ozg/ozg.importer';
import { ensureReferenceData, REFERENCE_FILES, type ReferenceDataResult } from '../../importers/reference-data';
import { referenceDataDir } from '../../lib/paths';
import { createTestApp, type TestApp } from '../helpers/test-app';

const SHARED = path.resolve(__dirname, '../../../shared/data');

describe('bundled OZG catalogue', () => {
  it('is a byte-for-byte copy of the shared catalogue files, with its attribution', () => {
    for (const name of [REFERENCE_FILES.ozgLeistungen, REFERENCE_FILES.ozgLeikaLeistungen]) {
      expect(readFileSync(path.join(referenceDataDir, name)).equals(readFileSync(path.join(SHARED, name)))).toBe(true);
    }
    const sources = readFileSync(path.join(referenceDataDir, 'SOURCES.md'), 'utf8');
    expect(sources).toContain(
      'Quelle: OZG-Umsetzungskatalog (BMI) und LeiKa, Stand 10/2019, über kdn-nrw/OZG-Datenbank-NRW (MIT)',
    );
    expect(sources).toContain('9424fdbfe52d1758b3c17e150a9cf469f719dc37f537945265137864d3c5d057');
  });
});

describe('ensureReferenceData loads the 2019 OZG catalogue', () => {
  let t: TestApp;
  let first: ReferenceDataResult;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    first = await ensureReferenceData(t.dataSource, { info: (_details, message) => void logged.push(message) });
  });
  afterAll(() => t.close());

  it('after the regions, with the responsibility for all 16 Länder', async () => {
    expect(first.ozgCatalogue).toMatchObject({
      kind: 'ozg-catalogue',
      status: 'succeeded',
      details: expect.objectContaining({ edition: SHIPPED_EDITION }),
      counts: expect.objectContaining({ ozgLeistungen: 557, leistungen: 4813, withoutOzgId: 16 }),
    });
    expect(logged).toContain('reference data: OZG catalogue loaded');
    const manager = t.dataSource.manager;
    expect(await manager.countBy(OzgLeistung, { edition: SHIPPED_EDITION, isActive: true })).toBe(557);
    expect(await manager.countBy(Leistung, { inCatalogue: true })).toBe(4813);
    expect(await manager.count(LeistungResponsibility)).toBe((4813 - 16) * 16);
    expect(await manager.findOneByOrFail(ImportRun, { kind: 'ozg-catalogue' })).toMatchObject({
      actor: 'system',
      sourceName: 'data/reference/ozg_leistungen_2019.csv, data/reference/ozg_leika_leistungen_2019.csv',
    });
  });

  it('is found by the Leistungen API', async () => {
    const res = await request(t.app).get('/api/leistungen/99008001000000');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Personalausweis',
      typisierung: '2/3',
      typisierungSource: 'catalogue',
      ozg: { ozgId: 10119, name: 'Personalausweis', edition: SHIPPED_EDITION, active: true },
    });
  });

  it('is not loaded again, nor over a newer catalogue', async () => {
    const runs = await t.dataSource.manager.count(ImportRun);
    const again = await ensureReferenceData(t.dataSource, { info: () => undefined });
    expect(again.ozgCatalogue).toBeNull();
    expect(await t.dataSource.manager.count(ImportRun)).toBe(runs);
  });
});
