import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { importOfferingsFile } from '../../cli/import-offerings.command';
import { AuditEvent, Offering, Region } from '../../entities';
import { importOzgCatalogue } from '../../importers/ozg/ozg.importer';
import { cliPrincipal } from '../../lib/principal';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const actor = { principal: cliPrincipal(), requestId: null };

const PERSONALAUSWEIS = '99008001000000';
const HUNDESTEUER = '99123001000000';
const FUEHRERSCHEIN = '99102005000000';

/** Dashboard data as the federal OZG dashboard's API publishes it, one object per area × Leistung. */
const DASHBOARD = [
  {
    leika_key: PERSONALAUSWEIS,
    leika_name: 'Personalausweis',
    ozgid: 10119,
    ozg_bezeichnung: 'Personalausweis',
    ars: '091840119119',
    url: 'https://www.unterschleissheim.de/ausweis',
    online_status: 'verfügbar',
    art_flaechendeckung: 'flächendeckend',
  },
  {
    leika_key: PERSONALAUSWEIS,
    ozgid: 10119,
    ars: '091840000000',
    url: 'https://www.landkreis-muenchen.de/ausweis',
    online_status: 'In Umsetzung',
    art_flaechendeckung: 'teilweise',
  },
  {
    leika_key: HUNDESTEUER,
    ozgid: 10160,
    ars: '090000000000',
    url: 'https://www.freistaat.bayern/hund',
    online_status: 1,
    art_flaechendeckung: 'ja',
    reifegrad: 3,
  },
  { leika_key: HUNDESTEUER, ars: '053150000000', url: null, online_status: 'nicht verfügbar', art_flaechendeckung: '' },
  { leika_key: FUEHRERSCHEIN, ars: '05315', url: '', online_status: '', art_flaechendeckung: 'punktuell' },
];

interface Problem {
  row?: number;
  column?: string;
  pointer?: string;
  detail: string;
  severity?: string;
}

describe('offerings import (OZG dashboard data)', () => {
  let t: TestApp;
  let admin: string;
  let reader: string;
  const regionIds = new Map<string, number>();

  const post = (body: string, type: string, auth: string, dryRun = false) =>
    request(t.app)
      .post(`/api/imports/offerings?dryRun=${dryRun}`)
      .set('Authorization', auth)
      .set('Content-Type', type)
      .send(body);
  const offering = (regionKey: string, schluessel: string) =>
    t.dataSource
      .getRepository(Offering)
      .createQueryBuilder('o')
      .innerJoin('o.leistung', 'l')
      .where('o.regionId = :region AND l.schluessel = :schluessel AND o.source = :source', {
        region: regionIds.get(regionKey),
        schluessel,
        source: 'dashboard',
      })
      .getOne();
  const countOf = (entity: typeof Offering | typeof AuditEvent) => t.dataSource.getRepository(entity).count();

  beforeAll(async () => {
    t = await createTestApp();
    const regions: [string, Partial<Region>][] = [
      ['09', { level: 'land', name: 'Bayern' }],
      ['09184', { level: 'kreis', name: 'München, Landkreis' }],
      ['09184119', { name: 'Unterschleißheim', ars: '091840119119', verbandKey: '091840119' }],
      ['09184999', { name: 'Aufgelöste Gemeinde', isCurrent: false, retiredGebietsstand: '2024-12-31' }],
      ['05', { level: 'land', name: 'Nordrhein-Westfalen' }],
      ['05315', { level: 'kreis', name: 'Köln', textCode: '41' }],
      ['05315000', { name: 'Köln, Stadt' }],
    ];
    for (const [key, overrides] of regions) regionIds.set(key, (await makeRegion(t.dataSource, key, overrides)).id);
    const catalogue = [
      [10119, 'Personalausweis', PERSONALAUSWEIS, 'Personalausweis', '2/3'],
      [10160, 'Hundehaltung', HUNDESTEUER, 'Hundesteuer', '5'],
      [10169, 'Führerschein', FUEHRERSCHEIN, 'Führerschein Ersterteilung', '2/3'],
    ].map(([ozgid, ozg, key, name, typ]) => ({
      ozgid,
      ozg_bezeichnung: ozg,
      leika_key: key,
      leika_name: name,
      leika_typ: typ,
    }));
    const report = await importOzgCatalogue(t.dataSource, {
      files: [{ name: 'katalog.json', buffer: Buffer.from(JSON.stringify(catalogue)) }],
      actor,
    });
    expect(report.status).toBe('succeeded');
    admin = await t.bearer('admin');
    reader = await t.bearer('reader');
  });
  afterAll(() => t.close());

  it('dry run: checks the JSON file and writes nothing', async () => {
    const res = await post(JSON.stringify(DASHBOARD), 'application/json', admin, true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'offerings', dryRun: true, counts: { rows: 5, created: 5, areas: 5 } });
    expect(await countOf(Offering)).toBe(0);
  });

  it('imports JSON with Gemeinde, padded Kreis and Land ARS, normalising status and coverage', async () => {
    const res = await post(JSON.stringify(DASHBOARD), 'application/json', admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'succeeded', unchanged: false });
    expect(res.body.counts).toEqual({ rows: 5, created: 5, updated: 0, unchanged: 0, areas: 5, areasChanged: 5 });
    expect(res.body.problems).toEqual([]);

    expect(await offering('09184119', PERSONALAUSWEIS)).toMatchObject({
      url: 'https://www.unterschleissheim.de/ausweis',
      status: 'online',
      flaechendeckend: true,
      coverageRaw: 'flächendeckend',
      maturityModel: null,
      importRunId: res.body.importRunId,
    });
    expect(await offering('09184', PERSONALAUSWEIS)).toMatchObject({
      status: 'planned',
      flaechendeckend: false,
      coverageRaw: 'teilweise',
    });
    expect(await offering('09', HUNDESTEUER)).toMatchObject({
      status: 'online',
      flaechendeckend: true,
      maturityModel: 'RGM-1.1',
      maturityLevel: 3,
      maturityCriteria: null,
    });
    expect(await offering('05315000', HUNDESTEUER)).toMatchObject({
      status: 'offline',
      url: null,
      flaechendeckend: false,
      coverageRaw: null,
    });
    expect(await offering('05315', FUEHRERSCHEIN)).toMatchObject({ status: 'unknown', coverageRaw: 'punktuell' });

    const list = await request(t.app).get('/api/municipalities/091840119119/offerings').set('Authorization', reader);
    expect(list.status).toBe(200);
    expect(list.body.municipality.key).toBe('09184119');
    expect(list.body.offerings).toEqual([
      expect.objectContaining({
        leistung: { schluessel: PERSONALAUSWEIS, name: 'Personalausweis', ozgId: 10119 },
        source: 'dashboard',
        status: 'online',
        statusLabel: 'online',
        flaechendeckend: true,
      }),
    ]);
  });

  it('re-importing the same file changes nothing', async () => {
    const audits = await countOf(AuditEvent);
    const res = await post(JSON.stringify(DASHBOARD), 'application/json', admin);
    expect(res.body).toMatchObject({ unchanged: true, counts: { created: 0, updated: 0, unchanged: 5 } });
    expect(await countOf(AuditEvent)).toBe(audits);
  });

  it('writes one audit event per changed area, with before and after per Leistung', async () => {
    const history = await request(t.app).get('/api/municipalities/09184/history').set('Authorization', reader);
    const imported = history.body.items.filter((e: { action: string }) => e.action === 'offerings.imported');
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({
      entityType: 'offerings',
      entityKey: '09184',
      before: { [PERSONALAUSWEIS]: null },
      after: { [PERSONALAUSWEIS]: expect.objectContaining({ status: 'planned', coverageRaw: 'teilweise' }) },
    });
  });

  it('takes the Reifegrad from criterion columns of a semicolon CSV (the lowest criterion sets the level)', async () => {
    const csv =
      'leika_key;ozgid;ars;online_status;reifegradmodell;kriterium_nutzerkonto;kriterium_bezahlprozess;Kriterium Once-Only\r\n' +
      `${PERSONALAUSWEIS};10119;91840119119;online;RGM 2.0;5;3;4\r\n`;
    const res = await post(csv, 'text/csv', admin);
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ created: 0, updated: 1 });
    // Excel dropped the leading zero of the ARS: put back, with a warning.
    expect(res.body.problems).toEqual([expect.objectContaining({ severity: 'warning', row: 2, column: 'ars' })]);
    expect(await offering('09184119', PERSONALAUSWEIS)).toMatchObject({
      status: 'online',
      maturityModel: 'RGM-2.0',
      maturityLevel: 3,
      maturityCriteria: { bezahlprozess: 3, nutzerkonto: 5, 'once-only': 4 },
      // No url or coverage column: the stored values stay.
      url: 'https://www.unterschleissheim.de/ausweis',
      coverageRaw: 'flächendeckend',
    });
  });

  it('reports every bad row at once and writes nothing', async () => {
    const csv = [
      'leika_key,ozgid,ars,url,online_status,art_flaechendeckung,reifegrad,kriterium_nutzerkonto,kriterium_bezahlprozess',
      `${PERSONALAUSWEIS},10119,091840119119,https://a.example/,vielleicht,ja,,,`,
      `${HUNDESTEUER},10160,091840119119,https://a.example/,online,ja,4,2,3`,
      `${FUEHRERSCHEIN},10169,091840119119,https://a.example/,online,ja,,4,6`,
      `99999999999999,,091840119119,https://a.example/,online,ja,,,`,
      `${PERSONALAUSWEIS},10119,099990000000,https://a.example/,online,ja,,,`,
      `${PERSONALAUSWEIS},10119,09184999,https://a.example/,online,ja,,,`,
      `${HUNDESTEUER},10160,05315000,ftp://a.example/,online,überall,,,`,
      `${FUEHRERSCHEIN},10119,05315000,https://a.example/,online,nein,,,`,
      `${FUEHRERSCHEIN},10169,053150000000,https://a.example/,online,nein,,,`,
    ].join('\n');
    const before = await countOf(Offering);
    const res = await post(csv, 'text/csv', admin);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: Problem) => [e.row, e.column])).toEqual([
      [2, 'online_status'],
      [3, 'reifegrad'],
      [4, 'kriterium_bezahlprozess'],
      [5, 'leika_key'],
      [6, 'ars'],
      [7, 'ars'],
      [8, 'url'],
      [8, 'art_flaechendeckung'],
      [10, 'leika_key'],
    ]);
    const details = res.body.errors.map((e: Problem) => e.detail);
    expect(details[0]).toContain('erlaubt: online, verfügbar');
    expect(details[1]).toContain('niedrigsten Kriterium (2)');
    expect(details[2]).toContain('0 bis 4');
    expect(details[3]).toContain('Keine Leistung mit dem Leistungsschlüssel 99999999999999');
    expect(details[5]).toContain('nicht mehr geführt');
    expect(details[8]).toContain('steht schon in Zeile 9');
    expect(res.body.report.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        row: 9,
        column: 'ozgid',
        detail: expect.stringContaining('OZG-ID 10119 passt nicht'),
      }),
    );
    expect(await countOf(Offering)).toBe(before);
  });

  it('limits an editor to the areas of its scope', async () => {
    const cologne = await t.bearer('editor', ['05315']);
    const refused = await post(JSON.stringify(DASHBOARD), 'application/json', cologne);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: Problem) => e.row)).toEqual([1, 2, 3]);
    expect(refused.body.errors[0]).toMatchObject({
      column: 'ars',
      pointer: '#/0/ars',
      detail: expect.stringContaining('nicht ändern'),
    });
    const own = DASHBOARD.slice(3).map((row) => ({ ...row, url: 'https://www.stadt-koeln.de/service' }));
    const res = await post(JSON.stringify(own), 'application/json', cologne);
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ updated: 2, areasChanged: 2 });
    const readerRes = await post(JSON.stringify(own), 'application/json', reader);
    expect(readerRes.status).toBe(403);
  });

  it('imports a file from the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offerings-'));
    try {
      const file = join(dir, 'dashboard.json');
      writeFileSync(file, JSON.stringify([{ ...DASHBOARD[4], online_status: 'online' }]));
      const report = await importOfferingsFile(t.dataSource, file);
      expect(report).toMatchObject({ source: 'dashboard.json', status: 'succeeded', counts: { updated: 1 } });
      expect(await offering('05315', FUEHRERSCHEIN)).toMatchObject({ status: 'online' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
