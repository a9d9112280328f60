import request from 'supertest';
import { makeOperator, makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('municipality component inventory API', () => {
  let t: TestApp;
  let admin: string;
  let reader: string;
  let editorMuenchenKreis: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Bayern' });
    await makeRegion(t.dataSource, '09162', { name: 'München, Landeshauptstadt', level: 'kreis' });
    await makeRegion(t.dataSource, '09162000', { name: 'München, Landeshauptstadt' });
    await makeRegion(t.dataSource, '09184', { name: 'München, Landkreis', level: 'kreis' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching b.München, St' });
    await makeRegion(t.dataSource, '09184113', { name: 'Grasbrunn' });
    await makeRegion(t.dataSource, '09184118', { name: 'Haar' });
    admin = await t.bearer('admin');
    reader = await t.bearer('reader');
    editorMuenchenKreis = await t.bearer('editor', ['09184'], 'LRA München');
  });
  afterAll(() => t.close());

  const putRecord = (ags: string, code: string, body: unknown, auth: string, ifMatch?: string) => {
    const req = request(t.app).put(`/api/municipalities/${ags}/components/${code}`).set('Authorization', auth);
    if (ifMatch) req.set('If-Match', ifMatch);
    return req.send(body as object);
  };

  it('creates a record with PUT, returns it with an ETag, and lists it in the landscape', async () => {
    const put = await putRecord(
      '09162000',
      'epayment',
      { status: 'in-use', product: 'ePayBL', operator: { name: 'AKDB', type: 'municipal-provider' } },
      admin,
    );
    expect(put.status).toBe(201);
    expect(put.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(put.body).toMatchObject({
      component: 'epayment',
      status: 'in-use',
      product: 'ePayBL',
      operator: { name: 'AKDB' },
    });

    const landscape = await request(t.app).get('/api/municipalities/09162000/components').set('Authorization', reader);
    expect(landscape.status).toBe(200);
    expect(landscape.body.municipality.key).toBe('09162000');
    expect(landscape.body.components.map((c: { component: string }) => c.component)).toEqual(['epayment']);
    expect(landscape.body.missingComponents).toHaveLength(8);

    const one = await request(t.app)
      .get('/api/municipalities/09162000/components/epayment')
      .set('Authorization', reader);
    expect(one.status).toBe(200);
    expect(one.headers.etag).toBe(put.headers.etag);
  });

  it('refuses to overwrite without If-Match (428) and with a stale one (412), losing nothing', async () => {
    const created = await putRecord('09184112', 'form-server', { status: 'planned' }, admin);
    expect(created.status).toBe(201);

    const blind = await putRecord('09184112', 'form-server', { status: 'in-use' }, admin);
    expect(blind.status).toBe(428);
    expect(blind.headers['content-type']).toMatch(/application\/problem\+json/);

    const first = await putRecord(
      '09184112',
      'form-server',
      { status: 'in-use', product: 'Form-Solutions' },
      admin,
      created.headers.etag,
    );
    expect(first.status).toBe(200);
    const stale = await putRecord('09184112', 'form-server', { status: 'not-used' }, admin, created.headers.etag);
    expect(stale.status).toBe(412);
    expect(stale.body.detail).toMatch(/zwischenzeitlich geändert/);

    const now = await request(t.app)
      .get('/api/municipalities/09184112/components/form-server')
      .set('Authorization', reader);
    expect(now.body).toMatchObject({ status: 'in-use', product: 'Form-Solutions' });
  });

  it('honours If-None-Match: * as create-only', async () => {
    const first = await request(t.app)
      .put('/api/municipalities/09184113/components/search')
      .set('Authorization', admin)
      .set('If-None-Match', '*')
      .send({ status: 'in-use' });
    expect(first.status).toBe(201);
    const second = await request(t.app)
      .put('/api/municipalities/09184113/components/search')
      .set('Authorization', admin)
      .set('If-None-Match', '*')
      .send({ status: 'not-used' });
    expect(second.status).toBe(412);
  });

  it('reports every invalid field at once with JSON pointers', async () => {
    const res = await putRecord(
      '09184118',
      'eid',
      { status: 'kaputt', validFrom: '2024-13-01', product: 5, color: 'blue', operator: { type: 'nobody' } },
      admin,
    );
    expect(res.status).toBe(422);
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    expect(pointers).toEqual(['#/color', '#/operator/type', '#/product', '#/status', '#/validFrom']);
    for (const e of res.body.errors) expect(typeof e.detail).toBe('string');
  });

  it('rejects validTo before validFrom and an unknown operator without type', async () => {
    const dates = await putRecord(
      '09184118',
      'eid',
      { status: 'in-use', validFrom: '2024-05-01', validTo: '2024-01-01' },
      admin,
    );
    expect(dates.status).toBe(422);
    expect(dates.body.errors).toEqual([expect.objectContaining({ pointer: '#/validTo' })]);

    const operator = await putRecord(
      '09184118',
      'eid',
      { status: 'in-use', operator: { name: 'Niemand GmbH' } },
      admin,
    );
    expect(operator.status).toBe(422);
    expect(operator.body.errors[0].pointer).toBe('#/operator/type');
  });

  it('refuses a known operator with a contradicting type', async () => {
    const op = await makeOperator(t.dataSource, { name: 'Komm.ONE', type: 'municipal-provider' });
    const res = await putRecord(
      '09184118',
      'chatbot',
      { status: 'in-use', operator: { name: op.name, type: 'private-provider' } },
      admin,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0].detail).toMatch(/Komm\.ONE/);
  });

  it('uses the municipality itself for own-it without a name', async () => {
    const res = await putRecord('09184118', 'search', { status: 'in-use', operator: { type: 'own-it' } }, admin);
    expect(res.status).toBe(201);
    expect(res.body.operator).toMatchObject({ name: 'Eigene IT: Haar (09184118)', type: 'own-it' });
  });

  it('needs a token to read (401) and the right role and scope to write (403)', async () => {
    const anonymous = await request(t.app).get('/api/municipalities/09162000/components');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);

    const bogus = await request(t.app)
      .get('/api/municipalities/09162000/components')
      .set('Authorization', 'Bearer eat_nonsense');
    expect(bogus.status).toBe(401);

    const readerWrite = await putRecord('09162000', 'chatbot', { status: 'planned' }, reader);
    expect(readerWrite.status).toBe(403);

    const outOfScope = await putRecord('09162000', 'chatbot', { status: 'planned' }, editorMuenchenKreis);
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.detail).toMatch(/09162000/);

    const inScope = await putRecord('09184113', 'chatbot', { status: 'planned' }, editorMuenchenKreis);
    expect(inScope.status).toBe(201);
    const kreisItself = await putRecord('09184', 'chatbot', { status: 'planned' }, editorMuenchenKreis);
    expect(kreisItself.status).toBe(201);
  });

  it('answers 404 for unknown municipalities, non-municipal regions and unknown components', async () => {
    expect(
      (await request(t.app).get('/api/municipalities/09999999/components').set('Authorization', reader)).status,
    ).toBe(404);
    expect((await request(t.app).get('/api/municipalities/09/components').set('Authorization', reader)).status).toBe(
      404,
    );
    const land = await request(t.app).get('/api/municipalities/090000000000/components').set('Authorization', reader);
    expect(land.status).toBe(404);
    expect(land.body.detail).toMatch(/keine Kommune/);
    const unknownComponent = await putRecord('09184113', 'fax-server', { status: 'in-use' }, admin);
    expect(unknownComponent.status).toBe(404);
  });

  it('writes a whole landscape atomically and deletes components not listed', async () => {
    await makeRegion(t.dataSource, '09184119', { name: 'Hohenbrunn' });
    const url = '/api/municipalities/09184119/components';
    const first = await request(t.app)
      .put(url)
      .set('Authorization', editorMuenchenKreis)
      .send({
        components: [
          { component: 'form-server', status: 'in-use', operator: { name: 'AKDB' } },
          { component: 'epayment', status: 'in-use', operator: { name: 'AKDB' }, product: 'ePayBL' },
          { component: 'de-mail', status: 'retired' },
        ],
      });
    expect(first.status).toBe(200);
    expect(first.body.components).toHaveLength(3);

    const broken = await request(t.app)
      .put(url)
      .set('Authorization', editorMuenchenKreis)
      .set('If-Match', first.headers.etag)
      .send({
        components: [
          { component: 'form-server', status: 'not-used' },
          { component: 'form-server', status: 'in-use' },
          { component: 'fax', status: 'in-use' },
        ],
      });
    expect(broken.status).toBe(422);
    expect(broken.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('#/components/1/component');
    const unchanged = await request(t.app).get(url).set('Authorization', reader);
    expect(unchanged.headers.etag).toBe(first.headers.etag);

    const noIfMatch = await request(t.app).put(url).set('Authorization', editorMuenchenKreis).send({ components: [] });
    expect(noIfMatch.status).toBe(428);

    const second = await request(t.app)
      .put(url)
      .set('Authorization', editorMuenchenKreis)
      .set('If-Match', first.headers.etag)
      .send({
        components: [{ component: 'epayment', status: 'in-use', operator: { name: 'AKDB' }, product: 'ePayBL' }],
      });
    expect(second.status).toBe(200);
    expect(second.body.components.map((c: { component: string }) => c.component)).toEqual(['epayment']);
    expect(second.headers.etag).not.toBe(first.headers.etag);
  });

  it('deletes a record only with If-Match and keeps it in the history', async () => {
    const created = await putRecord('09184113', 'mobile-app', { status: 'in-use', product: 'Stadt-App' }, admin);
    const url = '/api/municipalities/09184113/components/mobile-app';
    expect((await request(t.app).delete(url).set('Authorization', admin)).status).toBe(428);
    expect((await request(t.app).delete(url).set('Authorization', admin).set('If-Match', '"stale"')).status).toBe(412);
    const deleted = await request(t.app).delete(url).set('Authorization', admin).set('If-Match', created.headers.etag);
    expect(deleted.status).toBe(204);
    expect((await request(t.app).get(url).set('Authorization', reader)).status).toBe(404);

    const history = await request(t.app)
      .get('/api/municipalities/09184113/history')
      .set('Authorization', reader)
      .set('X-Request-Id', 'req-history-1');
    expect(history.status).toBe(200);
    const [latest] = history.body.items;
    expect(latest).toMatchObject({
      action: 'component-record.deleted',
      entityKey: '09184113/mobile-app',
      actor: 'token:admin-test',
      before: expect.objectContaining({ product: 'Stadt-App' }),
      after: null,
    });
  });

  it('records actor, request id, before and after for every write', async () => {
    const created = await request(t.app)
      .put('/api/municipalities/09162000/components/mailbox')
      .set('Authorization', admin)
      .set('X-Request-Id', 'audit-test-1')
      .send({ status: 'planned' });
    expect(created.headers['x-request-id']).toBe('audit-test-1');
    await request(t.app)
      .put('/api/municipalities/09162000/components/mailbox')
      .set('Authorization', admin)
      .set('If-Match', created.headers.etag)
      .set('X-Request-Id', 'audit-test-2')
      .send({ status: 'in-use' });

    const history = await request(t.app)
      .get('/api/municipalities/09162000/history?limit=2')
      .set('Authorization', reader);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        action: 'component-record.updated',
        requestId: 'audit-test-2',
        before: expect.objectContaining({ status: 'planned' }),
        after: expect.objectContaining({ status: 'in-use' }),
      }),
      expect.objectContaining({ action: 'component-record.created', requestId: 'audit-test-1', before: null }),
    ]);
    expect(history.body.nextCursor).toEqual(expect.any(String));
    expect(history.headers.link).toMatch(/rel="next"/);
    const next = await request(t.app)
      .get(`/api/municipalities/09162000/history?limit=2&cursor=${history.body.nextCursor}`)
      .set('Authorization', reader);
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).toBeLessThan(history.body.items[1].id);
    const forged = Buffer.from('{"id":1e999}').toString('base64url');
    expect(
      (await request(t.app).get(`/api/municipalities/09162000/history?cursor=${forged}`).set('Authorization', reader))
        .status,
    ).toBe(400);
  });

  it('does not record an unchanged write', async () => {
    const created = await putRecord('09184118', 'de-mail', { status: 'retired', note: 'Telekom-Ausstieg 2022' }, admin);
    const before = await request(t.app).get('/api/municipalities/09184118/history').set('Authorization', reader);
    const again = await putRecord(
      '09184118',
      'de-mail',
      { status: 'retired', note: ' Telekom-Ausstieg 2022 ' },
      admin,
      created.headers.etag,
    );
    expect(again.status).toBe(200);
    expect(again.headers.etag).toBe(created.headers.etag);
    const after = await request(t.app).get('/api/municipalities/09184118/history').set('Authorization', reader);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('accepts the ETag of an empty landscape as If-Match (and also no If-Match)', async () => {
    await makeRegion(t.dataSource, '09184120', { name: 'Höhenkirchen-Siegertsbrunn' });
    const url = '/api/municipalities/09184120/components';
    const empty = await request(t.app).get(url).set('Authorization', reader);
    expect(empty.status).toBe(200);
    expect(empty.body.components).toEqual([]);
    const body = { components: [{ component: 'eid', status: 'planned' }] };
    const stale = await request(t.app).put(url).set('Authorization', admin).set('If-Match', '"stale"').send(body);
    expect(stale.status).toBe(412);
    const put = await request(t.app)
      .put(url)
      .set('Authorization', admin)
      .set('If-Match', empty.headers.etag)
      .send(body);
    expect(put.status).toBe(200);
    expect(put.body.components.map((c: { component: string }) => c.component)).toEqual(['eid']);

    await makeRegion(t.dataSource, '09184121', { name: 'Ismaning' });
    const blind = await request(t.app)
      .put('/api/municipalities/09184121/components')
      .set('Authorization', admin)
      .send(body);
    expect(blind.status).toBe(200);
  });

  it('reports unknown components of a landscape together with schema errors, all at once', async () => {
    await makeRegion(t.dataSource, '09184122', { name: 'Kirchheim b.München' });
    const res = await request(t.app)
      .put('/api/municipalities/09184122/components')
      .set('Authorization', admin)
      .send({
        components: [
          { component: 'fax-server', status: 'in-use' },
          { component: 'eid', status: 'kaputt' },
          { component: 'eid', status: 'in-use' },
          { component: 'epayment', status: 'in-use', validFrom: '2024-05-01', validTo: '2023-01-01' },
        ],
      });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '#/components/0/component',
      '#/components/1/status',
      '#/components/2/component',
      '#/components/3/validTo',
    ]);

    const valid = await request(t.app)
      .put('/api/municipalities/09184122/components')
      .set('Authorization', admin)
      .send({
        components: [
          { component: 'fax-server', status: 'in-use' },
          { component: 'eid', status: 'in-use' },
          { component: 'eid', status: 'planned' },
        ],
      });
    expect(valid.status).toBe(422);
    expect(valid.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '#/components/0/component',
      '#/components/2/component',
    ]);
  });

  it('refuses writes to a retired municipality (409, naming the successor) but still reads it', async () => {
    await makeRegion(t.dataSource, '09184130', { name: 'Neugemeinde' });
    await makeRegion(t.dataSource, '09184131', {
      name: 'Altgemeinde',
      isCurrent: false,
      retiredGebietsstand: '2025-08-31',
      successorKey: '09184130',
    });
    await makeRegion(t.dataSource, '09184132', {
      name: 'Ohne Nachfolge',
      isCurrent: false,
      retiredGebietsstand: '2025-08-31',
    });
    const put = await putRecord('09184131', 'eid', { status: 'in-use' }, admin);
    expect(put.status).toBe(409);
    expect(put.body.detail).toMatch(/nicht mehr aktuell/);
    expect(put.body.detail).toMatch(/Neugemeinde \(09184130\)/);
    const landscape = await request(t.app)
      .put('/api/municipalities/09184132/components')
      .set('Authorization', admin)
      .send({ components: [] });
    expect(landscape.status).toBe(409);
    expect(landscape.body.detail).toMatch(/Nachfolgegebiet ist nicht hinterlegt/);
    const read = await request(t.app).get('/api/municipalities/09184131/components').set('Authorization', reader);
    expect(read.status).toBe(200);
  });

  it('refuses control characters such as NUL in text with 422/400 on every database, keeps tabs and line breaks', async () => {
    await makeRegion(t.dataSource, '09184140', { name: 'Neubiberg' });
    const nul = await putRecord('09184140', 'chatbot', { status: 'in-use', note: 'vorher\u0000nachher' }, admin);
    expect(nul.status).toBe(422);
    expect(nul.body.errors).toEqual([{ pointer: '#/note', detail: expect.stringMatching(/Steuerzeichen/) }]);
    const operator = await putRecord(
      '09184140',
      'chatbot',
      { status: 'in-use', operator: { name: 'Null\u0000Byte GmbH', type: 'private-provider' } },
      admin,
    );
    expect(operator.status).toBe(422);
    expect(operator.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/operator/name']);
    const query = await request(t.app).get(`/api/regions?q=${encodeURIComponent('M\u0000')}`);
    expect(query.status).toBe(400);
    expect(query.body.errors[0].parameter).toBe('q');
    const multiline = await putRecord('09184140', 'chatbot', { status: 'in-use', note: 'Zeile 1\r\n\tZeile 2' }, admin);
    expect(multiline.status).toBe(201);
    expect(multiline.body.note).toBe('Zeile 1\r\n\tZeile 2');
  });
});
