import request from 'supertest';
import { importOfferings } from '../../importers/offerings/offerings.importer';
import { importOzgCatalogue } from '../../importers/ozg/ozg.importer';
import { cliPrincipal } from '../../lib/principal';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const actor = { principal: cliPrincipal(), requestId: null };
const PERSONALAUSWEIS = '99008001000000';
const HUNDESTEUER = '99123001000000';
const PATH = `/api/municipalities/09184119/offerings/${PERSONALAUSWEIS}`;

const BODY = {
  url: 'https://www.unterschleissheim.de/ausweis',
  status: 'online',
  maturity: { model: 'RGM-1.1', level: 3, criteria: { nutzerkonto: 3, antragsprozess: 4 } },
  flaechendeckend: false,
  note: 'über das BayernPortal',
};

interface Problem {
  pointer?: string;
  detail: string;
}

describe('manual offerings API', () => {
  let t: TestApp;
  let admin: string;
  let editor: string;
  let reader: string;

  const put = (path: string, body: object, auth: string, headers: Record<string, string> = {}) =>
    request(t.app).put(path).set('Authorization', auth).set(headers).send(body);
  const get = (path: string, auth = reader) => request(t.app).get(path).set('Authorization', auth);

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { level: 'land', name: 'Bayern' });
    await makeRegion(t.dataSource, '09184', { level: 'kreis', name: 'München, Landkreis' });
    await makeRegion(t.dataSource, '09184119', { name: 'Unterschleißheim', ars: '091840119119' });
    await makeRegion(t.dataSource, '05315000', { name: 'Köln, Stadt' });
    const catalogue = [
      { ozgid: 10119, ozg_bezeichnung: 'Personalausweis', leika_key: PERSONALAUSWEIS, leika_name: 'Personalausweis' },
      { ozgid: 10160, ozg_bezeichnung: 'Hundehaltung', leika_key: HUNDESTEUER, leika_name: 'Hundesteuer' },
    ];
    await importOzgCatalogue(t.dataSource, {
      files: [{ name: 'katalog.json', buffer: Buffer.from(JSON.stringify(catalogue)) }],
      actor,
    });
    admin = await t.bearer('admin');
    editor = await t.bearer('editor', ['09184']);
    reader = await t.bearer('reader');
  });
  afterAll(() => t.close());

  it('creates with If-None-Match: *, then reads the same representation and ETag', async () => {
    const created = await put(PATH, BODY, editor, { 'If-None-Match': '*' });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(created.body).toMatchObject({
      leistung: { schluessel: PERSONALAUSWEIS, name: 'Personalausweis', ozgId: 10119 },
      source: 'manual',
      url: BODY.url,
      status: 'online',
      statusLabel: 'online',
      maturity: { model: 'RGM-1.1', level: 3, criteria: { antragsprozess: 4, nutzerkonto: 3 } },
      flaechendeckend: false,
      note: 'über das BayernPortal',
    });
    const read = await get(PATH);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe(created.headers.etag);
    expect(read.body).toEqual(created.body);
    // The 12-digit ARS names the same Gemeinde.
    expect((await get(`/api/municipalities/091840119119/offerings/${PERSONALAUSWEIS}`)).headers.etag).toBe(
      created.headers.etag,
    );
  });

  it('enforces optimistic concurrency: 412 with If-None-Match: * or a stale ETag, 428 without If-Match', async () => {
    const { etag } = (await get(PATH)).headers;
    expect((await put(PATH, BODY, editor, { 'If-None-Match': '*' })).status).toBe(412);
    expect((await put(PATH, BODY, editor)).status).toBe(428);
    const changed = await put(PATH, { ...BODY, status: 'planned', maturity: null }, editor, { 'If-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'planned', statusLabel: 'in Umsetzung', maturity: null });
    expect(changed.headers.etag).not.toBe(etag);
    const stale = await put(PATH, BODY, editor, { 'If-Match': etag });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
  });

  it('takes the overall level from the lowest criterion when none is given', async () => {
    const { etag } = (await get(PATH)).headers;
    const res = await put(
      PATH,
      { status: 'online', maturity: { model: 'RGM-2.0', criteria: { nutzerkonto: 6, bezahlprozess: 4 } } },
      admin,
      { 'If-Match': etag },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      url: null,
      flaechendeckend: false,
      note: null,
      maturity: { model: 'RGM-2.0', level: 4, criteria: { bezahlprozess: 4, nutzerkonto: 6 } },
    });
  });

  it('answers 422 with a JSON pointer for every invalid field at once', async () => {
    const res = await put(
      `/api/municipalities/09184119/offerings/${HUNDESTEUER}`,
      {
        url: 'ftp://example.de/antrag',
        status: 'fertig',
        maturity: { model: 'RGM-1.1', level: 5, criteria: { nutzerkonto: 2 } },
        farbe: 'rot',
      },
      editor,
    );
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const pointers = res.body.errors.map((e: Problem) => e.pointer).sort();
    expect(pointers).toEqual(['#/farbe', '#/maturity/level', '#/status', '#/url']);
    const level = await put(
      `/api/municipalities/09184119/offerings/${HUNDESTEUER}`,
      { status: 'online', maturity: { model: 'RGM-1.1', level: 3, criteria: { nutzerkonto: 2, bezahlprozess: 4 } } },
      editor,
    );
    expect(level.status).toBe(422);
    expect(level.body.errors).toEqual([
      { pointer: '#/maturity/level', detail: expect.stringContaining('niedrigsten Kriterium (2)') },
    ]);
    const empty = await put(
      `/api/municipalities/09184119/offerings/${HUNDESTEUER}`,
      { status: 'online', maturity: { model: 'RGM-1.1' } },
      editor,
    );
    expect(empty.body.errors).toEqual([{ pointer: '#/maturity/level', detail: expect.stringContaining('fehlt') }]);
    const criterion = await put(
      `/api/municipalities/09184119/offerings/${HUNDESTEUER}`,
      { status: 'online', maturity: { model: 'RGM-1.1', criteria: { nutzerkonto: 6 } } },
      editor,
    );
    expect(criterion.body.errors).toEqual([{ pointer: '#/maturity/criteria/nutzerkonto', detail: expect.any(String) }]);
  });

  it('answers 404 for an unknown municipality, Leistungsschlüssel or missing manual offering', async () => {
    expect((await get(`/api/municipalities/09999999/offerings/${PERSONALAUSWEIS}`)).status).toBe(404);
    expect((await get('/api/municipalities/09184119/offerings/99999999999999')).status).toBe(404);
    expect((await get('/api/municipalities/09184119/offerings/123')).status).toBe(404);
    expect((await get(`/api/municipalities/05315000/offerings/${PERSONALAUSWEIS}`)).status).toBe(404);
    expect((await put('/api/municipalities/09184119/offerings/99999999999999', BODY, admin)).status).toBe(404);
    expect((await get('/api/municipalities/09999/offerings')).status).toBe(404);
  });

  it('refuses writes outside the scope (403) and without a token (401)', async () => {
    const cologne = `/api/municipalities/05315000/offerings/${PERSONALAUSWEIS}`;
    expect((await put(cologne, BODY, editor)).status).toBe(403);
    expect((await put(cologne, BODY, reader)).status).toBe(403);
    expect((await request(t.app).put(cologne).send(BODY)).status).toBe(401);
    expect((await request(t.app).get(cologne)).status).toBe(401);
    expect((await put(cologne, BODY, admin)).status).toBe(201);
  });

  it('lists the offerings of every source with Leistung name and OZG-ID', async () => {
    const report = await importOfferings(t.dataSource, {
      buffer: Buffer.from(
        JSON.stringify([{ leika_key: PERSONALAUSWEIS, ozgid: 10119, ars: '091840119119', online_status: 'online' }]),
      ),
      sourceName: 'dashboard.json',
      actor,
    });
    expect(report.status).toBe('succeeded');
    const list = await get('/api/municipalities/09184119/offerings');
    expect(list.status).toBe(200);
    expect(list.body.municipality).toMatchObject({ key: '09184119', name: 'Unterschleißheim' });
    expect(
      list.body.offerings.map((o: { source: string; leistung: { schluessel: string } }) => [
        o.leistung.schluessel,
        o.source,
      ]),
    ).toEqual([
      [PERSONALAUSWEIS, 'manual'],
      [PERSONALAUSWEIS, 'dashboard'],
    ]);
    expect(list.body.offerings[1]).toMatchObject({
      leistung: { name: 'Personalausweis', ozgId: 10119 },
      status: 'online',
    });
  });

  it('deletes only with If-Match and keeps every change in the history', async () => {
    expect((await request(t.app).delete(PATH).set('Authorization', editor)).status).toBe(428);
    const { etag } = (await get(PATH)).headers;
    expect((await request(t.app).delete(PATH).set('Authorization', editor).set('If-Match', etag)).status).toBe(204);
    expect((await get(PATH)).status).toBe(404);
    // The dashboard offering stays.
    expect((await get('/api/municipalities/09184119/offerings')).body.offerings).toHaveLength(1);

    const history = await get('/api/municipalities/09184119/history');
    const events = history.body.items.filter((e: { entityType: string }) => e.entityType === 'offering');
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'offering.deleted',
      'offering.updated',
      'offering.updated',
      'offering.created',
    ]);
    expect(events[3]).toMatchObject({
      entityKey: `09184119/${PERSONALAUSWEIS}`,
      before: null,
      after: { url: BODY.url, status: 'online', maturity: { model: 'RGM-1.1', level: 3 }, flaechendeckend: false },
    });
    expect(events[2]).toMatchObject({ before: { status: 'online' }, after: { status: 'planned', maturity: null } });
    expect(events[0]).toMatchObject({ before: { maturity: { model: 'RGM-2.0', level: 4 } }, after: null });
    expect(typeof events[0].requestId).toBe('string');
  });
});
