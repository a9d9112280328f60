/**
 * Issue 12, finding 7: the router and the check that keeps web sessions off API writes must
 * agree on what an API path is. Express matched `/API/…` case-insensitively while the check
 * compared case-sensitively, so a session with the page's CSRF token wrote through `/API/…`.
 */
import request from 'supertest';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent } from '../helpers/web';

describe('API paths and web sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '16');
    await makeRegion(t.dataSource, '16053', { level: 'kreis', name: 'Jena' });
    await makeRegion(t.dataSource, '16053000', { name: 'Jena, Stadt' });
    await makeUser(t.dataSource, 'jena', 'editor', ['16053']);
  });
  afterAll(() => t.close());

  async function storedRecords(): Promise<number> {
    const [row] = await t.dataSource.query('SELECT COUNT(*) AS "n" FROM "component_records"');
    return Number(row.n);
  }

  it('refuses a write through /API/… with a session and the CSRF token, in any spelling', async () => {
    const agent = await signedInAgent(t.app, 'jena');
    const csrf = csrfOf((await agent.get('/anmeldung').set('Accept', 'text/html')).text);
    for (const path of [
      '/API/municipalities/16053000/components/epayment',
      '/Api/municipalities/16053000/components/epayment',
      '/api/MUNICIPALITIES/16053000/components/epayment',
      '/api/municipalities/16053000/components/epayment/',
    ]) {
      const res = await agent.put(path).set('X-CSRF-Token', csrf).send({ status: 'in-use' });
      expect([401, 403, 404]).toContain(res.status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    // The exact path is the API: a session may not write there either.
    const exact = await agent
      .put('/api/municipalities/16053000/components/epayment')
      .set('X-CSRF-Token', csrf)
      .send({ status: 'in-use' });
    expect(exact.status).toBe(401);
    expect(await storedRecords()).toBe(0);
  });

  it('routes only the exact spelling: /API/… and a trailing slash are 404, /api/… answers', async () => {
    const reader = await t.bearer('reader');
    expect((await request(t.app).get('/api/openapi.json')).status).toBe(200);
    expect((await request(t.app).get('/API/openapi.json')).status).toBe(404);
    const upper = await request(t.app).get('/API/municipalities/16053000/components').set('Authorization', reader);
    expect(upper.status).toBe(404);
    expect(upper.headers['content-type']).toMatch(/problem\+json/);
    const slash = await request(t.app).get('/api/municipalities/16053000/components/').set('Authorization', reader);
    expect(slash.status).toBe(404);
    expect((await request(t.app).get('/HEALTHZ')).status).toBe(404);
    expect((await request(t.app).get('/healthz')).status).toBe(200);
    const ok = await request(t.app).get('/api/municipalities/16053000/components').set('Authorization', reader);
    expect(ok.status).toBe(200);
  });

  it('still writes through /api/… with a bearer token', async () => {
    const editor = await t.bearer('editor', ['16053']);
    const res = await request(t.app)
      .put('/api/municipalities/16053000/components/epayment')
      .set('Authorization', editor)
      .send({ status: 'in-use' });
    expect([200, 201]).toContain(res.status);
    expect(await storedRecords()).toBe(1);
  });
});
