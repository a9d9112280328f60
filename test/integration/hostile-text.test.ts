import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ComponentRecord, Operator } from '../../entities';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'hostile', name));

/**
 * Issue 12, findings 3, 4, 6 and 10: hostile text in JSON bodies and CSV imports is refused
 * with problem+json (or normalised), never stored garbled and never answered with 500.
 */
describe('hostile text in bodies and imports', () => {
  let t: TestApp;
  let admin: string;
  let regionA: number;
  let regionB: number;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Bayern', level: 'land' });
    await makeRegion(t.dataSource, '09184', { name: 'München, Landkreis', level: 'kreis' });
    regionA = (await makeRegion(t.dataSource, '09184125', { name: 'Gemeinde A' })).id;
    regionB = (await makeRegion(t.dataSource, '09184126', { name: 'Gemeinde B' })).id;
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  // The bytes as given: superagent would serialise a Buffer as JSON.
  const postJson = (path: string, body: string | Buffer) =>
    request(t.app)
      .post(path)
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .serialize((data: unknown) => data as string)
      .send(body as unknown as string);

  it('answers a body nested 100,000 levels with 400 problem+json naming the limit, not 500', async () => {
    const deep = `{"name":"Tief GmbH","type":"private-provider","note":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const res = await postJson('/api/operators', deep);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/höchstens 64 Ebenen/);
    const shallow = `{"name":"Flach GmbH","type":"private-provider","note":${'['.repeat(65)}${']'.repeat(65)}}`;
    expect((await postJson('/api/operators', shallow)).body.detail).toMatch(/höchstens 64 Ebenen/);
  });

  it('refuses invalid UTF-8 inside a JSON string with 400, naming the byte offset, and stores nothing', async () => {
    const body = Buffer.concat([
      Buffer.from('{"name":"M'),
      Buffer.from([0xfc]),
      Buffer.from('ller IT","type":"private-provider"}'),
    ]);
    const res = await postJson('/api/operators', body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/kein gültiges UTF-8: ungültiges Byte 0xFC an Byte-Position 10/);
    expect(await t.dataSource.getRepository(Operator).countBy({ name: 'M\uFFFDller IT' })).toBe(0);
  });

  it('stores full-width names NFKC-normalised and refuses a right-to-left override', async () => {
    const created = await request(t.app)
      .post('/api/operators')
      .set('Authorization', admin)
      .send({ name: 'Ｍüller ＩＴ ＝ Service', shortName: 'ＭＩＴ', type: 'private-provider' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Müller IT = Service', shortName: 'MIT' });
    const bidi = await request(t.app)
      .post('/api/operators')
      .set('Authorization', admin)
      .send({ name: 'Rechnung\u202Efdp.exe GmbH', type: 'private-provider', note: 'harmlos\u202E' });
    expect(bidi.status).toBe(422);
    expect(bidi.body.errors).toEqual([
      { pointer: '#/name', detail: expect.stringMatching(/Schreibrichtung/) },
      { pointer: '#/note', detail: expect.stringMatching(/Schreibrichtung/) },
    ]);
  });

  it('imports a Windows-1252 CSV from German Excel with € „ “ – ’ right, with a warning', async () => {
    const res = await request(t.app)
      .post('/api/imports/inventory?dryRun=false')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(fixture('excel-windows-1252.csv'));
    expect(res.status).toBe(200);
    expect(res.body.details).toMatchObject({ encoding: 'windows-1252' });
    expect(res.body.problems).toEqual([
      expect.objectContaining({ severity: 'warning', detail: expect.stringMatching(/als Windows-1252 gelesen/) }),
    ]);
    const operator = await t.dataSource
      .getRepository(Operator)
      .findOneByOrFail({ name: 'Müller & Söhne „Digital“ GmbH' });
    const records = await t.dataSource.getRepository(ComponentRecord).find({ where: { regionId: regionA } });
    expect(records.map((r) => [r.product, r.note, r.operatorId]).sort()).toEqual(
      [
        ['FormSolutions – Edition ’24', 'Lizenz 1.200 € p. a., Straßenverkehrsamt angebunden', operator.id],
        ['pmPayment', 'Kosten ca. 500 € – Ausschreibung läuft', operator.id],
      ].sort(),
    );
    // No C1 control character anywhere in what was stored.
    expect(JSON.stringify(records)).not.toMatch(/[\u0080-\u009F]/);
  });

  it('refuses a UTF-8 CSV with one stray byte, naming the line, and creates no operator', async () => {
    const operators = await t.dataSource.getRepository(Operator).count();
    const res = await request(t.app)
      .post('/api/imports/inventory?dryRun=false')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(fixture('utf8-stray-byte.csv'));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ detail: expect.stringMatching(/in Zeile 3 ein ungültiges Byte \(0xFC\)/) }),
    ]);
    expect(await t.dataSource.getRepository(Operator).count()).toBe(operators);
    expect(await t.dataSource.getRepository(ComponentRecord).countBy({ regionId: regionB })).toBe(0);
  });
});
