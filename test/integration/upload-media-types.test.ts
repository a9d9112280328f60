/**
 * Upload routes accept exactly the media types their spec declares, which is what the OpenAPI
 * document publishes (issue 15): `registerRoutes` refuses any other with 415 before the body is
 * read, instead of each route checking by hand and accepting more than documented.
 */
import request from 'supertest';
import { allRoutes } from '../../server/api';
import { createTestApp, type TestApp } from '../helpers/test-app';

const uploads = allRoutes.filter((spec) => spec.body && 'upload' in spec.body);

/** Express path → a concrete URL (`:id` → 1, `:ags` → 09162000). */
function urlOf(path: string): string {
  return path.replace(/:ags/g, '09162000').replace(/:[a-zA-Z]+/g, '1');
}

describe('upload media types', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  it('has upload routes to check', () => {
    expect(uploads.map((s) => s.path)).toEqual(
      expect.arrayContaining(['/api/imports/inventory', '/api/imports/fim', '/api/imports/offerings']),
    );
  });

  it('publishes each upload route with exactly the media types it accepts', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    for (const spec of uploads) {
      const path = spec.path.replace(/:([a-zA-Z]+)/g, '{$1}');
      const declared = (spec.body as { upload: { mediaTypes: string[] } }).upload.mediaTypes;
      expect(Object.keys(doc.paths[path][spec.method].requestBody?.content ?? {}).sort()).toEqual([...declared].sort());
    }
  });

  it.each(uploads.map((spec) => [spec.method.toUpperCase(), spec.path, spec] as const))(
    '%s %s refuses an undeclared media type with 415 and names the accepted ones',
    async (_method, _path, spec) => {
      const agent = request(t.app);
      const res = await agent[spec.method](urlOf(spec.path))
        .set('Authorization', admin)
        .set('Content-Type', 'image/png')
        .send(Buffer.from('not a table'));
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const declared = (spec.body as { upload: { mediaTypes: string[] } }).upload.mediaTypes;
      expect(res.body.detail).toBe(`Content-Type image/png wird nicht unterstützt; erwartet ${declared.join(', ')}.`);
    },
  );

  it('accepts a CSV sent the way Windows browsers label it (application/vnd.ms-excel)', async () => {
    const res = await request(t.app)
      .post('/api/imports/inventory?dryRun=true')
      .set('Authorization', admin)
      .set('Content-Type', 'application/vnd.ms-excel')
      .send(Buffer.from('ags;component;status\n09162000;epayment;in-use\n'));
    expect(res.status).not.toBe(415);
  });
});
