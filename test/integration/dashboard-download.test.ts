/**
 * The dashboard's CSV and XLSX downloads (`filetype=csv|xlsx`) of the same seven records as the
 * paged fixture: the CSV from the command line, the XLSX through the API, both giving the
 * offerings the JSON pages give.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { importOfferingsFile } from '../../cli/import-offerings.command';
import { Offering } from '../../entities';
import { readCsv, XLSX_MEDIA_TYPE } from '../../importers/tabular';
import { buildDashboardWorld, fixture } from '../helpers/dashboard-world';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** What the seven records become, by area key and Leistungsschlüssel (hand-checked against the fixtures). */
const EXPECTED = [
  ['01051044', '99102013000000', 'online', false, 'in mind. einer Kommune verfügbar', null],
  ['01', '99041006000000', 'online', true, 'bundesweit flächendeckend', null],
  [
    '01051011',
    '99008001000000',
    'online',
    false,
    'in mind. einer Kommune verfügbar',
    'Dashboard: Link nicht funktionsfähig (online_status „nicht ok“).',
  ],
  [
    '01051',
    '99102013002000',
    'offline',
    false,
    'nicht in Auswertung berücksichtigt',
    'Dashboard: OZG-Leistung nicht aktiv (aktiv „nein“).',
  ],
  ['01051016', '99008001000000', 'online', true, 'kreisweit flächendeckend', null],
  ['01051', '99008001012000', 'online', true, 'kreisweit flächendeckend', null],
  ['01051044', '99041006017000', 'online', true, 'landesweit flächendeckend', null],
];

async function stored(t: TestApp) {
  const rows = await t.dataSource
    .getRepository(Offering)
    .createQueryBuilder('o')
    .innerJoin('o.leistung', 'l')
    .innerJoin('o.region', 'r')
    .select(['r.key AS "key"', 'l.schluessel AS "schluessel"', 'o.status AS "status"'])
    .addSelect(['o.flaechendeckend AS "flaechendeckend"', 'o.coverage_raw AS "coverage"', 'o.note AS "note"'])
    .where('o.source = :source', { source: 'dashboard' })
    .getRawMany<{
      key: string;
      schluessel: string;
      status: string;
      flaechendeckend: unknown;
      coverage: string;
      note: string | null;
    }>();
  return rows
    .map((r) => [r.key, r.schluessel, r.status, Boolean(Number(r.flaechendeckend)), r.coverage, r.note])
    .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
}

const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));

describe('offerings import: the dashboard CSV and XLSX downloads', () => {
  let t: TestApp;
  let dir: string;

  beforeEach(async () => {
    t = await createTestApp();
    await buildDashboardWorld(t.dataSource);
    dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('imports the CSV download from the command line, and again unchanged', async () => {
    const file = join(dir, 'dashboard-01051.csv');
    writeFileSync(file, fixture('dashboard-01051.csv'));
    const report = await importOfferingsFile(t.dataSource, file, { dryRun: false });
    expect(report).toMatchObject({ status: 'succeeded', counts: { rows: 7, created: 7 } });
    expect(report.problems.map((p) => [p.severity, p.row, p.column])).toEqual([
      ['warning', 4, 'online_status'],
      ['warning', 5, 'aktiv'],
    ]);
    expect(await stored(t)).toEqual(sorted(EXPECTED));
    const again = await importOfferingsFile(t.dataSource, file, { dryRun: false });
    expect(again).toMatchObject({ status: 'succeeded', unchanged: true });
  });

  it('imports the XLSX download through the API, keys as numbers with the leading zero lost', async () => {
    const csv = await readCsv(fixture('dashboard-01051.csv'));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Daten');
    sheet.addRow(csv.headers);
    const numeric = new Set(['ars', 'ozgid', 'leika_key', 'ars_federal_state']);
    for (const row of csv.rows) {
      // A spreadsheet turns digit strings into numbers: 010510044044 → 10510044044, 01 → 1.
      sheet.addRow(row.cells.map((cell, i) => (numeric.has(csv.headers[i]) && cell !== '' ? Number(cell) : cell)));
    }
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const admin = await t.bearer('admin');
    const res = await request(t.app)
      .post('/api/imports/offerings')
      .set('Authorization', admin)
      .set('Content-Type', XLSX_MEDIA_TYPE)
      .send(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'succeeded', counts: { rows: 7, created: 7 } });
    expect((res.body.problems as { detail: string }[]).map((p) => p.detail)).toEqual([
      expect.stringContaining('In 7 Zeile(n) (z. B. 2, 3, 4, 5, 6) fehlte dem Gebietsschlüssel die führende Null'),
      expect.stringContaining('Der Link funktioniert laut Dashboard nicht'),
      expect.stringContaining('nicht aktiv'),
    ]);
    expect(await stored(t)).toEqual(sorted(EXPECTED));
  });
});
