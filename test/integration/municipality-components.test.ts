import request from 'supertest';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('municipality component inventory API', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Bayern' });
    await makeRegion(t.dataSource, '09162', { name: 'München, Landeshauptstadt', level: 'kreis' });
    await makeRegion(t.dataSource, '09162000', { name: 'München, Landeshauptstadt' });
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  it('creates a record with PUT, returns it with an ETag, and lists it in the landscape', async () => {
    const put = await request(t.app)
      .put('/api/municipalities/09162000/components/epayment')
      .set('Authorization', admin)
      .send({ status: 'in-use', product: 'ePayBL', operator: { name: 'AKDB', type: 'municipal-provider' } });
    expect(put.status).toBe(201);
    expect(put.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(put.body).toMatchObject({ component: 'epayment', status: 'in-use', product: 'ePayBL', operator: { name: 'AKDB' } });

    const landscape = await request(t.app).get('/api/municipalities/09162000/components').set('Authorization', admin);
    expect(landscape.status).toBe(200);
    expect(landscape.body.components.map((c: { component: string }) => c.component)).toEqual(['epayment']);
    expect(landscape.body.missingComponents).toHaveLength(8);
  });
});
