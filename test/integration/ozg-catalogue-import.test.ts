import path from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { importOzgFiles } from '../../cli/import-ozg.command';
import { importRulesFile } from '../../cli/rules.command';
import { referenceDataDir } from '../../lib/paths';
import { ImportRun, Leistung, LeistungResponsibility, OzgLeistung } from '../../entities';
import { importOzgCatalogue, SHIPPED_EDITION } from '../../importers/ozg/ozg.importer';
import { cliPrincipal } from '../../lib/principal';
import { searchKey } from '../../lib/text';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const SHARED = path.resolve(__dirname, '../../../shared/data');
const PAIR = [path.join(SHARED, 'ozg_leistungen_2019.csv'), path.join(SHARED, 'ozg_leika_leistungen_2019.csv')];
const LAENDER = Array.from({ length: 16 }, (_, i) => String(i + 1).padStart(2, '0'));
const actor = { principal: cliPrincipal(), requestId: null };

interface Problem {
  severity: string;
  code?: string;
  row?: number;
  column?: string;
  pointer?: string;
  detail: string;
}

async function laender(dataSource: DataSource): Promise<void> {
  for (const key of LAENDER) await makeRegion(dataSource, key, { level: 'land', name: `Land ${key}` });
}

const leistung = (t: TestApp, schluessel: string) =>
  t.dataSource.getRepository(Leistung).findOneByOrFail({ schluessel });
const count = (
  t: TestApp,
  entity: typeof OzgLeistung | typeof Leistung | typeof LeistungResponsibility | typeof ImportRun,
  where = {},
) => t.dataSource.getRepository(entity).countBy(where);
const json = (rows: object[]) => ({ name: 'katalog_2024.json', buffer: Buffer.from(JSON.stringify(rows), 'utf8') });

describe('OZG catalogue import: the real 2019 catalogue', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await laender(t.dataSource);
    // The shipped rule table, as an administrator would import it: the catalogue's responsibility rests on it.
    await importRulesFile(t.dataSource, path.join(referenceDataDir, 'zustaendigkeitsregeln.csv'));
  });
  afterAll(() => t.close());

  it('dry run reports what the pair would create and writes nothing but its run record', async () => {
    const report = await importOzgFiles(t.dataSource, PAIR, { dryRun: true });
    expect(report).toMatchObject({ status: 'succeeded', dryRun: true, unchanged: false });
    expect(report.counts).toMatchObject({ ozgCreated: 557, created: 4813 });
    expect(await count(t, OzgLeistung)).toBe(0);
    expect(await count(t, Leistung)).toBe(0);
    expect(await count(t, LeistungResponsibility)).toBe(0);
    expect(await count(t, ImportRun, { kind: 'ozg-catalogue', dryRun: true })).toBe(1);
  });

  it('imports 557 OZG-Leistungen and 4,813 Leistungen; rows without key or OZG-ID are warnings', async () => {
    const report = await importOzgFiles(t.dataSource, PAIR);
    expect(report.status).toBe('succeeded');
    expect(report.details?.edition).toBe(SHIPPED_EDITION);
    expect(report.counts).toMatchObject({
      rows: 557 + 5249,
      ozgLeistungen: 557,
      ozgCreated: 557,
      leistungen: 4813,
      created: 4813,
      withoutOzgId: 16,
      skippedRows: 436,
      removed: 0,
    });
    const problems = report.problems as Problem[];
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(problems.filter((p) => p.code === 'not-in-leika')).toHaveLength(436);
    expect(problems.filter((p) => p.code === 'no-ozg-id')).toHaveLength(26);
    expect(problems.find((p) => p.code === 'not-in-leika')).toMatchObject({
      row: 4815,
      column: 'leistungsschluessel',
      file: 'ozg_leika_leistungen_2019.csv',
    });

    expect(await count(t, OzgLeistung, { isActive: true })).toBe(557);
    expect(await count(t, Leistung, { inCatalogue: true })).toBe(4813);
    expect(await t.dataSource.getRepository(OzgLeistung).findOneByOrFail({ ozgId: 10119 })).toMatchObject({
      name: 'Personalausweis',
      themenfeldId: 10,
      themenfeld: 'Querschnitt',
      lebenslageId: 37,
      lebenslage: 'Querschnitt Bürger',
      edition: SHIPPED_EDITION,
      isActive: true,
    });
    const personalausweis = await leistung(t, '99008001000000');
    expect(personalausweis).toMatchObject({
      name: 'Personalausweis',
      nameSearch: 'personalausweis',
      ozgId: 10119,
      typisierung: '2/3',
      typisierungSource: 'catalogue',
      sdgRelevant: true,
      feeBearing: null,
      inCatalogue: true,
      fromFim: false,
      isActive: true,
    });
    expect(personalausweis.legalBasis).toContain('Personalausweisgesetz (PAuswG)');
    expect(await leistung(t, '99001011000000')).toMatchObject({ ozgId: 10484, typisierung: '1' });
    expect(await leistung(t, '99089003000000')).toMatchObject({ ozgId: null, inCatalogue: true, typisierung: '2/3' });
    expect(await count(t, Leistung, { ozgId: 10119 })).toBe(48);
  });

  it('rebuilds the responsibility: one row per catalogued Leistung with OZG-ID and Land', async () => {
    const withOzg = 4813 - 16;
    expect(await count(t, LeistungResponsibility)).toBe(withOzg * 16);
    const [{ gaps }] = await t.dataSource.query(
      `SELECT COUNT(*) AS "gaps" FROM "leistungen" l WHERE l."ozg_id" IS NOT NULL AND
         (SELECT COUNT(DISTINCT r."land_key") FROM "leistung_responsibilities" r WHERE r."leistung_id" = l."id") <> 16`,
    );
    expect(Number(gaps)).toBe(0);
    const personalausweis = await leistung(t, '99008001000000');
    const rows = await t.dataSource.getRepository(LeistungResponsibility).findBy({ leistungId: personalausweis.id });
    expect(rows.map((r) => [r.level, r.source])).toEqual(Array(16).fill(['gemeinde', 'regel']));
    const run = await t.dataSource.getRepository(ImportRun).findOneByOrFail({ kind: 'ozg-catalogue', dryRun: false });
    expect(run.summary).toMatchObject({ unchanged: false, counts: expect.objectContaining({ created: 4813 }) });
  });

  it('re-running the same files changes nothing', async () => {
    const before = await leistung(t, '99008001000000');
    const responsibilityIds = (
      await t.dataSource.getRepository(LeistungResponsibility).find({ take: 5, order: { id: 'ASC' } })
    ).map((r) => r.id);
    const report = await importOzgFiles(t.dataSource, PAIR);
    expect(report).toMatchObject({ status: 'succeeded', unchanged: true });
    expect(report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 4813, ozgUnchanged: 557, removed: 0 });
    expect(report.details?.responsibility).toBeNull();
    expect((await leistung(t, '99008001000000')).updatedAt).toEqual(before.updatedAt);
    const after = (
      await t.dataSource.getRepository(LeistungResponsibility).find({ take: 5, order: { id: 'ASC' } })
    ).map((r) => r.id);
    expect(after).toEqual(responsibilityIds);
  });
});

describe('OZG catalogue import: a newer catalogue replaces the old one', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await laender(t.dataSource);
    // A Leistung FIM described first: its Typisierung and name must survive the catalogue.
    await t.dataSource.getRepository(Leistung).save({
      schluessel: '99008001011000',
      name: 'Personalausweis ändern (FIM)',
      nameSearch: searchKey('Personalausweis ändern (FIM)'),
      typisierung: '3',
      typisierungSource: 'fim',
      fromFim: true,
      isActive: true,
      inCatalogue: false,
    });
    await importOzgFiles(t.dataSource, PAIR);
  });
  afterAll(() => t.close());

  it('keeps the Typisierung and name from FIM but takes the OZG-ID and legal basis', async () => {
    expect(await leistung(t, '99008001011000')).toMatchObject({
      name: 'Personalausweis ändern (FIM)',
      typisierung: '3',
      typisierungSource: 'fim',
      ozgId: 10119,
      inCatalogue: true,
      fromFim: true,
    });
    expect((await leistung(t, '99008001011000')).legalBasis).toContain('§ 27 Absatz 1 Nummer 1 Personalausweisgesetz');
  });

  const newer = [
    {
      ozgid: 10119,
      ozg_bezeichnung: 'Personalausweis',
      themenfeld: 'Querschnitt',
      lebenslage: 'Querschnitt Bürger',
      leika_key: '99008001000000',
      leika_name: 'Personalausweis',
      leika_typ: '2/3',
      gebuehrenpflichtig: 'ja',
      vertrauensniveau: 'hoch',
    },
    {
      ozgid: 10119,
      ozg_bezeichnung: 'Personalausweis',
      leika_key: '99008001011000',
      leika_name: 'Personalausweis Änderung',
      leika_typ: '2/3',
    },
    {
      ozgid: 10700,
      ozg_bezeichnung: 'Digitale Neuheit',
      themenfeld: 'Querschnitt',
      leika_key: '99999001000000',
      leika_name: 'Neue Leistung',
      leika_typ: '5',
    },
  ];

  it('dry run: reports the replacement and writes nothing', async () => {
    const report = await importOzgCatalogue(t.dataSource, { files: [json(newer)], dryRun: true, actor });
    expect(report.counts).toMatchObject({ ozgCreated: 1, ozgDeactivated: 556, created: 1, removed: 4811 });
    expect(await count(t, OzgLeistung, { isActive: true })).toBe(557);
    expect(await count(t, Leistung, { inCatalogue: true })).toBe(4813);
  });

  it('deactivates OZG-Leistungen and takes Leistungen out that the newer catalogue no longer lists', async () => {
    // 556 of 557 deactivated: refused without the explicit permission (see ozg-catalogue-history.test.ts).
    const report = await importOzgCatalogue(t.dataSource, { files: [json(newer)], actor, allowMassDeactivation: true });
    expect(report).toMatchObject({ status: 'succeeded', unchanged: false });
    expect(report.details?.edition).toBe('OZG-Katalog katalog_2024');
    expect(report.counts).toMatchObject({
      ozgLeistungen: 2,
      ozgCreated: 1,
      ozgUpdated: 1,
      ozgDeactivated: 556,
      leistungen: 3,
      created: 1,
      // 99008001011000 keeps FIM's name and Typisierung, and the file has no legal basis column.
      updated: 1,
      unchanged: 1,
      removed: 4811,
    });
    expect(report.details?.responsibility).toMatchObject({ leistungen: 3, laender: 16, byRule: 48 });

    expect(await count(t, OzgLeistung, { isActive: true })).toBe(2);
    const ozgRepo = t.dataSource.getRepository(OzgLeistung);
    expect(await ozgRepo.findOneByOrFail({ ozgId: 10169 })).toMatchObject({
      isActive: false,
      edition: SHIPPED_EDITION,
    });
    expect(await ozgRepo.findOneByOrFail({ ozgId: 10700 })).toMatchObject({
      name: 'Digitale Neuheit',
      isActive: true,
      edition: 'OZG-Katalog katalog_2024',
      lebenslage: null,
    });
    expect(await count(t, Leistung, { inCatalogue: true })).toBe(3);
    // Not listed, not from FIM: no OZG-ID, inactive, still there.
    expect(await leistung(t, '99001011000000')).toMatchObject({ ozgId: null, inCatalogue: false, isActive: false });
    expect(await leistung(t, '99008001000000')).toMatchObject({
      feeBearing: true,
      vertrauensniveau: 'hoch',
      ozgId: 10119,
    });
    expect(await leistung(t, '99008001011000')).toMatchObject({ typisierung: '3', typisierungSource: 'fim' });
    expect(await leistung(t, '99999001000000')).toMatchObject({
      name: 'Neue Leistung',
      typisierung: '5',
      typisierungSource: 'catalogue',
      ozgId: 10700,
      isActive: true,
    });
    expect(await count(t, LeistungResponsibility)).toBe(3 * 16);
  });

  it('keeps a Leistung FIM describes active when the catalogue drops it', async () => {
    const report = await importOzgCatalogue(t.dataSource, { files: [json(newer.slice(0, 1))], actor });
    expect(report.counts).toMatchObject({ removed: 2, ozgDeactivated: 1 });
    expect(await leistung(t, '99008001011000')).toMatchObject({
      ozgId: null,
      inCatalogue: false,
      isActive: true,
      fromFim: true,
    });
  });
});

describe('OZG catalogue import: file variants and row errors', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await laender(t.dataSource);
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  const post = (body: string | Buffer, type: string, auth: string | undefined, query = '') => {
    const r = request(t.app).post(`/api/imports/ozg-catalogue${query}`).set('Content-Type', type);
    return (auth ? r.set('Authorization', auth) : r).send(body);
  };

  it('reads a semicolon CSV with BOM and German headers', async () => {
    const csv =
      '\uFEFFLeistungsschlüssel;Leistung;LeiKa-Typ;OZG-ID;OZG-Leistung;Themenfeld;Lebenslage;gebührenpflichtig;SDG1-Relevanz\r\n' +
      '99008001000000;Personalausweis;2/3;10119;Personalausweis;Querschnitt;Querschnitt Bürger;ja;nein\r\n' +
      '99123001000000;Hundesteuer;5;10160;Hundehaltung;Querschnitt;Querschnitt Bürger;nein;nein\r\n';
    const res = await post(csv, 'text/csv', admin, '?edition=Testkatalog%202024');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'ozg-catalogue',
      status: 'succeeded',
      details: { edition: 'Testkatalog 2024' },
    });
    expect(res.body.details.files[0]).toMatchObject({ delimiter: ';', encoding: 'utf-8-bom' });
    expect(await leistung(t, '99123001000000')).toMatchObject({ feeBearing: false, sdgRelevant: false, ozgId: 10160 });
    expect(await t.dataSource.getRepository(OzgLeistung).findOneByOrFail({ ozgId: 10160 })).toMatchObject({
      name: 'Hundehaltung',
      edition: 'Testkatalog 2024',
    });
  });

  it('reads a JSON array (numbers as numbers) sent as application/json', async () => {
    const rows = [
      {
        ozg_id: 10119,
        ozg_leistung: 'Personalausweis',
        leistungsschluessel: 99008001000000,
        leistung: 'Personalausweis',
        typisierung: '2/3',
      },
    ];
    const res = await post(JSON.stringify(rows), 'application/json', admin);
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ leistungen: 1, ozgLeistungen: 1, removed: 1, ozgDeactivated: 1 });
    expect(res.body.details.files[0]).toMatchObject({ format: 'json' });
    // JSON larger than the 1 MB limit of JSON request bodies is still a file: the import limit applies.
    const padded = `${JSON.stringify(rows)}${' '.repeat(1_100_000)}`;
    const large = await post(padded, 'application/json', admin, '?dryRun=true');
    expect(large.status).toBe(200);
    expect(large.body.counts).toMatchObject({ leistungen: 1 });
    // As octet-stream the content says it is JSON.
    const raw = await request(t.app)
      .post('/api/imports/ozg-catalogue')
      .set('Authorization', admin)
      .set('Content-Type', 'application/octet-stream')
      .set('Content-Disposition', 'attachment; filename="katalog_2025.json"')
      .send(Buffer.from(JSON.stringify(rows)));
    expect(raw.status).toBe(200);
    expect(raw.body).toMatchObject({
      source: 'katalog_2025.json',
      unchanged: false,
      details: { edition: 'OZG-Katalog katalog_2025' },
    });
  });

  it('reports every row error at once with row and column, and writes nothing', async () => {
    const csv = [
      'leika_key,leika_name,leika_typ,ozgid,ozg_bezeichnung,sdg1_relevant',
      '99008001000000,Personalausweis,2/3,10119,Personalausweis,ja',
      '9900800100000,Zu kurz,2/3,10119,Personalausweis,ja',
      '99008001011000,Typ falsch,x7,10119,Personalausweis,ja',
      '99008001011001,OZG falsch,2/3,abc,Personalausweis,ja',
      '99008001000000,Doppelt,2/3,10119,Personalausweis,ja',
      '99008001011002,SDG falsch,2/3,10119,Personalausweis,vielleicht',
      '99008001011003,,2/3,10119,Personalausweis,ja',
      'nicht im LeiKa,Ohne Schlüssel,2/3,10119,Personalausweis,nein',
    ].join('\n');
    const before = await count(t, Leistung);
    const dry = await post(csv, 'text/csv', admin, '?dryRun=true');
    const res = await post(csv, 'text/csv', admin);
    for (const r of [dry, res]) {
      expect(r.status).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body.report.status).toBe('rejected');
      expect(r.body.errors.map((e: Problem) => [e.row, e.column])).toEqual([
        [3, 'leika_key'],
        [4, 'leika_typ'],
        [5, 'ozgid'],
        [6, 'leika_key'],
        [7, 'sdg1_relevant'],
        [8, 'leika_name'],
      ]);
    }
    expect(res.body.errors[0].detail).toContain('ist kein Leistungsschlüssel');
    expect(res.body.errors[3].detail).toContain('steht schon in Zeile 2');
    expect(res.body.report.counts).toMatchObject({ errors: 6, rowsWithErrors: 6, warnings: 1 });
    expect(await count(t, Leistung)).toBe(before);
  });

  it('points into a JSON file with JSON pointers; unknown columns are errors', async () => {
    const bad = await post(
      JSON.stringify([{ ozgid: 1, ozg_bezeichnung: 'A', leika_key: '99008001000000', leika_name: 'A', farbe: 'rot' }]),
      'application/json',
      admin,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ column: 'farbe', detail: expect.stringContaining('Unbekannte Spalte') }),
    ]);
    const res = await post(
      JSON.stringify([{ ozgid: 10119, ozg_bezeichnung: 'P', leika_key: 'x', leika_name: 'A' }]),
      'application/json',
      admin,
    );
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 1, column: 'leika_key', pointer: '#/0/leika_key' }),
    ]);
  });

  it('needs an admin token', async () => {
    expect((await post('leika_key\n', 'text/csv', undefined)).status).toBe(401);
    expect((await post('leika_key\n', 'text/csv', await t.bearer('editor', ['09']))).status).toBe(403);
    expect((await post('<x/>', 'application/xml', admin)).status).toBe(415);
  });
});
