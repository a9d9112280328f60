import request from 'supertest';
import { Component, ComponentRecord, InventoryConfirmation, Region } from '../../entities';
import { makeOperator, makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, hiddenValue, makeUser, signedInAgent } from '../helpers/web';

const ALL = [
  'form-server',
  'epayment',
  'service-account',
  'eid',
  'de-mail',
  'mailbox',
  'search',
  'mobile-app',
  'chatbot',
];

describe('editing records: demo notes, "nicht genutzt", confirming completeness', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '16');
    await makeRegion(t.dataSource, '16053', { name: 'Jena, Stadt', level: 'kreis' });
    for (const key of ['16053000', '16055000', '16056000', '16051000'])
      await makeRegion(t.dataSource, key, { name: `Stadt ${key}` });
    await makeUser(t.dataSource, 'thueringen', 'editor', ['16']);
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  async function demoRecord(ags: string, code: string, values: Partial<ComponentRecord> = {}): Promise<void> {
    const region = await t.dataSource.getRepository(Region).findOneByOrFail({ key: ags });
    const component = await t.dataSource.getRepository(Component).findOneByOrFail({ code });
    await t.dataSource.getRepository(ComponentRecord).save({
      regionId: region.id,
      componentId: component.id,
      status: 'in-use',
      operatorId: null,
      product: null,
      validFrom: null,
      validTo: null,
      note: null,
      servesMembers: false,
      source: 'demo',
      ...values,
    });
  }
  const record = async (ags: string, code: string) =>
    (await request(t.app).get(`/api/municipalities/${ags}/components/${code}`).set('Authorization', admin)).body;

  async function submit(ags: string, code: string, overrides: Record<string, string>) {
    const agent = await signedInAgent(t.app, 'thueringen');
    const url = `/kommunen/${ags}/komponenten/${code}`;
    const form = await agent.get(url);
    const res = await agent
      .post(url)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        etag: hiddenValue(form.text, 'etag'),
        status: 'in-use',
        operatorName: '',
        operatorType: '',
        product: '',
        validFrom: '',
        validTo: '',
        note: '',
        ...overrides,
      });
    return { agent, res };
  }

  it('drops the demo note when a person saves a demo record, even unchanged', async () => {
    await demoRecord('16053000', 'epayment', { product: 'ePayBL' });
    expect((await record('16053000', 'epayment')).source).toBe('demo');
    const { agent, res } = await submit('16053000', 'epayment', { product: 'ePayBL' });
    expect(res.status).toBe(303);
    expect(await record('16053000', 'epayment')).toMatchObject({ source: 'api', product: 'ePayBL' });
    expect((await agent.get('/kommunen/16053000')).text).not.toContain('tag-demo');
  });

  it('turns demo records into imported ones when a file states the same content', async () => {
    await demoRecord('16056000', 'search');
    const res = await request(t.app)
      .post('/api/imports/inventory?dryRun=false')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from('ags;component;status\n16056000;search;in-use\n'));
    expect(res.body.counts).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await record('16056000', 'search')).source).toBe('import');
  });

  it('clears operator and product when a component is set to "nicht genutzt" (form, API, import)', async () => {
    const op = await makeOperator(t.dataSource, { name: 'Chatwerk GmbH', type: 'private-provider' });
    await demoRecord('16055000', 'chatbot', { operatorId: op.id, product: 'Chatwerk Bot' });
    // The form asks first: nothing is saved until the user confirms dropping operator and product.
    const asked = await submit('16055000', 'chatbot', {
      status: 'not-used',
      operatorName: 'Chatwerk GmbH',
      product: 'Chatwerk Bot',
    });
    expect(asked.res.status).toBe(200);
    expect(asked.res.text).toContain(
      'Bei „nicht genutzt“ werden Betreiber „Chatwerk GmbH“ und Produkt „Chatwerk Bot“ nicht gespeichert.',
    );
    expect(asked.res.text).toContain('name="clearConfirmed" value="ja"');
    expect(await record('16055000', 'chatbot')).toMatchObject({ status: 'in-use', product: 'Chatwerk Bot' });
    const { res } = await submit('16055000', 'chatbot', {
      status: 'not-used',
      operatorName: 'Chatwerk GmbH',
      product: 'Chatwerk Bot',
      clearConfirmed: 'ja',
    });
    expect(res.status).toBe(303);
    expect(await record('16055000', 'chatbot')).toMatchObject({ status: 'not-used', operator: null, product: null });

    const api = await request(t.app)
      .put('/api/municipalities/16055000/components/mobile-app')
      .set('Authorization', admin)
      .send({ status: 'not-used', operator: { name: 'Chatwerk GmbH' }, product: 'App' });
    expect(api.status).toBe(201);
    expect(api.body).toMatchObject({ operator: null, product: null });

    const imported = await request(t.app)
      .post('/api/imports/inventory?dryRun=false')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(
        Buffer.from('ags;component;status;operator;operator_type;product\n16055000;eid;not-used;Ganz Neu GmbH;;X\n'),
      );
    expect(imported.status).toBe(200);
    expect(await record('16055000', 'eid')).toMatchObject({ operator: null, product: null });
  });

  it('refuses "Daten vollständig bestätigen" with a German list while components are missing or demo data', async () => {
    await demoRecord('16051000', 'chatbot');
    const agent = await signedInAgent(t.app, 'thueringen');
    const page = await agent.get('/kommunen/16051000');
    const refused = await agent
      .post('/kommunen/16051000/bestaetigen')
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Die Angaben wurden nicht als vollständig bestätigt');
    expect(refused.text).toContain(
      'href="/kommunen/16051000/komponenten/form-server">Formularserver</a>: noch nicht erfasst',
    );
    expect(refused.text).toContain('href="/kommunen/16051000/komponenten/chatbot">Chatbot</a>: Demodaten');
    expect(await t.dataSource.getRepository(InventoryConfirmation).count()).toBe(0);

    for (const code of ALL) {
      const current = await request(t.app)
        .get(`/api/municipalities/16051000/components/${code}`)
        .set('Authorization', admin);
      await request(t.app)
        .put(`/api/municipalities/16051000/components/${code}`)
        .set('Authorization', admin)
        .set(current.status === 200 ? 'If-Match' : 'If-None-Match', current.status === 200 ? current.headers.etag : '*')
        .send({ status: 'not-used' });
    }
    const fresh = await agent.get('/kommunen/16051000');
    const accepted = await agent
      .post('/kommunen/16051000/bestaetigen')
      .type('form')
      .send({ _csrf: csrfOf(fresh.text) });
    expect(accepted.status).toBe(303);
    expect(await t.dataSource.getRepository(InventoryConfirmation).count()).toBe(1);
  });
});
