import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ImportRun } from '../../entities';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const HEADER = 'ags;component;status;operator;operator_type;product;valid_from;valid_to;note';
const BAD_ROWS = 50_000;

/** 50,000 rows, each with an unknown status: one error per row. */
function badCsv(): Buffer {
  const rows = [HEADER];
  for (let i = 0; i < BAD_ROWS; i += 1) rows.push('09184112;epayment;kaputt;;;;;;');
  return Buffer.from(rows.join('\r\n') + '\r\n', 'utf8');
}

describe('import answers and limits (issue 12, findings 1 and 5)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Bayern', level: 'land' });
    await makeRegion(t.dataSource, '09184', { name: 'München, Landkreis', level: 'kreis' });
    await makeRegion(t.dataSource, '09184112', { name: 'Gemeinde 09184112' });
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  it('a CSV with 50,000 bad rows gets a small answer that lists each problem once and states the total', async () => {
    const res = await request(t.app)
      .post('/api/imports/inventory?dryRun=true')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(badCsv());
    expect(res.status).toBe(422);
    expect(Buffer.byteLength(res.text)).toBeLessThan(1024 * 1024);
    const { errors, report } = res.body as {
      errors: { row: number; column: string; detail: string }[];
      report: {
        counts: Record<string, number>;
        problems: unknown[];
        importRunId: number;
        problemListing: Record<string, unknown>;
      };
    };
    const total = report.counts.errors + report.counts.warnings;
    expect(report.counts.errors).toBeGreaterThanOrEqual(BAD_ROWS);
    // Listed once: errors in `errors`, warnings (none here) in `report.problems`, 1,000 together.
    expect(errors).toHaveLength(1000);
    expect(errors[0]).toMatchObject({ row: 2, column: 'status' });
    expect(report.problems).toEqual([]);
    expect(report.problemListing).toMatchObject({
      total,
      errors: report.counts.errors,
      listed: 1000,
      download: `/api/imports/${report.importRunId}/problems?format=csv`,
    });
    const kinds = report.problemListing.kinds as { column: string; count: number }[];
    expect(kinds[0]).toMatchObject({ column: 'status', count: BAD_ROWS });
    expect(res.body.detail).toContain(`${total.toLocaleString('de-DE')} Fehler und Hinweise, hier die ersten 1.000`);
    expect(res.body.detail).toContain('(die ersten 10.000) steht als CSV unter');

    // The stored run keeps the first 10,000 problems and counts all of them.
    const run = await t.dataSource.manager.findOneByOrFail(ImportRun, { id: report.importRunId });
    expect(run.summary.problemCount).toBe(total);
    expect((run.summary.problems as unknown[]).length).toBe(10_000);

    const csv = await request(t.app)
      .get(`/api/imports/${report.importRunId}/problems?format=csv`)
      .set('Authorization', admin);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('severity;row;column;code;file;line;col;path;detail');
    expect(lines).toHaveLength(10_001);
    expect(lines[1]).toMatch(/^error;2;status;/);
  });

  it('the problems of a run are the admin’s or their own importer’s only', async () => {
    const editor = await t.bearer('editor', ['09184'], 'editor-a');
    const other = await t.bearer('editor', ['09184'], 'editor-b');
    const res = await request(t.app)
      .post('/api/imports/inventory?dryRun=true')
      .set('Authorization', editor)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(`${HEADER}\r\n09184112;epayment;kaputt;;;;;;\r\n`));
    expect(res.status).toBe(422);
    const runId = res.body.report.importRunId as number;
    expect(res.body.report.problemListing).toMatchObject({ total: 1, listed: 1 });
    expect(res.body.report.problemListing.note).toBeUndefined();
    const own = await request(t.app).get(`/api/imports/${runId}/problems`).set('Authorization', editor);
    expect(own.status).toBe(200);
    expect(own.text.trimEnd().split('\r\n')).toHaveLength(2);
    const foreign = await request(t.app).get(`/api/imports/${runId}/problems`).set('Authorization', other);
    expect(foreign.status).toBe(404);
    const reader = await request(t.app)
      .get(`/api/imports/${runId}/problems`)
      .set('Authorization', await t.bearer('reader'));
    expect(reader.status).toBe(403);
  });

  it('refuses the XFD workbook over the API with the German limit message, writing nothing', async () => {
    const res = await request(t.app)
      .post('/api/imports/inventory?dryRun=false')
      .set('Authorization', admin)
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(readFileSync(join(__dirname, '../fixtures/hostile/xfd-columns.xlsx')));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { detail: expect.stringMatching(/^Das Tabellenblatt nutzt Spalte XFD .*Grenze IMPORT_MAX_COLUMNS/) },
    ]);
  });
});
