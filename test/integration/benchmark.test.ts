import ExcelJS from 'exceljs';
import request from 'supertest';
import { ComponentRecord } from '../../entities';
import { createDataSource } from '../../ormconfig';
import { componentsByCode } from '../../services/component.service';
import { createCliDatabase, runCli, type CliDatabase } from '../helpers/cli';
import { makeOperator, makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

const INTER_MUNICIPAL_LABEL = 'andere Kommune / Kreis (interkommunal)';

/**
 * One Landkreis whose five Gemeinden sit on the size-class boundaries (populations invented for
 * that): 400.001 (GK 1), 400.000 (GK 2), 10.000 (GK 6), 9.999 (GK 7) and one without a
 * population. The Kreis runs components for two of them: an `inter-municipal` operator,
 * entered once through the API and once through the inventory import.
 *
 * By hand: 07131005 has 1 component in use (1–2), 07131004 none recorded (no data), 07131001
 * three (3+), 07131002 one (1–2), 07131003 a record but none in use (none). Of 4 Gemeinden with
 * data: none 1 = 25 %, one or two 2 = 50 %, three or more 1 = 25 %.
 */
describe('survey benchmark by size class, with inter-municipal operators', () => {
  let t: TestApp;
  let admin: string;
  let reader: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer('admin');
    reader = await t.bearer('reader');
    await makeRegion(t.dataSource, '07', { name: 'Rheinland-Pfalz' });
    await makeRegion(t.dataSource, '07131', { name: 'Ahrweiler', typeLabel: 'Landkreis' });
    for (const [key, name, population] of [
      ['07131001', 'Grenzstadt Zehntausend', 10_000],
      ['07131002', 'Grenzdorf Neuntausend', 9_999],
      ['07131003', 'Ohnezahl', null],
      ['07131004', 'Vierhunderttausend', 400_000],
      ['07131005', 'Vierhunderttausendeins', 400_001],
    ] as const) {
      await makeRegion(t.dataSource, key, { name, population });
    }
  });
  afterAll(() => t.close());

  const get = (path: string) => request(t.app).get(path).set('Authorization', reader);
  const put = (ags: string, code: string, operator: object) =>
    request(t.app)
      .put(`/api/municipalities/${ags}/components/${code}`)
      .set('Authorization', admin)
      .send({ status: 'in-use', operator });

  it('accepts the operator type inter-municipal in the API, with its German label', async () => {
    const created = await request(t.app)
      .post('/api/operators')
      .set('Authorization', admin)
      .send({ name: 'Kreisverwaltung Ahrweiler', type: 'inter-municipal' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'inter-municipal', typeLabel: INTER_MUNICIPAL_LABEL });

    expect((await put('07131001', 'form-server', { name: 'Kreisverwaltung Ahrweiler' })).status).toBe(201);
    const search = await put('07131001', 'search', { name: 'Kreisverwaltung Ahrweiler', type: 'inter-municipal' });
    expect(search.status).toBe(201);
    expect(search.body.operator).toMatchObject({ name: 'Kreisverwaltung Ahrweiler', type: 'inter-municipal' });
    expect((await put('07131001', 'epayment', { name: 'Eigene IT Grenzstadt', type: 'own-it' })).status).toBe(201);
    // The German label is for people and imports; the API takes codes only.
    const label = await put('07131001', 'chatbot', { name: 'Kreisverwaltung Ahrweiler', type: 'interkommunal' });
    expect(label.status).toBe(422);
  });

  it('accepts it in the inventory import, by code or German word, and creates the operator', async () => {
    const csv = [
      'ags;component;status;operator;operator_type',
      '07131002;form-server;in-use;Verbandsgemeindeverwaltung Altenahr;interkommunal',
      '07131003;epayment;not-used;;',
      '07131003;search;planned;Kreisverwaltung Ahrweiler;inter-municipal',
      '07131005;chatbot;in-use;Chatwerk GmbH;private-provider',
    ].join('\r\n');
    const res = await request(t.app)
      .post('/api/imports/inventory?dryRun=false')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(`${csv}\r\n`, 'utf8'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'succeeded', problems: [], counts: { created: 4 } });
    const operators = await get('/api/operators?type=inter-municipal');
    expect(operators.body.items.map((o: { name: string }) => o.name).sort()).toEqual([
      'Kreisverwaltung Ahrweiler',
      'Verbandsgemeindeverwaltung Altenahr',
    ]);
  });

  it('computes the distribution in total and per KGSt size class, the survey figures beside it', async () => {
    const res = await get('/api/reports/benchmark?area=07131');
    expect(res.status).toBe(200);
    expect(res.body.total).toMatchObject({
      municipalities: 5,
      withData: 4,
      noData: 1,
      none: 1,
      oneToTwo: 2,
      threePlus: 1,
      shares: { none: 25, oneToTwo: 50, threePlus: 25 },
    });
    const rows = res.body.bySizeClass.map(
      (r: {
        key: string;
        municipalities: number;
        withData: number;
        none: number;
        oneToTwo: number;
        threePlus: number;
        shares: unknown;
      }) => [r.key, r.municipalities, r.withData, r.none, r.oneToTwo, r.threePlus, r.shares],
    );
    expect(rows).toEqual([
      ['gk1', 1, 1, 0, 1, 0, { none: 0, oneToTwo: 100, threePlus: 0 }],
      ['gk2', 1, 0, 0, 0, 0, null],
      ['gk3', 0, 0, 0, 0, 0, null],
      ['gk4', 0, 0, 0, 0, 0, null],
      ['gk5', 0, 0, 0, 0, 0, null],
      ['gk6', 1, 1, 0, 0, 1, { none: 0, oneToTwo: 0, threePlus: 100 }],
      ['gk7', 1, 1, 0, 1, 0, { none: 0, oneToTwo: 100, threePlus: 0 }],
      ['unknown', 1, 1, 1, 0, 0, { none: 100, oneToTwo: 0, threePlus: 0 }],
    ]);
    expect(res.body.bySizeClass[5]).toMatchObject({
      scope: 'sizeClass',
      name: 'GK 6: 10.000 bis unter 25.000 Einwohner',
    });
    expect(res.body.sizeClasses.classes).toHaveLength(7);
    expect(res.body.survey.figures.threePlus).toMatchObject({ value: 52, derived: true });
    expect(res.body.survey.figuresBySizeClass).toBeNull();
    expect(res.body.summary).toMatch(/25 % drei oder mehr \(52 %, abgeleitet\)/);
    expect(res.body.notes.join('\n')).toMatch(/Die Umfrage veröffentlicht ihre Verteilung nicht je Größenklasse/);
    expect(res.body.notes.join('\n')).toMatch(/Abgeleitet, kein Umfragewert: 100 − 16 − 32 = 52 %/);
  });

  it('shows the inter-municipal operators in the operator breakdown', async () => {
    const res = await get('/api/reports/benchmark?area=07131');
    const byComponent = new Map(
      res.body.operatorTypes.map((o: { component: string; inUse: number; types: unknown }) => [o.component, o]),
    );
    expect(byComponent.get('form-server')).toMatchObject({
      inUse: 2,
      types: { 'inter-municipal': { count: 2, share: 100 }, 'municipal-provider': { count: 0, share: 0 } },
    });
    expect(byComponent.get('search')).toMatchObject({
      inUse: 1,
      types: { 'inter-municipal': { count: 1, share: 100 } },
    });
    expect(byComponent.get('epayment')).toMatchObject({ types: { 'own-it': { count: 1, share: 100 } } });
  });

  it('exports the size classes in the CSV and the survey figures with their flag in the XLSX', async () => {
    const csv = await get('/api/reports/benchmark?area=07131&format=csv').buffer(true);
    const lines = csv.text.slice(1).split('\r\n');
    expect(lines[0].split(';')[15]).toBe('Umfrage 2019: drei oder mehr (%, abgeleitet)');
    expect(lines[1]).toBe('Gebiet;07131;Landkreis Ahrweiler;5;4;1;0;1;2;1;25;16;50;32;25;52;0');
    expect(lines).toContain(
      'Größenklasse;gk6;GK 6: 10.000 bis unter 25.000 Einwohner;1;1;0;0;0;0;1;0;16;0;32;100;52;0',
    );
    expect(lines).toContain('Größenklasse;gk2;GK 2: 200.000 bis 400.000 Einwohner;1;0;1;0;0;0;0;;16;;32;;52;0');
    expect(lines).toContain('Größenklasse;unknown;Einwohnerzahl unbekannt;1;1;0;0;1;0;0;100;16;0;32;0;52;0');

    const xlsx = await get('/api/reports/benchmark?area=07131&format=xlsx')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const figures = workbook.getWorksheet('Umfragewerte');
    expect(figures?.getRow(1).values).toEqual([
      undefined,
      'Komponenten im Einsatz',
      'Anteil (%)',
      'abgeleitet',
      'Hinweis',
    ]);
    expect((figures?.getRow(4).values as unknown[]).slice(1, 4)).toEqual(['drei oder mehr', 52, 'ja']);
    expect((figures?.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['keine', 16, 'nein']);
    const types = workbook.getWorksheet('Betreibertypen');
    expect(types?.getRow(1).values).toContain(`${INTER_MUNICIPAL_LABEL} (%)`);
  });

  it('shows size classes, the derived figure and the survey’s sample on the area page', async () => {
    await makeUser(t.dataSource, 'leserin', 'reader');
    const agent = await signedInAgent(t.app, 'leserin');
    const page = await agent.get('/gebiete/07131');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nach Größenklassen der KGSt (Einwohner)');
    expect(page.text).toMatch(
      /<th scope="row">GK 6: 10\.000 bis unter 25\.000 Einwohner<\/th><td class="num">1<\/td><td class="num">1<\/td>/,
    );
    expect(page.text).toContain('Umfrage 2019, alle Größen zusammen (keine Werte je Größenklasse veröffentlicht)');
    expect(page.text).toContain('Umfrage 52,0 % (abgeleitet)');
    expect(page.text).toContain('Worauf der Vergleich beruht');
    expect(page.text).toContain(
      'href="https://www.kgst.de/studie-wie-digital-sind-kommunen-in-deutschland-aufgestellt"',
    );
    expect(page.text).toContain('Online-Befragung von 412 Mitgliedskommunen der KGSt einschließlich Kreisen');
    expect(page.text).toContain(`<th scope="col">${INTER_MUNICIPAL_LABEL}</th>`);
    expect(page.text).toContain(`I = ${INTER_MUNICIPAL_LABEL}`);
  });
});

describe('report benchmark on the command line', () => {
  let db: CliDatabase;

  beforeAll(async () => {
    db = await createCliDatabase();
    expect((await runCli(db.url, ['db', 'migrate'])).exitCode).toBe(0);
    const dataSource = createDataSource(db.config);
    await dataSource.initialize();
    try {
      await makeRegion(dataSource, '07', { name: 'Rheinland-Pfalz' });
      await makeRegion(dataSource, '07131', { name: 'Ahrweiler', typeLabel: 'Landkreis' });
      const town = await makeRegion(dataSource, '07131001', { name: 'Grenzstadt Zehntausend', population: 10_000 });
      const village = await makeRegion(dataSource, '07131002', { name: 'Grenzdorf Neuntausend', population: 9_999 });
      const kreis = await makeOperator(dataSource, { name: 'Kreisverwaltung Ahrweiler', type: 'inter-municipal' });
      const components = await componentsByCode(dataSource.manager);
      for (const [region, code] of [
        [town, 'form-server'],
        [town, 'epayment'],
        [town, 'search'],
        [village, 'form-server'],
      ] as const) {
        await dataSource.getRepository(ComponentRecord).insert({
          regionId: region.id,
          componentId: components.get(code)?.id,
          status: 'in-use',
          operatorId: kreis.id,
          source: 'api',
        });
      }
    } finally {
      await dataSource.destroy();
    }
  });
  afterAll(() => db.cleanup());

  it('prints the table per size class, the derived figure and the inter-municipal operator type', async () => {
    const res = await runCli(db.url, ['report', 'benchmark', '--area', '07131']);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toContain(
      'Nach Größenklassen der KGSt (die Umfrage nennt keine Werte je Größenklasse; Umfrage 2019: 16 / 32 / 52 % (abgeleitet))',
    );
    // Gemeinden, mit Angaben, keine, ein bis zwei, drei oder mehr, then the three shares.
    expect(res.stdout).toMatch(/GK 6: 10\.000 bis unter 25\.000 Einwohner +1 +1 +0 +0 +1 +0 +0 +100\n/);
    expect(res.stdout).toMatch(/GK 7: unter 10\.000 Einwohner +1 +1 +0 +1 +0 +0 +100 +0\n/);
    expect(res.stdout).toMatch(/drei oder mehr +52 +ja\n/);
    expect(res.stdout).toContain(`${INTER_MUNICIPAL_LABEL} (%)`);
    expect(res.stdout).toMatch(/Stichprobe der Umfrage: Online-Befragung von 412 Mitgliedskommunen/);
  });
});
