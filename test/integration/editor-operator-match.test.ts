import request from 'supertest';
import { Operator } from '../../entities';
import { makeOperator, makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, hiddenValue, makeUser, signedInAgent } from '../helpers/web';

const KIV = 'KIV Kommunale Informationsverarbeitung Thüringen GmbH';
const FORM = '/kommunen/16053000/komponenten/chatbot';

describe('"Meinten Sie …?" before a second operator is created', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '16', { name: 'Thüringen' });
    await makeRegion(t.dataSource, '16053', { name: 'Jena, Stadt', level: 'kreis' });
    await makeRegion(t.dataSource, '16053000', { name: 'Jena, Stadt' });
    await makeRegion(t.dataSource, '16055000', { name: 'Weimar, Stadt' });
    await makeOperator(t.dataSource, { name: KIV, shortName: 'KIV Thüringen', origin: 'reference' });
    await makeOperator(t.dataSource, { name: 'Anstalt für Kommunale Datenverarbeitung in Bayern', shortName: null });
    await makeOperator(t.dataSource, { name: 'Kommunale Datenverarbeitung Oldenburg', shortName: 'KDO' });
    editor = await t.bearer('editor', ['16']);
    await makeUser(t.dataSource, 'jena', 'editor', ['16053000']);
  });
  afterAll(() => t.close());

  const put = (ags: string, operator: Record<string, unknown>) =>
    request(t.app)
      .put(`/api/municipalities/${ags}/components/chatbot`)
      .set('Authorization', editor)
      .set('If-None-Match', '*')
      .send({ status: 'in-use', operator });
  const operatorNames = async () => (await t.dataSource.getRepository(Operator).find()).map((o) => o.name).sort();

  it('answers a short name with 422 and the candidates, and creates it only when confirmed', async () => {
    const asked = await put('16055000', { name: 'KIV', type: 'municipal-provider' });
    expect(asked.status).toBe(422);
    expect(asked.body.errors).toEqual([
      expect.objectContaining({
        pointer: '#/operator/name',
        detail: expect.stringContaining(`Meinten Sie „KIV Thüringen“ (${KIV})?`),
        candidates: [expect.objectContaining({ name: KIV, shortName: 'KIV Thüringen' })],
      }),
    ]);
    expect(await operatorNames()).not.toContain('KIV');

    const abbreviation = await put('16055000', { name: 'AKDB', type: 'municipal-provider' });
    expect(abbreviation.status).toBe(422);
    expect(abbreviation.body.errors[0].candidates[0].reason).toBe('Abkürzung des Namens');
    const typo = await put('16055000', { name: 'KIV Thüringn', type: 'municipal-provider' });
    expect(typo.body.errors[0].candidates[0].name).toBe(KIV);

    const contains = await put('16055000', { name: 'KDO Oldenburg', type: 'municipal-provider' });
    expect(contains.body.errors[0].candidates[0].reason).toBe('enthält den Kurznamen');
    const confirmed = await put('16055000', { name: 'KDO Oldenburg', type: 'municipal-provider', createNew: true });
    expect(confirmed.status).toBe(201);
    expect(await operatorNames()).toContain('KDO Oldenburg');
    expect(await operatorNames()).not.toContain('KIV');
  });

  it('uses the stored operator for its exact short name and creates unrelated new names without asking', async () => {
    const exact = await request(t.app)
      .put('/api/municipalities/16053000/components/search')
      .set('Authorization', editor)
      .send({ status: 'in-use', operator: { name: 'kiv thüringen' } });
    expect(exact.status).toBe(201);
    expect(exact.body.operator.name).toBe(KIV);
    const fresh = await request(t.app)
      .put('/api/municipalities/16053000/components/mailbox')
      .set('Authorization', editor)
      .send({ status: 'in-use', operator: { name: 'Saale-Digital GmbH', type: 'private-provider' } });
    expect(fresh.status).toBe(201);
  });

  it('offers the candidates as choices in the web form, and saves the chosen stored operator', async () => {
    const agent = await signedInAgent(t.app, 'jena');
    const form = await agent.get(FORM);
    const fields = {
      _csrf: csrfOf(form.text),
      etag: hiddenValue(form.text, 'etag'),
      status: 'in-use',
      operatorName: 'KIV',
      operatorType: 'municipal-provider',
      product: '',
      validFrom: '',
      validTo: '',
      note: '',
    };
    const asked = await agent.post(FORM).type('form').send(fields);
    expect(asked.status).toBe(422);
    expect(asked.text).toContain('Meinten Sie …?');
    expect(asked.text).toContain(`name="operatorChoice" value="${KIV}"`);
    expect(asked.text).toContain('name="operatorChoice" value="__neu__"');
    const chosen = await agent
      .post(FORM)
      .type('form')
      .send({ ...fields, operatorChoice: KIV });
    expect(chosen.status).toBe(303);
    const record = await request(t.app)
      .get('/api/municipalities/16053000/components/chatbot')
      .set('Authorization', editor);
    expect(record.body.operator.name).toBe(KIV);
  });

  it('reports the suggestion in the inventory import, and creates the operator when new_operator says ja', async () => {
    const upload = (csv: string, dryRun = true) =>
      request(t.app)
        .post(`/api/imports/inventory?dryRun=${dryRun}`)
        .set('Authorization', editor)
        .set('Content-Type', 'text/csv')
        .send(Buffer.from(csv, 'utf8'));
    const asked = await upload(
      'ags;component;status;operator;operator_type\n16053000;epayment;in-use;Kiv;municipal-provider\n',
    );
    expect(asked.status).toBe(422);
    expect(asked.body.report.status).toBe('rejected');
    expect(asked.body.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'operator',
        detail: expect.stringContaining('Meinten Sie „KIV Thüringen“'),
      }),
    ]);
    const confirmed = await upload(
      'ags;component;status;operator;operator_type;neuer Betreiber\n16053000;epayment;in-use;KIV Ost;municipal-provider;ja\n',
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'succeeded', counts: { operatorsCreated: 1 } });
  });
});
