import request from 'supertest';
import { makeOperator, makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('operators API', () => {
  let t: TestApp;
  let admin: string;
  let editor: string;
  let reader: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '06', { name: 'Hessen' });
    await makeRegion(t.dataSource, '06411', { name: 'Darmstadt, Wissenschaftsstadt', level: 'kreis' });
    await makeRegion(t.dataSource, '06411000', { name: 'Darmstadt, Wissenschaftsstadt' });
    await makeRegion(t.dataSource, '06412000', { name: 'Frankfurt am Main, Stadt' });
    admin = await t.bearer('admin');
    editor = await t.bearer('editor', ['06411']);
    reader = await t.bearer('reader');
  });
  afterAll(() => t.close());

  it('creates an operator (editor), refuses a duplicate name or short name (409)', async () => {
    const created = await request(t.app)
      .post('/api/operators')
      .set('Authorization', editor)
      .send({ name: 'ekom21 – KGRZ Hessen', shortName: 'ekom21', type: 'municipal-provider', landKeys: ['06'] });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/operators/${created.body.id}`);
    expect(created.body).toMatchObject({
      typeLabel: 'kommunaler IT-Dienstleister',
      municipalityCount: 0,
      origin: 'user',
    });

    const duplicate = await request(t.app)
      .post('/api/operators')
      .set('Authorization', editor)
      .send({ name: 'EKOM21 – kgrz hessen', type: 'municipal-provider' });
    expect(duplicate.status).toBe(409);
    const byShortName = await request(t.app)
      .post('/api/operators')
      .set('Authorization', editor)
      .send({ name: 'ekom21', type: 'state' });
    expect(byShortName.status).toBe(409);
  });

  it('counts the municipalities an operator serves from the records', async () => {
    const op = await makeOperator(t.dataSource, { name: 'Stadt-IT Rhein-Main', type: 'municipal-provider' });
    for (const ags of ['06411000', '06412000']) {
      const res = await request(t.app)
        .put(`/api/municipalities/${ags}/components/search`)
        .set('Authorization', admin)
        .send({ status: 'in-use', operator: { name: 'stadt-it rhein-main' } });
      expect(res.status).toBe(201);
    }
    await request(t.app)
      .put('/api/municipalities/06411000/components/form-server')
      .set('Authorization', admin)
      .send({ status: 'in-use', operator: { name: op.name } });
    const res = await request(t.app).get(`/api/operators/${op.id}`).set('Authorization', reader);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ municipalityCount: 2, componentCounts: { search: 2, 'form-server': 1 } });
  });

  it('lists and filters operators with cursor pagination', async () => {
    for (const name of ['Alpha IT', 'Beta IT', 'Gamma IT'])
      await makeOperator(t.dataSource, { name, type: 'private-provider' });
    const first = await request(t.app).get('/api/operators?type=private-provider&limit=2').set('Authorization', reader);
    expect(first.status).toBe(200);
    expect(first.body.items.map((o: { name: string }) => o.name)).toEqual(['Alpha IT', 'Beta IT']);
    const second = await request(t.app)
      .get(`/api/operators?type=private-provider&limit=2&cursor=${first.body.nextCursor}`)
      .set('Authorization', reader);
    expect(second.body.items.map((o: { name: string }) => o.name)).toEqual(['Gamma IT']);
    expect(second.body.nextCursor).toBeNull();
    const search = await request(t.app).get('/api/operators?q=gamma').set('Authorization', reader);
    expect(search.body.items.map((o: { name: string }) => o.name)).toEqual(['Gamma IT']);
    expect((await request(t.app).get('/api/operators')).status).toBe(401);
  });

  it('lets only admins PATCH, with If-Match, and audits the change', async () => {
    const op = await makeOperator(t.dataSource, { name: 'Alter Name GmbH', type: 'private-provider' });
    const url = `/api/operators/${op.id}`;
    const current = await request(t.app).get(url).set('Authorization', reader);
    expect((await request(t.app).patch(url).set('Authorization', editor).send({ name: 'Neu' })).status).toBe(403);
    expect((await request(t.app).patch(url).set('Authorization', admin).send({ name: 'Neuer Name GmbH' })).status).toBe(
      428,
    );
    const patched = await request(t.app)
      .patch(url)
      .set('Authorization', admin)
      .set('If-Match', current.headers.etag)
      .send({ name: 'Neuer Name GmbH', website: 'https://example.org' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Neuer Name GmbH', website: 'https://example.org' });
    const stale = await request(t.app)
      .patch(url)
      .set('Authorization', admin)
      .set('If-Match', current.headers.etag)
      .send({ note: 'zu spät' });
    expect(stale.status).toBe(412);
    const invalid = await request(t.app)
      .patch(url)
      .set('Authorization', admin)
      .set('If-Match', patched.headers.etag)
      .send({ type: 'alien', website: 'kein link' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['#/type', '#/website']);
    expect((await request(t.app).get('/api/operators/999999').set('Authorization', reader)).status).toBe(404);
    expect((await request(t.app).get('/api/operators/abc').set('Authorization', reader)).status).toBe(404);
  });

  it('keeps the operator ETag when only its usage changes (no spurious 412 on PATCH)', async () => {
    const op = await makeOperator(t.dataSource, { name: 'Zählwerk IT', type: 'municipal-provider' });
    const url = `/api/operators/${op.id}`;
    const before = await request(t.app).get(url).set('Authorization', reader);
    const used = await request(t.app)
      .put('/api/municipalities/06412000/components/eid')
      .set('Authorization', admin)
      .send({ status: 'in-use', operator: { name: 'Zählwerk IT' } });
    expect(used.status).toBe(201);
    const after = await request(t.app).get(url).set('Authorization', reader);
    expect(after.body.municipalityCount).toBe(1);
    expect(after.headers.etag).toBe(before.headers.etag);
    const patched = await request(t.app)
      .patch(url)
      .set('Authorization', admin)
      .set('If-Match', before.headers.etag)
      .send({ note: 'Rechenzentrum in Kassel' });
    expect(patched.status).toBe(200);
    expect(patched.headers.etag).not.toBe(before.headers.etag);
  });

  it('finds operators by the plain ASCII spelling of umlauts', async () => {
    await makeOperator(t.dataSource, { name: 'Zweckverband Süd-Würtemberg IT', type: 'municipal-provider' });
    for (const q of ['sud-wurtemberg', 'sued-wuertemberg', 'Süd-Würtemberg']) {
      const res = await request(t.app)
        .get(`/api/operators?q=${encodeURIComponent(q)}`)
        .set('Authorization', reader);
      expect(res.body.items.map((o: { name: string }) => o.name)).toEqual(['Zweckverband Süd-Würtemberg IT']);
    }
  });

  it('refuses control characters in operator fields (422), also on PostgreSQL', async () => {
    const res = await request(t.app)
      .post('/api/operators')
      .set('Authorization', editor)
      .send({ name: 'Steuer\u0000zeichen AG', type: 'private-provider', note: 'a\u0007b' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['#/name', '#/note']);
    const search = await request(t.app).get('/api/operators?q=%00').set('Authorization', reader);
    expect(search.status).toBe(400);
    const forged = Buffer.from(JSON.stringify({ k: 'a\u0000' })).toString('base64url');
    const page = await request(t.app).get(`/api/operators?cursor=${forged}`).set('Authorization', reader);
    expect(page.status).toBe(400);
  });

  it('creates an operator once under concurrent POSTs: one 201, the others 409, never 500', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () =>
        request(t.app)
          .post('/api/operators')
          .set('Authorization', editor)
          .send({ name: 'Gleichzeitig GmbH', type: 'private-provider' })
          .then((res) => res.status),
      ),
    );
    expect(statuses.sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it('resolves a new inline operator named by concurrent writes to one operator', async () => {
    const keys = ['06411000', '06412000', '06413000', '06414000', '06415000'];
    for (const key of keys.slice(2)) await makeRegion(t.dataSource, key, { name: `Stadt ${key}` });
    const responses = await Promise.all(
      keys.map((key) =>
        request(t.app)
          .put(`/api/municipalities/${key}/components/chatbot`)
          .set('Authorization', admin)
          .send({ status: 'in-use', operator: { name: 'Parallel-Bot AG', type: 'private-provider' } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.operator.id)).size).toBe(1);
    const listed = await request(t.app).get('/api/operators?q=parallel-bot').set('Authorization', reader);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].municipalityCount).toBe(5);
  });
});
