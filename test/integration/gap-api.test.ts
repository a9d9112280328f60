/** The gap report endpoints, their exports, the monthly snapshots behind the trend, and the CLI. */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createDataSource } from '../../ormconfig';
import { takeSnapshot } from '../../reports/gaps/snapshots';
import { createCliDatabase, runCli } from '../helpers/cli';
import { buildWorld } from '../helpers/ozg-world';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('gap report API', () => {
  let t: TestApp;
  let reader: string;

  beforeAll(async () => {
    t = await createTestApp();
    await buildWorld(t.dataSource);
    reader = await t.bearer('reader');
  });
  afterAll(() => t.close());

  const get = (path: string) => request(t.app).get(path).set('Authorization', reader);

  it('needs a token and answers 400/404 for bad areas and targets', async () => {
    expect((await request(t.app).get('/api/reports/gaps?area=09')).status).toBe(401);
    expect((await get('/api/reports/gaps?area=123456')).status).toBe(400);
    expect((await get('/api/reports/gaps?area=08')).status).toBe(404);
    const badTarget = await get('/api/reports/gaps?area=09&target=RGM-1.1:7');
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.errors[0]).toMatchObject({ parameter: 'target' });
    expect((await get('/api/reports/gaps?area=09&themenfeld=Raumfahrt')).status).toBe(400);
    expect((await get('/api/reports/attainable?ags=09162')).status).toBe(404); // kreisfreie Stadt: use 09162000
  });

  it('returns the report with definitions, the catalogue note and the dashboard rule', async () => {
    const res = await get('/api/reports/gaps?area=09&target=RGM-1.1:3');
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ relevant: 3, flaechendeckend: 1, dashboardFlaechendeckend: 2 });
    expect(res.body.catalogue.edition).toBe('Testkatalog 2026');
    expect(res.body.definitions.join(' ')).toMatch(/Dashboard-Regel/);
    const filtered = await get('/api/reports/gaps?area=09&ozgId=10200');
    expect(filtered.body.ozgLeistungen).toHaveLength(1);
  });

  it('exports CSV with a BOM and German headers, and XLSX', async () => {
    const csv = await get('/api/reports/gaps?area=09&format=csv').buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/OZG-Luecken/);
    const text = csv.text ?? csv.body.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toMatch(/OZG-ID;OZG-Leistung;Themenfeld/);
    expect(text).toMatch(/10160;Hundehaltung;.*;ja;/);
    const xlsx = await get('/api/reports/attainable?ags=09184002&format=xlsx')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Leistungen');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Leistungsschlüssel');
    expect(sheet?.rowCount).toBeGreaterThan(1);
  });

  it('keeps one snapshot per month and shows the trend', async () => {
    await takeSnapshot(t.dataSource, '09', undefined, new Date('2026-10-15T12:00:00Z'));
    await takeSnapshot(t.dataSource, '09', undefined, new Date('2026-11-02T12:00:00Z'));
    await takeSnapshot(t.dataSource, '09', undefined, new Date('2026-11-20T12:00:00Z'));
    const res = await get('/api/reports/gaps/history?area=09&ozgId=10119');
    expect(res.status).toBe(200);
    expect(res.body.months.map((m: { month: string }) => m.month)).toEqual(['2026-10', '2026-11']);
    expect(res.body.months[1].takenAt).toBe('2026-11-20T12:00:00.000Z');
    expect(res.body.months[1].ozg).toEqual({
      responsibleUnits: 4,
      metUnits: 2,
      dashboardUnits: 3,
      blockedUnits: 1,
      noDataUnits: 1,
    });
    expect(res.body.months[0].totals.flaechendeckend).toBe(1);
    const none = await get('/api/reports/gaps/history?area=09184');
    expect(none.body.months).toEqual([]);
  });
});

describe('gap report CLI', () => {
  it('prints the gaps of an area, the attainable report and takes the monthly snapshots', async () => {
    const db = await createCliDatabase();
    try {
      const dataSource = createDataSource(db.config);
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      await buildWorld(dataSource);
      await dataSource.destroy();
      const gaps = await runCli(db.url, ['report', 'gaps', '--area', '09']);
      expect(gaps.exitCode).toBe(0);
      expect(gaps.stdout).toMatch(/Hundehaltung/);
      const json = await runCli(db.url, ['report', 'gaps', '--area', '09', '--target', '4', '--format', 'json']);
      expect(JSON.parse(json.stdout).target.text).toBe('RGM-1.1:4');
      const attainable = await runCli(db.url, ['report', 'attainable', '--ags', '09184002']);
      expect(attainable.stdout).toMatch(/Formularserver ergänzen/);
      const bad = await runCli(db.url, ['report', 'gaps', '--area', '09', '--target', 'hoch']);
      expect(bad.exitCode).toBe(1);
      expect(bad.stderr).toMatch(/--target erwartet/);
      const snapshot = await runCli(db.url, ['report', 'snapshot']);
      expect(snapshot.stdout).toMatch(/Monatsstände gespeichert/);
      expect((await runCli(db.url, ['report', 'snapshot'])).stdout).toMatch(/liegen schon vor/);
    } finally {
      await db.cleanup();
    }
  });
});
