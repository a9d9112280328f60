import request from 'supertest';
import type { Opportunity } from '../../reports/opportunities/report';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * "Nearby" across Kreis borders, on a hand-checked border case of the shipped BKG geometry
 * (test/unit/lib/geo/shipped-geometry.test.ts): Stuttgart 08111000 (Stadtkreis) and Esslingen
 * am Neckar 08116019 (Landkreis Esslingen) share a border; Kirchheim unter Teck 08116033
 * (Landkreis Esslingen) does not touch Stuttgart. Ulm 08421000 is far from all three.
 * No connectable services are loaded, so every suggestion is an operator's.
 */
describe('opportunities: neighbours across Kreis borders and existing customers', () => {
  let t: TestApp;
  let admin: string;
  let report: { opportunities: Opportunity[]; notes: string[] };

  const put = (ags: string, code: string, operator: { name: string; type: string }) =>
    request(t.app)
      .put(`/api/municipalities/${ags}/components/${code}`)
      .set('Authorization', admin)
      .send({ status: 'in-use', operator })
      .expect((res) => expect([200, 201]).toContain(res.status));

  const suggestionsFor = (ags: string, component: string) =>
    report.opportunities.filter((o) => o.municipality.key === ags && o.component === component);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer('admin');
    await makeRegion(t.dataSource, '08', { name: 'Baden-Württemberg' });
    await makeRegion(t.dataSource, '08111', { name: 'Stuttgart', level: 'kreis', typeLabel: 'Stadtkreis' });
    await makeRegion(t.dataSource, '08116', { name: 'Esslingen', level: 'kreis', typeLabel: 'Landkreis' });
    await makeRegion(t.dataSource, '08421', { name: 'Ulm', level: 'kreis', typeLabel: 'Stadtkreis' });
    await makeRegion(t.dataSource, '08111000', { name: 'Stuttgart, Landeshauptstadt', population: 630_000 });
    await makeRegion(t.dataSource, '08116019', { name: 'Esslingen am Neckar, Stadt', population: 95_000 });
    await makeRegion(t.dataSource, '08116033', { name: 'Kirchheim unter Teck, Stadt', population: 41_000 });
    await makeRegion(t.dataSource, '08421000', { name: 'Ulm, Universitätsstadt', population: 128_000 });
    // Neu-Ulm borders Ulm across the Land border (Bayern).
    await makeRegion(t.dataSource, '09', { name: 'Bayern' });
    await makeRegion(t.dataSource, '09775', { name: 'Neu-Ulm', level: 'kreis', typeLabel: 'Landkreis' });
    await makeRegion(t.dataSource, '09775135', { name: 'Neu-Ulm, GKSt', population: 60_000 });
    await put('09775135', 'search', { name: 'Such-Dienst Bayern', type: 'municipal-provider' });
    // Stuttgart's form server; nobody in the Landkreis Esslingen has one.
    await put('08111000', 'form-server', { name: 'Formular-Rechenzentrum', type: 'municipal-provider' });
    // Esslingen's own operator of the Verwaltungspostfach runs E-Payment for Ulm only.
    await put('08116019', 'mailbox', { name: 'Postfach-Dienst GmbH', type: 'private-provider' });
    await put('08421000', 'epayment', { name: 'Postfach-Dienst GmbH', type: 'private-provider' });
    const res = await request(t.app).get('/api/reports/opportunities?area=08').set('Authorization', admin);
    // createTestApp validates responses: a 200 also means the body matches the schema.
    expect(res.status).toBe(200);
    report = res.body;
  });

  afterAll(() => t.close());

  it('suggests the operator of an adjacent Gemeinde in another Kreis and names the neighbour', () => {
    const [first, ...rest] = suggestionsFor('08116019', 'form-server');
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      kind: 'operator',
      rank: 1,
      scope: 'neighbour',
      operator: { name: 'Formular-Rechenzentrum' },
      neighbours: [{ key: '08111000', name: 'Stuttgart, Landeshauptstadt', kreisKey: '08111' }],
      servedInKreis: 0,
      servedInLand: 1,
      populationServedInLand: 630_000,
    });
    expect(first.reason).toBe(
      'Formular-Rechenzentrum betreibt den Formularserver bereits für die Nachbargemeinde Stuttgart (Stadtkreis Stuttgart), ' +
        'insgesamt für 1 von 4 Gemeinden in Baden-Württemberg (zusammen 630.000 Einwohner); ' +
        'Esslingen am Neckar hat keinen Formularserver (nichts erfasst).',
    );
  });

  it('offers a non-adjacent Gemeinde of another Kreis the same operator only as one from elsewhere in the Land', () => {
    for (const ags of ['08116033', '08421000']) {
      const [only, ...rest] = suggestionsFor(ags, 'form-server');
      expect(rest).toEqual([]);
      expect(only).toMatchObject({ scope: 'land', neighbours: [], operator: { name: 'Formular-Rechenzentrum' } });
      expect(only.reason).not.toContain('Nachbargemeinde');
    }
  });

  it('suggests the operator a Gemeinde already uses for other components, before operators from elsewhere', () => {
    const [first, ...rest] = suggestionsFor('08116019', 'epayment');
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      scope: 'customer',
      operator: { name: 'Postfach-Dienst GmbH' },
      alreadyRuns: ['mailbox'],
      neighbours: [],
    });
    expect(first.reason).toBe(
      'Postfach-Dienst GmbH betreibt für Esslingen am Neckar bereits das Verwaltungspostfach und das E-Payment für ' +
        '1 von 4 Gemeinden in Baden-Württemberg (zusammen 128.000 Einwohner); Esslingen am Neckar hat kein E-Payment (nichts erfasst).',
    );
    // Kirchheim is no customer of it: an operator from elsewhere in the Land.
    expect(suggestionsFor('08116033', 'epayment')).toMatchObject([{ scope: 'land', alreadyRuns: [] }]);
  });

  it('does not count a neighbour across a Land border', async () => {
    const res = await request(t.app).get('/api/reports/opportunities?area=DE').set('Authorization', admin);
    expect(res.status).toBe(200);
    const ulm = (res.body.opportunities as Opportunity[]).filter(
      (o) => o.municipality.key === '08421000' && o.component === 'search',
    );
    expect(ulm).toEqual([]);
  });

  it('ranks the neighbour suggestion before operators from elsewhere on the area page', async () => {
    const page = await request(t.app).get('/api/reports/opportunities?area=08116').set('Authorization', admin);
    expect(page.status).toBe(200);
    const esslingen = (page.body.opportunities as Opportunity[]).filter((o) => o.municipality.key === '08116019');
    expect(esslingen.map((o) => [o.component, o.scope])).toEqual(
      expect.arrayContaining([
        ['form-server', 'neighbour'],
        ['epayment', 'customer'],
      ]),
    );
    expect(report.notes.join(' ')).toContain('angrenzende Gemeinden eines anderen Kreises');
  });
});
