/**
 * Issue 12, finding 8: operators' Land keys within the writer's scope, and web addresses
 * http(s) only wherever they are stored (operators, offerings, FIM Onlinedienst links).
 */
import request from 'supertest';
import { bufferSource } from '../../importers/fim/fim-sources';
import { importFim } from '../../importers/fim/fim.importer';
import { inTransaction } from '../../entities/transaction';
import { InputError, NotAllowedError } from '../../lib/errors';
import { cliPrincipal } from '../../lib/principal';
import { createOperator } from '../../services/operator.service';
import { makeRegion } from '../helpers/factories';
import { makeLeistung } from '../helpers/ozg-factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { readXzufiFixture } from '../unit/fim/fim-test-helpers';

describe('operators: Land keys within scope, websites http(s) only', () => {
  let t: TestApp;
  let jena: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '16', { name: 'Thüringen' });
    await makeRegion(t.dataSource, '16053', { level: 'kreis', name: 'Jena' });
    await makeRegion(t.dataSource, '16053000', { name: 'Jena, Stadt' });
    jena = await t.bearer('editor', ['16053000']);
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  const post = (auth: string, body: Record<string, unknown>) =>
    request(t.app).post('/api/operators').set('Authorization', auth).send(body);

  it('lets an editor scoped to Jena name Thüringen only (403 for Bayern, in German)', async () => {
    const bayern = await post(jena, { name: 'Fremd GmbH', type: 'private-provider', landKeys: ['09'] });
    expect(bayern.status).toBe(403);
    expect(bayern.body.detail).toMatch(/nur für die Länder Ihres Bereichs \(16\).*09/);
    const mixed = await post(jena, { name: 'Fremd GmbH', type: 'private-provider', landKeys: ['16', '09'] });
    expect(mixed.status).toBe(403);
    const own = await post(jena, { name: 'Thüringer IT GmbH', type: 'private-provider', landKeys: ['16'] });
    expect(own.status).toBe(201);
    expect(own.body.landKeys).toEqual(['16']);
  });

  it('refuses Land keys that are no Land (422), for admins too; admins may name any Land', async () => {
    for (const auth of [jena, admin]) {
      for (const key of ['99', '00', '17']) {
        const res = await post(auth, { name: `Nirgendwo ${key}`, type: 'private-provider', landKeys: [key] });
        expect(res.status).toBe(422);
        expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/landKeys/0']);
      }
    }
    const any = await post(admin, { name: 'Bundesweit AG', type: 'private-provider', landKeys: ['01', '09', '16'] });
    expect(any.status).toBe(201);
  });

  it('refuses a website that is not http(s), on create and on PATCH', async () => {
    for (const website of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      '//evil.example',
      'https://',
    ]) {
      const res = await post(jena, { name: 'Skript GmbH', type: 'private-provider', website });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('#/website');
    }
    const ok = await post(jena, { name: 'Web GmbH', type: 'private-provider', website: 'https://web.example/de' });
    expect(ok.status).toBe(201);
    const patched = await request(t.app)
      .patch(`/api/operators/${ok.body.id}`)
      .set('Authorization', admin)
      .set('If-Match', ok.headers.etag)
      .send({ website: 'javascript:alert(1)' });
    expect(patched.status).toBe(422);
    const [row] = await t.dataSource.query(`SELECT COUNT(*) AS "n" FROM "operators" WHERE "website" NOT LIKE 'http%'`);
    expect(Number(row.n)).toBe(0);
  });

  it('checks in the service too, for writers that bypass the API schema', async () => {
    const editor = {
      principal: { kind: 'user' as const, id: '1', name: 'user:jena', role: 'editor' as const, scopes: ['16053'] },
      requestId: null,
    };
    await expect(
      inTransaction(t.dataSource, (tx) =>
        createOperator(tx, { name: 'Dienst X', type: 'state', website: 'javascript:alert(1)' }, editor),
      ),
    ).rejects.toBeInstanceOf(InputError);
    await expect(
      inTransaction(t.dataSource, (tx) =>
        createOperator(tx, { name: 'Dienst X', type: 'state', landKeys: ['99'] }, editor),
      ),
    ).rejects.toBeInstanceOf(InputError);
    await expect(
      inTransaction(t.dataSource, (tx) =>
        createOperator(tx, { name: 'Dienst X', type: 'state', landKeys: ['09'] }, editor),
      ),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });
});

describe('offering URLs http(s) only', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09');
    await makeRegion(t.dataSource, '09162', { level: 'kreis', name: 'München' });
    await makeRegion(t.dataSource, '09162000', { name: 'München, Landeshauptstadt' });
    await makeLeistung(t.dataSource, '99050012104000', 10200, '2/3');
    await makeLeistung(t.dataSource, '99108001001000', 10160, '5');
  });
  afterAll(() => t.close());

  it('refuses a javascript: offering URL through the API (422)', async () => {
    const editor = await t.bearer('editor', ['09162']);
    const res = await request(t.app)
      .put('/api/municipalities/09162000/offerings/99108001001000')
      .set('Authorization', editor)
      .send({ status: 'online', url: 'javascript:alert(1)' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('#/url');
  });

  it('skips a FIM Onlinedienst link that is not http(s), with a warning in the report', async () => {
    const hostile = readXzufiFixture('xzufi-2.2.0-transfer.xml')
      .toString('utf8')
      .replace(
        'https://service.example.de/bewohnerparken?quelle=pvog&amp;sprache=de',
        'javascript:alert(document.cookie)',
      );
    expect(hostile).toContain('javascript:alert');
    const report = await importFim(t.dataSource, {
      sources: [bufferSource('x22.xml', Buffer.from(hostile))],
      maxBytes: 1 << 24,
      actor: { principal: cliPrincipal(), requestId: null },
    });
    expect(report.status).toBe('succeeded');
    const offerings = report.details?.offerings as { linksSkipped: number; warnings: string[] };
    expect(offerings.linksSkipped).toBe(1);
    expect(offerings.warnings[0]).toMatch(/javascript:alert.*keine http\(s\)-Adresse/);
    const rows = await t.dataSource.query(`SELECT "url" FROM "offerings" WHERE "source" = 'fim'`);
    expect(rows).toEqual([{ url: null }]);
  });
});
