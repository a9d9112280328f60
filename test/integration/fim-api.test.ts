/** The FIM import endpoint and the Leistungen / schema read API over HTTP. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { SAMPLES_DIR, readXzufiFixture } from '../unit/fim/fim-test-helpers';

describe('FIM API', () => {
  let t: TestApp;
  let admin: string;

  const post = (xml: Buffer | string, auth?: string, dryRun = false, type = 'application/xml') => {
    const req = request(t.app).post(`/api/imports/fim?dryRun=${dryRun}`).set('Content-Type', type);
    if (auth) req.set('Authorization', auth);
    return req.send(Buffer.from(xml));
  };
  const sample = (name: string) => readFileSync(join(SAMPLES_DIR, name));

  beforeAll(async () => {
    t = await createTestApp({ fimImportMaxBytes: 2 * 1024 * 1024 });
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  it('needs an admin token: none 401, editor 403', async () => {
    const xml = readXzufiFixture('xzufi-2.2.0-transfer.xml');
    expect((await post(xml)).status).toBe(401);
    expect((await post(xml, await t.bearer('editor', ['09162']))).status).toBe(403);
  });

  it('refuses other media types (415) and empty bodies (400)', async () => {
    const wrong = await post('<a/>', admin, false, 'text/csv');
    expect(wrong.status).toBe(415);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await post('', admin)).status).toBe(400);
  });

  it('a dry run reports what would be created and writes nothing', async () => {
    const res = await post(readXzufiFixture('xzufi-2.2.0-transfer.xml'), admin, true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'fim', dryRun: true, status: 'succeeded' });
    expect(res.body.details.files[0]).toMatchObject({ format: 'xzufi', version: '2.2.0' });
    expect((await request(t.app).get('/api/leistungen/99050012104000')).status).toBe(404);
  });

  it('imports an XZuFi message; the Leistung shows its FIM description and Onlinedienst', async () => {
    const res = await post(readXzufiFixture('xzufi-2.2.0-transfer.xml'), admin).set(
      'Content-Disposition',
      'attachment; filename="pvog-export.xml"',
    );
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('pvog-export.xml');
    expect(res.body.counts).toMatchObject({ created: 5, files: 1 });

    const leistung = await request(t.app).get('/api/leistungen/99108001001000');
    expect(leistung.status).toBe(200);
    expect(leistung.body).toMatchObject({
      schluessel: '99108001001000',
      name: 'Bewohnerparkausweis Erteilung',
      typisierung: '5',
      typisierungSource: 'fim',
      fromFim: true,
      inCatalogue: false,
      ozg: null,
    });
    expect(leistung.body.fimDescriptions).toHaveLength(1);
    expect(leistung.body.fimDescriptions[0]).toMatchObject({
      redaktion: 'L100012',
      fimId: '8966542',
      primary: true,
      leistungsadressat: ['001', '002'],
    });
    expect(leistung.body.onlinedienste).toEqual([
      {
        redaktion: 'L100012',
        fimId: 'OD-123',
        name: 'Online-Antrag Bewohnerparkausweis',
        urls: ['https://service.example.de/bewohnerparken?quelle=pvog&sprache=de'],
        active: true,
      },
    ]);

    const again = await post(readXzufiFixture('xzufi-2.2.0-transfer.xml'), admin);
    expect(again.body).toMatchObject({ status: 'succeeded', unchanged: true });
  });

  it('rejects broken XML with 422, naming line and column, and writes nothing', async () => {
    const res = await post('<?xml version="1.0"?>\n<a xmlns="http://xoev.de/schemata/xzufi/2_2_0">\n<b></a>', admin);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors[0]).toMatchObject({ code: 'not-well-formed', file: 'upload.xml' });
    expect(res.body.errors[0].line).toBeGreaterThan(1);
    expect(res.body.report.status).toBe('rejected');
  });

  it('refuses a body over FIM_IMPORT_MAX_MB with 413', async () => {
    const res = await post(Buffer.alloc(3 * 1024 * 1024, 32), admin);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  describe('schemas and Leistungen from the real samples', () => {
    beforeAll(async () => {
      for (const name of ['bundt_S00000000364_schema.xdf.xml', 'glykon_S05000058V1.0_xdf2.xml']) {
        const res = await post(sample(name), admin);
        expect(res.status).toBe(200);
      }
    });

    it('lists the versions of a schema', async () => {
      const res = await request(t.app).get('/api/fim/schemas/S00000000364');
      expect(res.status).toBe(200);
      expect(res.body.versions).toEqual([
        expect.objectContaining({
          id: 'S00000000364',
          kind: 'stammdatenschema',
          version: '1.0.0',
          xdfVersion: '3.0.0',
          status: { list: 'freigabestatus', code: '6', label: 'fachlich freigegeben (gold)' },
        }),
      ]);
    });

    it('returns a version with its field tree, each group and field once', async () => {
      const res = await request(t.app).get('/api/fim/schemas/S00000000364/1.0.0');
      expect(res.status).toBe(200);
      expect(res.body.counts).toEqual({ gruppen: 2, felder: 9 });
      expect(res.body.leistungsschluessel).toEqual([
        { schluessel: '99006047261000', source: 'text', field: 'beschreibung' },
      ]);
      const keys = new Set(res.body.elements.map((e: { key: string }) => e.key));
      for (const child of res.body.root.children) expect(keys.has(child.key)).toBe(true);
      expect(res.body.root.children[0]).toEqual(
        expect.objectContaining({ anzahl: expect.stringMatching(/^\d+:(\d+|\*)$/) }),
      );
    });

    it('answers 404 for unknown ids and versions', async () => {
      expect((await request(t.app).get('/api/fim/schemas/S99999999999')).status).toBe(404);
      expect((await request(t.app).get('/api/fim/schemas/S00000000364/9.9.9')).status).toBe(404);
      expect((await request(t.app).get('/api/fim/schemas/keine-id')).status).toBe(404);
    });

    it('searches Leistungen by name and Typisierung, with cursor pages', async () => {
      const byName = await request(t.app).get('/api/leistungen?q=bewohnerpark');
      expect(byName.status).toBe(200);
      expect(byName.body.items.map((l: { schluessel: string }) => l.schluessel)).toEqual(['99108001001000']);
      const typ5 = await request(t.app).get('/api/leistungen?typisierung=5');
      expect(typ5.body.items.map((l: { schluessel: string }) => l.schluessel)).toEqual(['99108001001000']);
      const first = await request(t.app).get('/api/leistungen?limit=1');
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      expect(first.headers.link).toMatch(/rel="next"/);
      const second = await request(t.app).get(`/api/leistungen?limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body.items[0].schluessel > first.body.items[0].schluessel).toBe(true);
      expect((await request(t.app).get('/api/leistungen?cursor=kaputt')).status).toBe(400);
      const forged = Buffer.from(JSON.stringify({ s: '99\u0000' })).toString('base64url');
      expect((await request(t.app).get(`/api/leistungen?cursor=${forged}`)).status).toBe(400);
    });

    it('shows the schemas whose texts name a Leistung', async () => {
      const res = await request(t.app).get('/api/leistungen/99108001001000');
      expect(res.body.schemas).toEqual([
        expect.objectContaining({ id: 'S05000058', version: '1.0', foundIn: 'beschreibung' }),
      ]);
    });
  });
});
