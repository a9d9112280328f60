/**
 * The source HTTP client and the OAuth2 client credentials against a real local server:
 * retries on 429 (Retry-After in seconds and as an HTTP-date), 5xx, timeouts, network errors
 * and cut-off pages; no retry on other statuses; token caching and refresh on 401.
 */
import { DashboardClient } from '../../../sources/dashboard.client';
import { SourceError } from '../../../sources/errors';
import { HttpClient, type HttpClientOptions } from '../../../sources/http-client';
import { OAuth2ClientCredentials } from '../../../sources/oauth2';
import { PvogClient } from '../../../sources/pvog.client';
import { sendJson, springPage, startSourceServer, type SourceServer } from '../../helpers/source-server';

const RECORD = {
  leika_key: '99041006017000',
  leika_name: 'Hundehaltung anmelden',
  ars: '010510000000',
  ars_name: 'Dithmarschen',
  ars_federal_state: '01',
  bundesland: 'Schleswig-Holstein',
  leika_bezeichnung: 'Hundesteuer Anmeldung',
  ozgid: 10160,
  ozg_bezeichnung: 'Hundesteuer',
  url: 'https://www.dithmarschen.de/hund',
  online_status: 'ok',
  aktiv: 'ja',
  art_flaechendeckung: 'kreisweit flächendeckend',
};

describe('source HTTP client', () => {
  let server: SourceServer;
  let waits: number[];

  const client = (extra: Partial<HttpClientOptions> = {}) =>
    new HttpClient({
      name: 'Testquelle',
      baseUrl: `${server.url}/api`,
      timeoutMs: 2_000,
      maxAttempts: 4,
      backoff: { baseDelayMs: 100, maxDelayMs: 1_000 },
      maxRetryAfterMs: 60_000,
      maxBytes: 1024 * 1024,
      // The waits are recorded, not slept: the rules are checked without timing the test.
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 1,
      ...extra,
    });

  beforeAll(async () => {
    server = await startSourceServer((_req, res) => sendJson(res, 200, {}));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    waits = [];
    server.requests.length = 0;
  });

  /** Answers the n-th request (1-based) with `steps[n-1]`, and the page from then on. */
  function sequence(steps: ((res: import('node:http').ServerResponse) => void)[]) {
    let n = 0;
    server.handle((_req, res) => {
      const step = steps[n++];
      if (step) step(res);
      else sendJson(res, 200, springPage([RECORD], 0, 100, 1));
    });
  }

  it('waits what a 429 asks for in seconds, then gets the page', async () => {
    sequence([(res) => sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '7' })]);
    const page = await new DashboardClient(client()).dataPage('010510000000', 0, 100);
    expect(page).toMatchObject({ number: 0, last: true, count: 1, totalPages: 1 });
    expect(waits).toEqual([7_000]);
    expect(server.requests.map((r) => `${r.path}?${r.query}`)).toEqual([
      '/api/v1/data/010510000000?page=0&size=100&includeAbove=false&includeBelow=true',
      '/api/v1/data/010510000000?page=0&size=100&includeAbove=false&includeBelow=true',
    ]);
  });

  it('waits until an HTTP-date in Retry-After', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    sequence([(res) => sendJson(res, 503, 'down', { 'retry-after': at })]);
    await new DashboardClient(client()).dataPage('010510000000', 0, 100);
    expect(waits).toHaveLength(1);
    // The date has whole seconds; the wait is what is left of the half minute.
    expect(waits[0]).toBeGreaterThan(25_000);
    expect(waits[0]).toBeLessThanOrEqual(30_000);
  });

  it('does not wait beyond the allowed Retry-After but fails at once', async () => {
    sequence([(res) => sendJson(res, 429, 'no', { 'retry-after': '3600' })]);
    const error = await new DashboardClient(client()).dataPage('010510000000', 0, 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).failure).toBe('unavailable');
    expect((error as SourceError).message).toMatch(/erst in 3600 s/);
    expect(server.requests).toHaveLength(1);
  });

  it('backs off exponentially on 500 and gives up after the last attempt', async () => {
    server.handle((_req, res) => sendJson(res, 500, { error: 'boom' }));
    const error = (await client()
      .request({ path: '/v1/ars' })
      .catch((e: unknown) => e)) as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    expect(error.failure).toBe('unavailable');
    expect(error.status).toBe(500);
    expect(error.message).toMatch(
      /Testquelle \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/ars\) antwortet 500 \(nach 4 Versuchen\)/,
    );
    expect(server.requests).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('does not retry a 404', async () => {
    server.handle((_req, res) => sendJson(res, 404, { error: 'nope' }));
    const error = (await client()
      .request({ path: '/v1/data/x' })
      .catch((e: unknown) => e)) as SourceError;
    expect([error.failure, error.status, server.requests.length]).toEqual(['status', 404, 1]);
  });

  it('retries a page cut off mid-body, and one that is not JSON', async () => {
    sequence([
      (res) => {
        // Promises more than it sends, then drops the connection: a partial page.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        res.write('{"content":[{"leika_key":"99041');
        res.socket?.destroy();
      },
      (res) => sendJson(res, 200, '{"content": [ {"leika_key": "990'),
      (res) => sendJson(res, 200, '<html>Wartung</html>'),
    ]);
    const page = await new DashboardClient(client()).dataPage('010510000000', 0, 100);
    expect(page.count).toBe(1);
    expect(server.requests).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it('gives up on an answer that never comes within the timeout, then succeeds on the next attempt', async () => {
    let n = 0;
    server.handle((_req, res) => {
      if (n++ === 0) return; // never answers
      sendJson(res, 200, springPage([RECORD], 0, 100, 1));
    });
    const page = await new DashboardClient(client({ timeoutMs: 300 })).dataPage('010510000000', 0, 100);
    expect(page.count).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a refused connection and reports it in German at the end', async () => {
    const closed = await startSourceServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const error = (await client({ baseUrl: url, maxAttempts: 2 })
      .request({ path: '/x' })
      .catch((e: unknown) => e)) as SourceError;
    expect(error.failure).toBe('network');
    expect(error.message).toMatch(/ist nicht erreichbar \(ECONNREFUSED\) \(nach 2 Versuchen\)/);
    expect(waits).toEqual([100]);
  });

  it('refuses a body over the limit without retrying', async () => {
    server.handle((_req, res) => sendJson(res, 200, springPage([RECORD, RECORD, RECORD], 0, 100, 3)));
    const error = (await new DashboardClient(client({ maxBytes: 200 }))
      .dataPage('010510000000', 0, 100)
      .catch((e: unknown) => e)) as SourceError;
    expect(error.failure).toBe('too-large');
    expect(server.requests).toHaveLength(1);
  });
});

describe('OAuth2 client credentials (PVOG)', () => {
  let server: SourceServer;
  let tokens: number;
  let valid: Set<string>;

  beforeAll(async () => {
    server = await startSourceServer(() => undefined);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    tokens = 0;
    valid = new Set();
    server.requests.length = 0;
    server.handle((req, res) => {
      if (req.path === '/auth/token') {
        const form = new URLSearchParams(req.body);
        if (form.get('grant_type') !== 'client_credentials' || form.get('client_secret') !== 'geheim') {
          return sendJson(res, 401, { error: 'invalid_client' });
        }
        const token = `t${++tokens}`;
        valid.add(token);
        return sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: 300 });
      }
      const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!valid.has(token)) return sendJson(res, 401, { error: 'invalid_token' });
      sendJson(res, 200, { xzufiObjekte: '', vollstaendig: true, naechsterIndex: null, naechsteAnfrageUrl: null });
    });
  });

  function pvog(secret = 'geheim') {
    const options = {
      name: 'PVOG',
      timeoutMs: 2_000,
      maxAttempts: 3,
      backoff: { baseDelayMs: 1, maxDelayMs: 1 },
      maxRetryAfterMs: 1_000,
      maxBytes: 1024 * 1024,
    };
    const tokenHttp = new HttpClient({ ...options, name: 'Token', baseUrl: server.url });
    const auth = new OAuth2ClientCredentials(
      { tokenUrl: `${server.url}/auth/token`, clientId: 'atlas', clientSecret: secret },
      tokenHttp,
    );
    return new PvogClient(
      new HttpClient({ ...options, baseUrl: `${server.url}/bereitstelldienst/api`, auth }),
      '/v3/verwaltungsobjekte/xzufi-2-3-1',
    );
  }

  it('fetches a token once and reuses it', async () => {
    const client = pvog();
    await client.page(client.urlAt(0, null));
    await client.page(client.urlAt(100, '160000000000'));
    expect(server.requests.map((r) => r.path)).toEqual([
      '/auth/token',
      '/bereitstelldienst/api/v3/verwaltungsobjekte/xzufi-2-3-1',
      '/bereitstelldienst/api/v3/verwaltungsobjekte/xzufi-2-3-1',
    ]);
    expect(server.requests[2].query.toString()).toBe('index=100&ars=160000000000');
    expect(server.requests[1].headers.authorization).toBe('Bearer t1');
  });

  it('fetches a new token when the source refuses the old one (401)', async () => {
    const client = pvog();
    await client.page(client.urlAt(0, null));
    valid.clear(); // the source revoked it
    const page = await client.page(client.urlAt(0, null));
    expect(page.complete).toBe(true);
    expect(tokens).toBe(2);
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer t2');
  });

  it('says so when the credentials are wrong, without retrying them', async () => {
    const client = pvog('falsch');
    const error = (await client.page(client.urlAt(0, null)).catch((e: unknown) => e)) as SourceError;
    expect(error.failure).toBe('auth');
    expect(error.message).toMatch(/PVOG_CLIENT_ID und PVOG_CLIENT_SECRET prüfen/);
    expect(server.requests.map((r) => r.path)).toEqual(['/auth/token']);
  });
});
