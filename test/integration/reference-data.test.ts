import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { ImportRun, Operator, ProductSuggestion, Region } from '../../entities';
import { ensureReferenceData, type ReferenceDataResult } from '../../importers/reference-data';
import { operatorSeedsFromCsv, ownWebsite } from '../../importers/reference-seeds.importer';
import { referenceDataDir } from '../../lib/paths';
import { makeOperator } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const SHARED = path.resolve(__dirname, '../../../shared/data');

describe('bundled reference data', () => {
  it('is a byte-for-byte copy of the shared data files', () => {
    for (const name of [
      'GV100AD_31082025.txt',
      'kommunale_it_dienstleister_de.csv',
      'basiskomponenten_produkte_de.csv',
    ]) {
      expect(readFileSync(path.join(referenceDataDir, name)).equals(readFileSync(path.join(SHARED, name)))).toBe(true);
    }
  });

  it('types the providers: three state providers, umbrella bodies marked, websites only from own domains', () => {
    const seeds = operatorSeedsFromCsv(
      readFileSync(path.join(referenceDataDir, 'kommunale_it_dienstleister_de.csv'), 'utf8'),
    );
    expect(seeds).toHaveLength(31);
    expect(
      seeds
        .filter((s) => s.type === 'state')
        .map((s) => s.shortName)
        .sort(),
    ).toEqual(['DVZ M-V', 'Dataport', 'ITDZ Berlin']);
    expect(
      seeds
        .filter((s) => s.note?.startsWith('Dach- bzw. Trägerverband'))
        .map((s) => s.shortName)
        .sort(),
    ).toEqual(['4IT', 'ITVSH', 'KDN', 'Vitako', 'govdigital']);
    expect(seeds.find((s) => s.shortName === 'Dataport')?.landKeys).toEqual(['01', '02', '04', '15']);
    expect(seeds.find((s) => s.shortName === 'Vitako')?.landKeys).toBeNull();
    expect(Object.fromEntries(seeds.filter((s) => s.website).map((s) => [s.shortName, s.website]))).toEqual({
      KDO: 'https://www.kdo.de/',
      'KIV Thüringen': 'https://portal.kiv-thueringen.de/',
      'eGo-MV': 'https://www.ego-mv.de/',
      'eGo-Saar': 'https://www.ego-saar.de/',
      Vitako: 'https://www.vitako.de/',
    });
    expect(ownWebsite('KRZN', 'https://www.kdn.de/servicekontonrw/')).toBeNull();
  });
});

describe('ensureReferenceData', () => {
  let t: TestApp;
  let first: ReferenceDataResult;
  const logged: string[] = [];
  const logger = { info: (_details: object, message: string) => void logged.push(message) };

  beforeAll(async () => {
    t = await createTestApp();
    first = await ensureReferenceData(t.dataSource, logger);
  });
  afterAll(() => t.close());

  it('loads regions, 31 operators and 17 product suggestions into an empty database', async () => {
    expect(first.regions).toMatchObject({
      status: 'succeeded',
      counts: expect.objectContaining({ added: 12_612, population: 83_577_140 }),
    });
    expect(first.seeds?.counts).toEqual({
      operators: 31,
      operatorsSkipped: 0,
      productSuggestions: 17,
      productSuggestionsSkipped: 0,
    });
    expect(logged.slice(0, 2)).toEqual([
      'reference data: Gemeindeverzeichnis loaded',
      'reference data: operators and product suggestions seeded',
    ]);

    const manager = t.dataSource.manager;
    expect(await manager.count(Region)).toBe(12_612);
    expect(await manager.count(Operator, { where: { origin: 'reference' } })).toBe(31);
    expect(await manager.count(ProductSuggestion)).toBe(17);
    const runs = await manager.find(ImportRun, { order: { id: 'ASC' } });
    expect(runs.map((r) => [r.kind, r.actor, r.status])).toEqual([
      ['regions', 'system', 'succeeded'],
      ['reference', 'system', 'succeeded'],
      ['rule-defaults', 'system', 'succeeded'],
      ['ozg-catalogue', 'system', 'succeeded'],
      ['connectable-services', 'system', 'succeeded'],
    ]);
    expect(first.connectableServices?.counts).toMatchObject({ rows: 16, created: 16 });
    expect(logged).toContain('reference data: connectable services loaded');
  });

  it('loads nothing when called again', async () => {
    const runsBefore = await t.dataSource.manager.count(ImportRun);
    const loggedBefore = logged.length;
    expect(await ensureReferenceData(t.dataSource, logger)).toEqual({
      regions: null,
      seeds: null,
      ozgCatalogue: null,
      ruleDefaults: null,
      connectableServices: null,
    });
    expect(logged).toHaveLength(loggedBefore);
    expect(await t.dataSource.manager.count(ImportRun)).toBe(runsBefore);
    expect(await t.dataSource.manager.count(Operator)).toBe(31);
    expect(await t.dataSource.manager.count(Region)).toBe(12_612);
  });

  it('offers the seeds through the API as suggestions', async () => {
    const reader = await t.bearer('reader');
    const operators = await request(t.app)
      .get('/api/operators?q=Datenverarbeitung%20in%20Bayern')
      .set('Authorization', reader);
    expect(operators.body.items).toEqual([
      expect.objectContaining({
        name: 'Anstalt für Kommunale Datenverarbeitung in Bayern',
        shortName: 'AKDB',
        origin: 'reference',
        landKeys: ['09'],
      }),
    ]);
    const components = await request(t.app).get('/api/components');
    const epayment = components.body.find((c: { code: string }) => c.code === 'epayment');
    expect(epayment.productSuggestions.map((p: { name: string }) => p.name)).toContain('pmPayment');
  });
});

describe('ensureReferenceData with operators recorded by users', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('does not duplicate an operator someone recorded under its short name', async () => {
    await makeOperator(t.dataSource, { name: 'AKDB' });
    // A region, so that only the seed lists are loaded here.
    await t.dataSource.getRepository(Region).save({
      key: '09',
      level: 'land',
      name: 'Bayern',
      nameSearch: 'bayern',
      landKey: '09',
      gebietsstand: '2025-08-31',
    });
    const result = await ensureReferenceData(t.dataSource, { info: () => undefined });
    expect(result.regions).toBeNull();
    expect(result.seeds?.counts).toMatchObject({ operators: 30, operatorsSkipped: 1 });
    expect(result.seeds?.details).toMatchObject({
      skippedOperators: ['Anstalt für Kommunale Datenverarbeitung in Bayern'],
    });
    expect(await t.dataSource.manager.count(Operator, { where: { name: 'AKDB' } })).toBe(1);
  });
});
