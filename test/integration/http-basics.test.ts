import express from 'express';
import request from 'supertest';
import pino from 'pino';
import { createTestApp, testConfig, type TestApp } from '../helpers/test-app';
import { inTransaction } from '../../entities/transaction';
import { createApiToken, revokeApiToken } from '../../services/token.service';
import { bearerAuthentication } from '../../server/auth/bearer';
import { problemDetailsHandler } from '../../server/http/problem-details';
import { defineRoute, registerRoutes, sendJson } from '../../server/http/route';
import { allRoutes } from '../../server/api';
import { toOpenApiPath } from '../../server/openapi';

/** Every method+path the Express app really serves, from its router stack. */
function servedRoutes(app: express.Express): string[] {
  const out: string[] = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as {
      route?: { path: string; methods: Record<string, boolean> };
      handle?: { stack?: unknown[] };
    }[]) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) out.push(`${method} ${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack);
  return out;
}

describe('HTTP basics', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ importMaxBytes: 1024 });
    admin = await t.bearer('admin');
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    expect((await request(t.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(t.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.database).toMatch(/sqlite|postgres/);
  });

  it('serves an OpenAPI 3.1 document that lists exactly the routes the app serves', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`),
    );
    const served = servedRoutes(t.app)
      .map((r) => {
        const [method, path] = r.split(' ');
        return `${method} ${toOpenApiPath(path)}`;
      })
      .filter((r) => r.includes('/api/') && !r.includes('/api/docs') && !r.endsWith('/api/openapi.json'));
    expect(new Set(documented)).toEqual(new Set([...served, 'get /healthz', 'get /readyz']));
  });

  it('documents for every operation the very schemas the validator uses, and every path parameter', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    for (const spec of allRoutes) {
      const op = doc.paths[toOpenApiPath(spec.path)][spec.method];
      expect(op.operationId).toBe(spec.operationId);
      if (spec.body && 'json' in spec.body) {
        expect(op.requestBody.content['application/json'].schema).toEqual(JSON.parse(JSON.stringify(spec.body.json)));
      }
      for (const name of [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1])) {
        expect(op.parameters).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
      }
      for (const name of Object.keys((spec.query?.properties ?? {}) as object)) {
        expect(op.parameters).toContainEqual(expect.objectContaining({ name, in: 'query' }));
      }
      if (spec.access !== 'public') expect(op.responses['401']).toBeDefined();
    }
  });

  it('serves the API reference page and its assets from the project, not a CDN', async () => {
    const page = await request(t.app).get('/api/docs/swagger');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const bundle = await request(t.app).get('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect((await request(t.app).get('/api/docs/init.js')).status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });

  it('answers malformed JSON with 400, a wrong media type with 415, unknown paths with 404', async () => {
    const malformed = await request(t.app)
      .put('/api/municipalities/09162000/components/epayment')
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .send('{"status": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(malformed.body).toMatchObject({
      status: 400,
      type: '/problems/bad-request',
      detail: expect.stringMatching(/JSON/),
    });

    const text = await request(t.app)
      .put('/api/municipalities/09162000/components/epayment')
      .set('Authorization', admin)
      .set('Content-Type', 'text/plain')
      .send('status=in-use');
    expect(text.status).toBe(415);

    const unknown = await request(t.app).get('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.instance).toBe('/api/nothing-here');
  });

  it('answers an oversized JSON body with 413', async () => {
    const res = await request(t.app)
      .put('/api/municipalities/09162000/components/epayment')
      .set('Authorization', admin)
      .send({ status: 'in-use', note: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('/problems/payload-too-large');
  });

  it('rejects unknown and malformed query parameters with 400 naming each parameter', async () => {
    const res = await request(t.app).get('/api/regions?level=dorf&limit=0&colour=red');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { parameter: string }) => e.parameter).sort()).toEqual(['colour', 'level', 'limit']);
    const cursor = await request(t.app).get('/api/regions?cursor=not-a-cursor');
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors[0].parameter).toBe('cursor');
  });

  it('carries a request id on every response, also on errors', async () => {
    const res = await request(t.app).get('/api/regions/09999999');
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers a malformed percent-encoding in the path with 400, not 500', async () => {
    const res = await request(t.app).get('/api/regions/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, type: '/problems/bad-request', detail: expect.any(String) });
    const inOperator = await request(t.app).get('/api/operators/%ZZ').set('Authorization', admin);
    expect(inOperator.status).toBe(400);
  });

  it('maps other client errors of the body parsers to problem+json, not 500', async () => {
    const lying = await request(t.app)
      .put('/api/municipalities/09162000/components/epayment')
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'x-unknown')
      .send('{"status":"in-use"}');
    expect(lying.status).toBe(415);
    expect(lying.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('treats an Authorization header of another scheme as anonymous on public routes', async () => {
    const basic = 'Basic dXNlcjpwYXNz';
    expect((await request(t.app).get('/healthz').set('Authorization', basic)).status).toBe(200);
    expect((await request(t.app).get('/api/components').set('Authorization', basic)).status).toBe(200);
    const protectedRoute = await request(t.app).get('/api/operators').set('Authorization', basic);
    expect(protectedRoute.status).toBe(401);
    expect(protectedRoute.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrongToken = await request(t.app).get('/api/components').set('Authorization', 'Bearer eat_nope');
    expect(wrongToken.status).toBe(401);
  });

  it('refuses a token revoked in this process at once, although its principal was cached', async () => {
    const { token, view } = await inTransaction(t.dataSource, (tx) =>
      createApiToken(tx, { name: 'kurz', role: 'reader', scopes: [] }),
    );
    const read = () => request(t.app).get('/api/operators').set('Authorization', `Bearer ${token}`);
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(200);
    await inTransaction(t.dataSource, (tx) => revokeApiToken(tx, view.id));
    const revoked = await read();
    expect(revoked.status).toBe(401);
    expect(revoked.headers['www-authenticate']).toMatch(/^Bearer/);
    const ambiguous = await request(t.app).get(`/api/operators?access_token=${token}`).set('Authorization', admin);
    expect(ambiguous.status).toBe(401);
  });

  it('checks access before buffering an upload', async () => {
    const res = await request(t.app)
      .post('/api/imports/inventory?dryRun=true')
      .set('Content-Type', 'text/csv')
      .send('x'.repeat(4096));
    expect(res.status).toBe(401);
    const tooLarge = await request(t.app)
      .post('/api/imports/inventory?dryRun=true')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send('x'.repeat(4096));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it("applies a route's own upload limit (maxBytes) instead of importMaxBytes", async () => {
    const spec = defineRoute<Record<string, string>, Record<string, unknown>, Buffer>({
      method: 'post',
      path: '/api/test-upload',
      operationId: 'testUpload',
      summary: 'Test',
      tags: ['Test'],
      access: 'editor',
      body: { upload: { mediaTypes: ['application/xml'], description: 'XML', maxBytes: (c) => c.fimImportMaxBytes } },
      responses: { 200: { description: 'ok' } },
      handler: ({ res, body }) => {
        res.json({ bytes: body.length });
      },
    });
    const app = express();
    app.use(bearerAuthentication(t.dataSource));
    const router = express.Router();
    registerRoutes(router, [spec], {
      config: testConfig({ importMaxBytes: 1024, fimImportMaxBytes: 8192 }),
      db: t.db,
      logger: pino({ level: 'silent' }),
    });
    app.use(router);
    app.use(problemDetailsHandler);
    const fits = await request(app)
      .post('/api/test-upload')
      .set('Authorization', admin)
      .type('xml')
      .send('x'.repeat(4096));
    expect(fits.status).toBe(200);
    expect(fits.body).toEqual({ bytes: 4096 });
    const tooLarge = await request(app)
      .post('/api/test-upload')
      .set('Authorization', admin)
      .type('xml')
      .send('x'.repeat(9000));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.detail).toMatch(/MB/);
  });

  it('checks JSON responses against their documented schema in tests, also pre-serialised ones', async () => {
    const spec = (path: string, send: (res: express.Response) => void) =>
      defineRoute({
        method: 'get',
        path,
        operationId: `test${path.replace(/\W/g, '')}`,
        summary: 'Test',
        tags: ['Test'],
        access: 'public',
        responses: {
          200: {
            description: 'ok',
            schema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
          },
        },
        handler: ({ res }) => send(res),
      });
    const app = express();
    const router = express.Router();
    registerRoutes(
      router,
      [
        spec('/ok', (res) => sendJson(res, '{"n":1}')),
        spec('/bad', (res) => sendJson(res, '{"n":"eins"}')),
        spec('/bad-json', (res) => {
          res.json({ m: 1 });
        }),
      ],
      { config: testConfig(), db: t.db, logger: pino({ level: 'silent' }), validateResponses: true },
    );
    app.use(router);
    app.use(problemDetailsHandler);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const ok = await request(app).get('/ok');
      expect(ok.status).toBe(200);
      expect(ok.headers['content-type']).toMatch(/^application\/json/);
      expect((await request(app).get('/bad')).status).toBe(500);
      expect((await request(app).get('/bad-json')).status).toBe(500);
    } finally {
      stderr.mockRestore();
    }
  });

  it('never leaks the message of an unexpected error', async () => {
    const cascade = t.dataSource.options.type === 'postgres' ? ' CASCADE' : '';
    await t.dataSource.query(`DROP TABLE operators${cascade}`);
    // With the table gone, the handler fails in a way no input validation could foresee.
    const res = await request(t.app).get('/api/operators').set('Authorization', admin);
    expect(res.status).toBe(500);
    expect(res.body.detail).not.toMatch(/operators|SQL|no such table|relation/i);
    expect(res.body.requestId).toEqual(expect.any(String));
  });
});
