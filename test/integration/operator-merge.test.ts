import request from 'supertest';
import { AuditEvent, ComponentRecord, Operator } from '../../entities';
import { makeOperator, makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent } from '../helpers/web';

describe('merging a duplicate operator (admin, audited)', () => {
  let t: TestApp;
  let admin: string;
  let editor: string;

  /** Records a component of a municipality as in use, run by `operator`. */
  async function record(ags: string, code: string, operator: string, product = 'ePayBL'): Promise<void> {
    const url = `/api/municipalities/${ags}/components/${code}`;
    const current = await request(t.app).get(url).set('Authorization', admin);
    const put = request(t.app).put(url).set('Authorization', admin);
    if (current.status === 200) void put.set('If-Match', current.headers.etag as string);
    const res = await put.send({ status: 'in-use', operator: { name: operator }, product });
    expect([200, 201]).toContain(res.status);
  }

  async function operatorOf(ags: string, code: string): Promise<string | null> {
    const res = await request(t.app).get(`/api/municipalities/${ags}/components/${code}`).set('Authorization', admin);
    expect(res.status).toBe(200);
    return (res.body as { operator: { name: string } | null }).operator?.name ?? null;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '16', { name: 'Thüringen', level: 'land' });
    await makeRegion(t.dataSource, '16053', { name: 'Jena, Stadt', level: 'kreis', typeLabel: 'Kreisfreie Stadt' });
    await makeRegion(t.dataSource, '16053000', { name: 'Jena, Stadt', typeLabel: 'Stadt' });
    await makeRegion(t.dataSource, '16055000', { name: 'Weimar, Stadt', typeLabel: 'Stadt' });
    admin = await t.bearer('admin');
    editor = await t.bearer('editor', ['16']);
    await makeUser(t.dataSource, 'admina', 'admin');
    await makeUser(t.dataSource, 'redakteur', 'editor', ['16']);
  });
  afterAll(() => t.close());

  it('moves every record of the duplicate, deletes it, keeps the name and takes the old one as short name', async () => {
    const kiv = await makeOperator(t.dataSource, { name: 'KIV Thüringen GmbH', landKeys: ['16'] });
    const dup = await makeOperator(t.dataSource, { name: 'KIV Jena-Weimar', website: 'https://kiv.example/' });
    await record('16053000', 'epayment', 'KIV Jena-Weimar');
    await record('16053000', 'form-server', 'KIV Jena-Weimar', 'Formsolutions');
    await record('16055000', 'epayment', 'KIV Jena-Weimar');
    await record('16055000', 'form-server', 'KIV Thüringen GmbH', 'Formsolutions');

    const res = await request(t.app)
      .post(`/api/operators/${dup.id}/merge`)
      .set('Authorization', admin)
      .send({ into: kiv.id });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeDefined();
    expect(res.body).toMatchObject({
      merged: { id: dup.id, name: 'KIV Jena-Weimar' },
      movedRecords: 3,
      municipalities: 2,
      operator: {
        id: kiv.id,
        name: 'KIV Thüringen GmbH',
        shortName: 'KIV Jena-Weimar',
        website: 'https://kiv.example/',
        landKeys: ['16'],
        municipalityCount: 2,
        componentCounts: { epayment: 2, 'form-server': 2 },
      },
    });

    expect(await operatorOf('16053000', 'epayment')).toBe('KIV Thüringen GmbH');
    expect(await operatorOf('16053000', 'form-server')).toBe('KIV Thüringen GmbH');
    expect(await operatorOf('16055000', 'epayment')).toBe('KIV Thüringen GmbH');
    expect(await t.dataSource.getRepository(Operator).findOneBy({ id: dup.id })).toBeNull();
    expect((await request(t.app).get(`/api/operators/${dup.id}`).set('Authorization', admin)).status).toBe(404);
    // Content other than the operator is untouched.
    const moved = await t.dataSource.getRepository(ComponentRecord).findBy({ operatorId: kiv.id });
    expect(moved.map((r) => r.product).sort()).toEqual(['Formsolutions', 'Formsolutions', 'ePayBL', 'ePayBL']);

    // The old name still finds the operator that stayed: no new duplicate on the next write.
    await record('16055000', 'epayment', 'KIV Jena-Weimar', 'pmPayment');
    expect(await operatorOf('16055000', 'epayment')).toBe('KIV Thüringen GmbH');
    expect(await t.dataSource.getRepository(Operator).countBy({ name: 'KIV Jena-Weimar' })).toBe(0);

    const events = await t.dataSource.getRepository(AuditEvent).find({ order: { id: 'ASC' } });
    const merged = events.find((e) => e.action === 'operator.merged');
    expect(merged).toMatchObject({
      entityType: 'operator',
      entityKey: String(kiv.id),
      before: {
        merged: { id: dup.id, name: 'KIV Jena-Weimar' },
        into: { name: 'KIV Thüringen GmbH', shortName: null },
      },
      after: {
        into: { name: 'KIV Thüringen GmbH', shortName: 'KIV Jena-Weimar' },
        movedRecords: ['16053000/epayment', '16053000/form-server', '16055000/epayment'],
      },
    });
    const perRecord = events.filter((e) => e.id < merged!.id && e.requestId === merged!.requestId);
    expect(perRecord.map((e) => [e.action, e.entityKey])).toEqual([
      ['component-record.updated', '16053000/epayment'],
      ['component-record.updated', '16053000/form-server'],
      ['component-record.updated', '16055000/epayment'],
    ]);
    expect(perRecord[1].before).toMatchObject({ operator: { name: 'KIV Jena-Weimar' }, product: 'Formsolutions' });
    expect(perRecord[1].after).toMatchObject({ operator: { name: 'KIV Thüringen GmbH' }, product: 'Formsolutions' });

    // The municipality's history reads the change with both names, though the duplicate is gone.
    const history = await request(t.app).get('/api/municipalities/16053000/history').set('Authorization', admin);
    expect(JSON.stringify(history.body)).toContain('KIV Jena-Weimar');
  });

  it('keeps an existing short name and refuses itself (422), an unknown target (422) or source (404)', async () => {
    const into = await makeOperator(t.dataSource, { name: 'Thüringer Rechenzentrum', shortName: 'TRZ' });
    const from = await makeOperator(t.dataSource, { name: 'TRZ Erfurt' });
    const self = await request(t.app)
      .post(`/api/operators/${into.id}/merge`)
      .set('Authorization', admin)
      .send({ into: into.id });
    expect(self.status).toBe(422);
    expect(self.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(self.body)).toContain('nicht mit sich selbst');
    const unknownTarget = await request(t.app)
      .post(`/api/operators/${from.id}/merge`)
      .set('Authorization', admin)
      .send({ into: 999999 });
    expect(unknownTarget.status).toBe(422);
    const unknownSource = await request(t.app)
      .post('/api/operators/999999/merge')
      .set('Authorization', admin)
      .send({ into: into.id });
    expect(unknownSource.status).toBe(404);
    expect(
      (await request(t.app).post(`/api/operators/${from.id}/merge`).set('Authorization', admin).send({})).status,
    ).toBe(422);

    const ok = await request(t.app)
      .post(`/api/operators/${from.id}/merge`)
      .set('Authorization', admin)
      .send({ into: into.id });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ movedRecords: 0, operator: { shortName: 'TRZ' } });
  });

  it('refuses editors (403) and leaves both operators as they were', async () => {
    const a = await makeOperator(t.dataSource, { name: 'Dienstleister A' });
    const b = await makeOperator(t.dataSource, { name: 'Dienstleister A GmbH' });
    const res = await request(t.app)
      .post(`/api/operators/${a.id}/merge`)
      .set('Authorization', editor)
      .send({ into: b.id });
    expect(res.status).toBe(403);
    expect(await t.dataSource.getRepository(Operator).countBy({ id: a.id })).toBe(1);
  });

  it('offers admins the form on the operator page, merges on POST and redirects with a message', async () => {
    const into = await makeOperator(t.dataSource, { name: 'Kommunale IT Weimarer Land' });
    const from = await makeOperator(t.dataSource, { name: 'Kommunale IT Weimarer Land GmbH' });
    await record('16053000', 'search', from.name, 'Suchdienst');

    const editorAgent = await signedInAgent(t.app, 'redakteur');
    const editorPage = await editorAgent.get(`/betreiber/${from.id}`);
    expect(editorPage.status).toBe(200);
    expect(editorPage.text).not.toContain('Mit einem anderen Betreiber zusammenführen');
    const refused = await editorAgent
      .post(`/betreiber/${from.id}/zusammenfuehren`)
      .type('form')
      .send({ _csrf: csrfOf(editorPage.text), ziel: String(into.id), bestaetigt: 'ja' });
    expect(refused.status).toBe(403);

    const agent = await signedInAgent(t.app, 'admina');
    const page = await agent.get(`/betreiber/${from.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Mit einem anderen Betreiber zusammenführen');
    // The probable duplicate is offered first, marked as such.
    expect(page.text).toMatch(
      new RegExp(
        `<option value="" selected>Bitte wählen</option><option value="${into.id}">Kommunale IT Weimarer Land, Nr\\. ${into.id} – ähnlicher Name</option>`,
      ),
    );
    const csrf = csrfOf(page.text);

    const unconfirmed = await agent
      .post(`/betreiber/${from.id}/zusammenfuehren`)
      .type('form')
      .send({ _csrf: csrf, ziel: String(into.id) });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.text).toContain('Bitte bestätigen, dass dieser Betreiber gelöscht werden soll.');
    const itself = await agent
      .post(`/betreiber/${from.id}/zusammenfuehren`)
      .type('form')
      .send({ _csrf: csrf, ziel: String(from.id), bestaetigt: 'ja' });
    expect(itself.status).toBe(422);
    expect(itself.text).toContain('Ein Betreiber kann nicht mit sich selbst zusammengeführt werden.');
    const noToken = await agent
      .post(`/betreiber/${from.id}/zusammenfuehren`)
      .type('form')
      .send({ ziel: String(into.id), bestaetigt: 'ja' });
    expect(noToken.status).toBe(403);
    expect(await t.dataSource.getRepository(Operator).countBy({ id: from.id })).toBe(1);

    const done = await agent
      .post(`/betreiber/${from.id}/zusammenfuehren`)
      .type('form')
      .send({ _csrf: csrf, ziel: String(into.id), bestaetigt: 'ja' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/betreiber/${into.id}`);
    const target = await agent.get(`/betreiber/${into.id}`);
    expect(target.text).toContain(
      '„Kommunale IT Weimarer Land GmbH“ wurde mit „Kommunale IT Weimarer Land“ zusammengeführt: 1 Eintrag übernommen.',
    );
    expect(target.text).toContain('href="/kommunen/16053000">Jena, Stadt</a>');
    expect((await agent.get(`/betreiber/${from.id}`)).status).toBe(404);
    expect(await operatorOf('16053000', 'search')).toBe('Kommunale IT Weimarer Land');

    const history = await agent.get('/kommunen/16053000/historie');
    expect(history.text).toContain('Betreiber: Kommunale IT Weimarer Land GmbH');
  });
});
