/**
 * A catalogue update keeps history, says in its dry run which OZG-Leistungen it would deactivate
 * and how many offerings hang on each, refuses to deactivate most of the catalogue unless allowed;
 * the Fokus flag it sets filters every OZG report.
 */
import request from 'supertest';
import { ImportRun, Leistung, OzgCatalogueChange, OzgLeistung } from '../../entities';
import { importOzgFlags } from '../../importers/ozg/ozg-flags.importer';
import { importOzgCatalogue } from '../../importers/ozg/ozg.importer';
import { cliPrincipal } from '../../lib/principal';
import { makeRegion } from '../helpers/factories';
import { makeOffering } from '../helpers/ozg-factories';
import { buildWorld } from '../helpers/ozg-world';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

const actor = { principal: cliPrincipal(), requestId: null };
const json = (name: string, rows: object[]) => ({ name, buffer: Buffer.from(JSON.stringify(rows), 'utf8') });
const OZG_IDS = Array.from({ length: 25 }, (_, i) => 10001 + i);
const row = (ozgId: number, extra: Record<string, unknown> = {}) => ({
  ozgid: ozgId,
  ozg_bezeichnung: `OZG ${ozgId}`,
  leika_key: `990000000${ozgId}`,
  leika_name: `Leistung ${ozgId}`,
  leika_typ: '5',
  ...extra,
});

describe('catalogue update: dry-run list, history, mass deactivation', () => {
  let t: TestApp;
  let firstRun: number;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { level: 'land', name: 'Bayern' });
    const a = (await makeRegion(t.dataSource, '09184001', { name: 'Aschheim' })).id;
    const b = (await makeRegion(t.dataSource, '09184002', { name: 'Baierbrunn' })).id;
    const report = await importOzgCatalogue(t.dataSource, {
      files: [
        json(
          'katalog_1.json',
          OZG_IDS.map((id) => row(id)),
        ),
      ],
      edition: 'Testkatalog',
      actor,
    });
    expect(report.status).toBe('succeeded');
    firstRun = report.importRunId as number;
    const leistung = (ozgId: number) => t.dataSource.getRepository(Leistung).findOneByOrFail({ ozgId });
    // Two offerings hang on 10002, one on 10003.
    await makeOffering(t.dataSource, a, (await leistung(10002)).id, { level: 3 });
    await makeOffering(t.dataSource, b, (await leistung(10002)).id, { level: 2 });
    await makeOffering(t.dataSource, a, (await leistung(10003)).id, { level: 3 });
  });
  afterAll(() => t.close());

  const changesOf = (importRunId: number) =>
    t.dataSource.getRepository(OzgCatalogueChange).find({ where: { importRunId }, order: { ozgId: 'ASC', id: 'ASC' } });
  // Drops 10002 and 10003, renames 10004, marks 10001 as Fokusleistung.
  const second = OZG_IDS.filter((id) => id !== 10002 && id !== 10003).map((id) =>
    row(id, { fokus: id === 10001 ? 'ja' : '', ...(id === 10004 && { ozg_bezeichnung: 'Neuer Name' }) }),
  );

  it('the first import wrote one "added" line per OZG-Leistung', async () => {
    const added = await changesOf(firstRun);
    expect(added).toHaveLength(25);
    expect(added.every((c) => c.change === 'added' && c.fields === null)).toBe(true);
  });

  it('dry run names each OZG-Leistung it would deactivate, with its Leistungen and offerings, and writes nothing', async () => {
    const report = await importOzgCatalogue(t.dataSource, {
      files: [json('katalog_2.json', second)],
      edition: 'Testkatalog',
      dryRun: true,
      actor,
    });
    expect(report).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(report.counts).toMatchObject({ ozgDeactivated: 2, ozgUpdated: 2, ozgUnchanged: 21 });
    expect(report.details?.deactivations).toEqual([
      { ozgId: 10002, name: 'OZG 10002', leistungen: 1, offerings: 2 },
      { ozgId: 10003, name: 'OZG 10003', leistungen: 1, offerings: 1 },
    ]);
    expect(await t.dataSource.getRepository(OzgLeistung).countBy({ isActive: true })).toBe(25);
    expect(await changesOf(report.importRunId as number)).toEqual([]);
  });

  it('the real run writes a history line per change, with old and new values, under its run', async () => {
    const report = await importOzgCatalogue(t.dataSource, {
      files: [json('katalog_2.json', second)],
      edition: 'Testkatalog',
      actor,
    });
    expect(report.status).toBe('succeeded');
    const run = await t.dataSource.getRepository(ImportRun).findOneByOrFail({ id: report.importRunId as number });
    expect(run.kind).toBe('ozg-catalogue');
    const lines = (await changesOf(run.id)).map((c) => ({ ozgId: c.ozgId, change: c.change, fields: c.fields }));
    expect(lines).toEqual([
      {
        ozgId: 10001,
        change: 'changed',
        fields: {
          fokus: { from: null, to: true },
          fokusSource: { from: null, to: 'Testkatalog (katalog_2.json)' },
        },
      },
      { ozgId: 10002, change: 'deactivated', fields: null },
      { ozgId: 10003, change: 'deactivated', fields: null },
      { ozgId: 10004, change: 'changed', fields: { name: { from: 'OZG 10004', to: 'Neuer Name' } } },
    ]);
  });

  it('a catalogue listing them again reactivates them; a file without the fokus column keeps the flag', async () => {
    const report = await importOzgCatalogue(t.dataSource, {
      files: [
        json(
          'katalog_3.json',
          OZG_IDS.map((id) => row(id)),
        ),
      ],
      edition: 'Testkatalog',
      actor,
    });
    expect(report.counts).toMatchObject({ ozgReactivated: 2, ozgUpdated: 1 });
    const lines = (await changesOf(report.importRunId as number)).map((c) => [c.ozgId, c.change, c.fields]);
    expect(lines).toEqual([
      [10002, 'reactivated', { isActive: { from: false, to: true } }],
      [10003, 'reactivated', { isActive: { from: false, to: true } }],
      [10004, 'changed', { name: { from: 'Neuer Name', to: 'OZG 10004' } }],
    ]);
    expect(await t.dataSource.getRepository(OzgLeistung).findOneByOrFail({ ozgId: 10001 })).toMatchObject({
      fokus: true,
      fokusSource: 'Testkatalog (katalog_2.json)',
    });
  });

  it('refuses a one-row file that would deactivate 24 of 25, listing all 24; allowed, the dry run passes', async () => {
    const one = json('ein_eintrag.csv', [row(10001)]);
    const refused = await importOzgCatalogue(t.dataSource, { files: [one], edition: 'Testkatalog', actor });
    expect(refused.status).toBe('rejected');
    expect(refused.problems).toEqual([expect.objectContaining({ severity: 'error', code: 'mass-deactivation' })]);
    expect(refused.problems[0].detail).toMatch(
      /24 von 25 aktiven OZG-Leistungen deaktivieren \(daran hängen 3 Online-Angebote/,
    );
    const list = refused.details?.deactivations as { ozgId: number; offerings: number }[];
    expect(list).toHaveLength(24);
    expect(list.slice(0, 2)).toEqual([
      expect.objectContaining({ ozgId: 10002, offerings: 2 }),
      expect.objectContaining({ ozgId: 10003, offerings: 1 }),
    ]);
    expect(await t.dataSource.getRepository(OzgLeistung).countBy({ isActive: true })).toBe(25);
    expect(await changesOf(refused.importRunId as number)).toEqual([]);

    const allowed = await importOzgCatalogue(t.dataSource, {
      files: [one],
      edition: 'Testkatalog',
      dryRun: true,
      allowMassDeactivation: true,
      actor,
    });
    expect(allowed).toMatchObject({ status: 'succeeded', counts: { ozgDeactivated: 24 } });
  });

  it('over HTTP: 422 with the list, then 200 with allowMassDeactivation=true', async () => {
    const admin = await t.bearer('admin');
    const post = (query: string) =>
      request(t.app)
        .post(`/api/imports/ozg-catalogue${query}`)
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify([row(10001)]));
    const refused = await post('?dryRun=true');
    expect(refused.status).toBe(422);
    expect(refused.body.report.details.deactivations).toHaveLength(24);
    const allowed = await post('?dryRun=true&allowMassDeactivation=true');
    expect(allowed.status).toBe(200);
  });
});

describe('a Fokus/EfA list sets flags without replacing the catalogue', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { level: 'land', name: 'Bayern' });
    await importOzgCatalogue(t.dataSource, {
      files: [
        json(
          'katalog.json',
          OZG_IDS.slice(0, 3).map((id) => row(id)),
        ),
      ],
      edition: 'Testkatalog',
      actor,
    });
  });
  afterAll(() => t.close());

  const csv = (text: string) => ({ name: 'fokus.csv', buffer: Buffer.from(text, 'utf8') });
  const ozg = (ozgId: number) => t.dataSource.getRepository(OzgLeistung).findOneByOrFail({ ozgId });

  it('refuses unknown OZG-IDs and a list without flag column; writes nothing', async () => {
    const unknown = await importOzgFlags(t.dataSource, { file: csv('ozgid;fokus\n10001;ja\n19999;ja\n'), actor });
    expect(unknown.status).toBe('rejected');
    expect(unknown.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'ozgid', detail: expect.stringMatching(/19999 ist keine aktive/) }),
    ]);
    const noFlag = await importOzgFlags(t.dataSource, { file: csv('ozgid\n10001\n'), actor });
    expect(noFlag.problems[0].detail).toMatch(/braucht eine Spalte fokus oder efa/);
    expect((await ozg(10001)).fokus).toBeNull();
  });

  it('sets the listed flags with the given source, leaves the others, and writes history', async () => {
    const report = await importOzgFlags(t.dataSource, {
      file: csv('ozgid;ozg_bezeichnung;fokus;efa\n10001;Anderer Name;ja;\n10002;OZG 10002;nein;ja\n'),
      source: 'BMI, Fokusleistungen, Stand 03/2023',
      actor,
    });
    expect(report).toMatchObject({ status: 'succeeded', counts: { changed: 2, warnings: 1 } });
    expect(report.problems[0].detail).toMatch(/heißt im Katalog „OZG 10001“, in der Liste „Anderer Name“/);
    expect(await ozg(10001)).toMatchObject({
      fokus: true,
      fokusSource: 'BMI, Fokusleistungen, Stand 03/2023',
      efa: null,
    });
    expect(await ozg(10002)).toMatchObject({
      fokus: false,
      efa: true,
      efaSource: 'BMI, Fokusleistungen, Stand 03/2023',
    });
    expect(await ozg(10003)).toMatchObject({ fokus: null, efa: null, isActive: true });
    const lines = await t.dataSource
      .getRepository(OzgCatalogueChange)
      .find({ where: { importRunId: report.importRunId as number }, order: { ozgId: 'ASC' } });
    expect(lines.map((l) => [l.ozgId, l.change, Object.keys(l.fields ?? {})])).toEqual([
      [10001, 'changed', ['fokus', 'fokusSource']],
      [10002, 'changed', ['fokus', 'fokusSource', 'efa', 'efaSource']],
    ]);
    const again = await importOzgFlags(t.dataSource, {
      file: csv('ozgid;ozg_bezeichnung;fokus;efa\n10001;OZG 10001;ja;\n10002;OZG 10002;nein;ja\n'),
      actor,
    });
    expect(again).toMatchObject({ status: 'succeeded', unchanged: true });
    // Same values, new file: the first source stays.
    expect((await ozg(10001)).fokusSource).toBe('BMI, Fokusleistungen, Stand 03/2023');
  });

  it('over HTTP: POST /api/imports/ozg-flags', async () => {
    const admin = await t.bearer('admin');
    const res = await request(t.app)
      .post('/api/imports/ozg-flags?source=Testliste')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send('ozgid;fokus\n10003;ja\n');
    expect(res.status).toBe(200);
    expect(await ozg(10003)).toMatchObject({ fokus: true, fokusSource: 'Testliste' });
    const bad = await request(t.app)
      .post('/api/imports/ozg-flags')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send('ozgid;fokus\n10003;vielleicht\n');
    expect(bad.status).toBe(422);
  });
});

describe('Fokusleistung filter on the OZG reports', () => {
  let t: TestApp;
  let reader: string;

  beforeAll(async () => {
    t = await createTestApp();
    await buildWorld(t.dataSource);
    reader = await t.bearer('reader');
  });
  afterAll(() => t.close());

  const get = (path: string) => request(t.app).get(path).set('Authorization', reader);

  it('without any flag imported, fokus=true is a 400 that says so; the web form offers no checkbox', async () => {
    const res = await get('/api/reports/gaps?area=09&fokus=true');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ parameter: 'fokus' });
    await makeUser(t.dataSource, 'leser', 'reader');
    const agent = await signedInAgent(t.app, 'leser');
    expect((await agent.get('/gebiete/09/ozg')).text).not.toContain('name="fokus"');
    const page = await agent.get('/gebiete/09/ozg?fokus=ja');
    expect(page.text).toContain('keine OZG-Leistung als Fokusleistung markiert');
  });

  it('after a catalogue marks 10119 and 10160, the gap report of Land 09 counts only those two', async () => {
    // The world's catalogue as a file, with the fokus column (A, B: 10119; C, D: 10200; E: 10160).
    const rows = [
      ['99000000000001', 10119, 'Personalausweis', '2/3', 'ja'],
      ['99000000000002', 10119, 'Personalausweis', '1', 'ja'],
      ['99000000000003', 10200, 'Kfz-Zulassung', '2/3', 'nein'],
      ['99000000000004', 10200, 'Kfz-Zulassung', '4', 'nein'],
      ['99000000000005', 10160, 'Hundehaltung', '5', 'ja'],
    ].map(([key, ozgid, ozg, typ, fokus]) => ({
      leika_key: key,
      leika_name: `Leistung ${key}`,
      ozgid,
      ozg_bezeichnung: ozg,
      leika_typ: typ,
      fokus,
    }));
    const report = await importOzgCatalogue(t.dataSource, { files: [json('fokus.json', rows)], actor });
    expect(report.status).toBe('succeeded');

    const all = await get('/api/reports/gaps?area=09');
    expect(all.body.totals).toMatchObject({ ozgLeistungen: 3, relevant: 3, flaechendeckend: 1, inAtLeastOne: 3 });
    // Hand-checked: 10119 (A online in 3 of 4 Gemeinde units, not everywhere) and 10160 (E: the
    // Land's service covers all): 2 relevant, 1 flächendeckend. 10200 (Kreis) is left out.
    const fokus = await get('/api/reports/gaps?area=09&fokus=true');
    expect(fokus.status).toBe(200);
    expect(fokus.body.filter).toEqual({ fokus: true });
    expect(fokus.body.totals).toMatchObject({ ozgLeistungen: 2, relevant: 2, flaechendeckend: 1, inAtLeastOne: 2 });
    expect(fokus.body.ozgLeistungen.map((r: { ozgId: number }) => r.ozgId).sort()).toEqual([10119, 10160]);
    const rest = await get('/api/reports/gaps?area=09&fokus=false');
    expect(rest.body.ozgLeistungen.map((r: { ozgId: number }) => r.ozgId)).toEqual([10200]);

    // The kreisfreie Stadt carries Gemeinde and Kreis tasks: A, C, D, E (B is the Bund's); of these
    // only A (10119) and E (10160) are Fokusleistungen.
    const unit = await get('/api/reports/attainable?ags=09162000');
    expect(unit.body.totals).toMatchObject({ responsible: 4 });
    const unitFokus = await get('/api/reports/attainable?ags=09162000&fokus=true');
    expect(unitFokus.status).toBe(200);
    expect(unitFokus.body.totals).toMatchObject({ responsible: 2 });
    expect(unitFokus.body.leistungen.map((l: { schluessel: string }) => l.schluessel)).toEqual([
      '99000000000001',
      '99000000000005',
    ]);

    // The web page: the checkbox appears (2 marked), and checked it leaves out Kfz-Zulassung.
    const agent = await signedInAgent(t.app, 'leser');
    const plain = (await agent.get('/gebiete/09/ozg')).text;
    expect(plain).toContain('Nur Fokusleistungen (2 laut Katalog)');
    expect(plain).toContain('Kfz-Zulassung');
    const page = (await agent.get('/gebiete/09/ozg?fokus=ja')).text;
    expect(page).toMatch(/name="fokus" value="ja" checked/);
    expect(page).toContain('Personalausweis');
    expect(page).not.toContain('Kfz-Zulassung');
  });
});
