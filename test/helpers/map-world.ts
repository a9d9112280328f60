import request from 'supertest';
import { makeRegion } from './factories';
import type { TestApp } from './test-app';
import { makeUser } from './web';

/**
 * The world of the map tests (issue 16): Land 09, the Landkreis München with Aschheim (E-Payment
 * in use, run by AKDB, and eID in use), Baierbrunn (E-Payment not used) and Unterföhring (no
 * record), written through the API; and the reader `leser`. Returns the admin's Authorization header.
 */
export async function buildMapWorld(t: TestApp): Promise<string> {
  const admin = await t.bearer('admin');
  await makeRegion(t.dataSource, '09', { name: 'Bayern' });
  await makeRegion(t.dataSource, '09184', { level: 'kreis', name: 'München', typeLabel: 'Landkreis' });
  await makeRegion(t.dataSource, '09184112', { name: 'Aschheim' });
  await makeRegion(t.dataSource, '09184113', { name: 'Baierbrunn' });
  await makeRegion(t.dataSource, '09184147', { name: 'Unterföhring' });
  await makeUser(t.dataSource, 'leser', 'reader');
  const put = (ags: string, component: string, body: object) =>
    request(t.app).put(`/api/municipalities/${ags}/components/${component}`).set('Authorization', admin).send(body);
  await put('09184112', 'epayment', { status: 'in-use', operator: { name: 'AKDB', type: 'municipal-provider' } });
  await put('09184112', 'eid', { status: 'in-use' });
  await put('09184113', 'epayment', { status: 'not-used' });
  return admin;
}
