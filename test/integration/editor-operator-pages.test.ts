import request from 'supertest';
import { makeOperator, makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

describe('operator pages and unambiguous search results', () => {
  let t: TestApp;
  let kivId: number;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '16', { name: 'Thüringen', level: 'land' });
    await makeRegion(t.dataSource, '16053', { name: 'Jena, Stadt', level: 'kreis', typeLabel: 'Kreisfreie Stadt' });
    await makeRegion(t.dataSource, '16053000', { name: 'Jena, Stadt', typeLabel: 'Stadt' });
    await makeRegion(t.dataSource, '16055000', { name: 'Weimar, Stadt', typeLabel: 'Stadt' });
    const kiv = await makeOperator(t.dataSource, {
      name: 'KIV Kommunale Informationsverarbeitung Thüringen GmbH',
      shortName: 'KIV Thüringen',
      website: 'https://portal.kiv-thueringen.de/',
      landKeys: ['16'],
      origin: 'reference',
    });
    kivId = kiv.id;
    await makeOperator(t.dataSource, { name: 'Anderer Dienstleister GmbH' });
    const admin = await t.bearer('admin');
    for (const [ags, code] of [
      ['16053000', 'epayment'],
      ['16053000', 'form-server'],
      ['16055000', 'epayment'],
    ]) {
      await request(t.app)
        .put(`/api/municipalities/${ags}/components/${code}`)
        .set('Authorization', admin)
        .send({ status: 'in-use', operator: { name: 'KIV Thüringen' }, product: 'ePayBL' });
    }
    await makeUser(t.dataSource, 'leserin', 'reader');
  });
  afterAll(() => t.close());

  it('finds operators by short name and opens a page with Länder, website and whom it serves', async () => {
    expect((await request(t.app).get('/betreiber')).status).toBe(303);
    const agent = await signedInAgent(t.app, 'leserin');
    const found = await agent.get('/betreiber?q=kiv');
    expect(found.status).toBe(200);
    expect(found.text).toContain(`href="/betreiber/${kivId}"`);
    expect(found.text).not.toContain('Anderer Dienstleister');
    expect(found.text).toContain('2 Kommunen: ');
    const byShortName = await agent.get('/betreiber?q=KIV%20Th%C3%BCringen');
    expect(byShortName.text).toContain(`href="/betreiber/${kivId}"`);

    const page = await agent.get(`/betreiber/${kivId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<dt>Länder</dt><dd>Thüringen</dd>');
    expect(page.text).toContain('href="https://portal.kiv-thueringen.de/"');
    expect(page.text).toContain('href="/kommunen/16053000">Jena, Stadt</a>');
    expect(page.text).toContain('href="/kommunen/16055000">Weimar, Stadt</a>');
    expect(page.text).toMatch(/Formularserver: <span class="status status-in-use">/);
    expect((await agent.get('/betreiber/999999')).status).toBe(404);
    expect((await agent.get('/betreiber/abc')).status).toBe(404);
  });

  it('tells the two "Jena, Stadt" of the search apart: kreisfreie Stadt (Kreisebene) and Gemeinde', async () => {
    const res = await request(t.app).get('/suche?q=Jena');
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/gebiete/16053">Jena, Stadt (kreisfreie Stadt, Kreisebene)</a>');
    expect(res.text).toContain('href="/kommunen/16053000">Jena, Stadt (Gemeinde)</a>');
    const single = await request(t.app).get('/suche?q=Weimar');
    expect(single.text).toContain('href="/kommunen/16055000">Weimar, Stadt</a>');
  });
});
