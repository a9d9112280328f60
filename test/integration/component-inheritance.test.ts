/**
 * Components reach the units they serve (issue 10): a Landkreis record marked `servesMembers`
 * counts for the Kreis's Gemeinden and Verbände, a Verband's record for its members, an own record
 * of any status overrides what a unit would inherit; every report says where a component comes
 * from. The flag is refused on anything but a Landkreis, in the API and in the import alike.
 */
import request from 'supertest';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { buildUnitReport } from '../../reports/ozg-unit/report';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, hiddenValue, makeUser, signedInAgent } from '../helpers/web';

describe('components inherited from the Verband and the Landkreis', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Bayern' });
    await makeRegion(t.dataSource, '09171', { name: 'Altötting', level: 'kreis', textCode: '44' });
    await makeRegion(t.dataSource, '091715102', {
      name: 'Kirchweidach (VGem)',
      level: 'gemeindeverband',
      textCode: '54',
    });
    await makeRegion(t.dataSource, '09171119', { name: 'Halsbach', textCode: '64', verbandKey: '091715102' });
    await makeRegion(t.dataSource, '09171111', { name: 'Altötting, St', textCode: '63' });
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  const put = (ags: string, code: string, body: object) =>
    request(t.app).put(`/api/municipalities/${ags}/components/${code}`).set('Authorization', admin).send(body);
  const sources = async (key: string) =>
    (await buildUnitReport(t.dataSource.manager, key, DEFAULT_TARGET)).componentSources;

  it('records that a Landkreis runs a component for its Gemeinden, and refuses it elsewhere', async () => {
    const kreis = await put('09171', 'form-server', {
      status: 'in-use',
      product: 'Form-Solutions',
      servesMembers: true,
    });
    expect(kreis.status).toBe(201);
    expect(kreis.body).toMatchObject({ component: 'form-server', servesMembers: true });
    await put('09171', 'epayment', { status: 'in-use' }); // only for the Kreis's own services
    const refused = await put('09171111', 'form-server', { status: 'in-use', servesMembers: true });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ pointer: '#/servesMembers' }));
  });

  it('counts the Kreis record for its Gemeinden and Verbände, the Verband record for its members', async () => {
    await put('091715102', 'service-account', { status: 'in-use' });
    expect(await sources('09171111')).toEqual([
      { component: 'form-server', inheritedFrom: { key: '09171', name: 'Altötting', via: 'kreis' } },
    ]);
    expect(await sources('091715102')).toEqual([
      { component: 'form-server', inheritedFrom: { key: '09171', name: 'Altötting', via: 'kreis' } },
      { component: 'service-account', inheritedFrom: null },
    ]);
    expect(await sources('09171119')).toEqual([
      { component: 'form-server', inheritedFrom: { key: '09171', name: 'Altötting', via: 'kreis' } },
      {
        component: 'service-account',
        inheritedFrom: { key: '091715102', name: 'Kirchweidach (VGem)', via: 'verband' },
      },
    ]);
  });

  it('lets an own record of any status override what a unit inherits', async () => {
    await put('09171111', 'form-server', { status: 'not-used' });
    expect(await sources('09171111')).toEqual([]);
    await put('09171119', 'form-server', { status: 'in-use', product: 'eigene Lösung' });
    expect(await sources('09171119')).toContainEqual({ component: 'form-server', inheritedFrom: null });
  });

  it('imports the flag as a column, for Landkreise only', async () => {
    const upload = (csv: string) =>
      request(t.app)
        .post('/api/imports/inventory')
        .set('Authorization', admin)
        .set('Content-Type', 'text/csv')
        .send(Buffer.from(csv));
    const bad = await upload(
      'ags;component;status;serves_members\n09171119;eid;in-use;ja\n09171;eid;in-use;vielleicht\n',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, detail: expect.stringContaining('nur bei einem Landkreis') }),
        expect.objectContaining({ row: 3, column: 'serves_members' }),
      ]),
    );
    const good = await upload('ags;component;status;serves_members\n09171;eid;in-use;ja\n');
    expect(good.status).toBe(200);
    expect(await sources('09171111')).toContainEqual({
      component: 'eid',
      inheritedFrom: { key: '09171', name: 'Altötting', via: 'kreis' },
    });
    // A file without the column keeps the flag as stored.
    const again = await upload('ags;component;status\n09171;eid;in-use\n');
    expect(again.body).toMatchObject({ unchanged: true });
  });

  it('offers the flag on a Landkreis form only, and saves it from the web form', async () => {
    await makeUser(t.dataSource, 'kreisadmin', 'admin');
    const agent = await signedInAgent(t.app, 'kreisadmin');
    const form = await agent.get('/kommunen/09171/komponenten/form-server');
    expect(form.text).toMatch(/id="f-servesMembers"[^>]*checked/);
    expect((await agent.get('/kommunen/09171111/komponenten/form-server')).text).not.toContain('f-servesMembers');
    const saved = await agent
      .post('/kommunen/09171/komponenten/form-server')
      .type('form')
      .send({ _csrf: csrfOf(form.text), etag: hiddenValue(form.text, 'etag'), status: 'in-use' });
    expect(saved.status).toBe(303);
    const record = await request(t.app)
      .get('/api/municipalities/09171/components/form-server')
      .set('Authorization', admin);
    expect(record.body.servesMembers).toBe(false);
    expect((await agent.get('/kommunen/09171/historie')).text).toContain('für die Gemeinden: ja → nein');
    // The member's page names what it takes over, and from whom.
    const member = (await agent.get('/kommunen/09171119')).text.replace(/\s+/g, ' ');
    expect(member).toContain('Servicekonto');
    expect(member).toContain('betreibt der Gemeindeverband <a href="/kommunen/091715102">Kirchweidach (VGem)</a>');
    expect(member).toContain('href="/kommunen/09171119/ozg"');
    expect((await agent.get('/kommunen/091715102')).text).toContain('href="/kommunen/091715102/ozg"');
  });
});
