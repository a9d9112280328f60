import request from 'supertest';
import { Session, User } from '../../entities';
import { inTransaction } from '../../entities/transaction';
import { cliPrincipal } from '../../lib/principal';
import { changePassword, disableUser } from '../../services/user.service';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent, TEST_PASSWORD, TEST_SCRYPT_COST } from '../helpers/web';

const cli = { principal: cliPrincipal(), requestId: null };

describe('web login and sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09');
    await makeRegion(t.dataSource, '09184', { level: 'kreis', name: 'München' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching b.München, St' });
    await makeUser(t.dataSource, 'leser', 'reader');
    await makeUser(t.dataSource, 'gesperrt', 'reader');
    await makeUser(t.dataSource, 'wechsel', 'reader');
    await makeUser(t.dataSource, 'viel', 'reader');
  });
  afterAll(() => t.close());

  it('logs in with a session cookie that is HttpOnly and SameSite=Lax, and logs out by deleting the session row', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/anmeldung');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<html lang="de">');
    const login = await agent
      .post('/anmeldung')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        benutzername: 'LESER',
        passwort: TEST_PASSWORD,
        weiter: '/kommunen/09184112',
      });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/kommunen/09184112');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/atlas\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    // The session id changed at login (no fixation): the pre-login session is gone.
    expect(await t.dataSource.getRepository(Session).count()).toBe(1);

    const page = await agent.get('/');
    expect(page.text).toContain('Angemeldet als');
    const rows = await t.dataSource.getRepository(Session).find();
    expect(rows[0].userId).not.toBeNull();
    expect(rows[0].sidHash).toMatch(/^[0-9a-f]{64}$/);

    const logout = await agent
      .post('/abmelden')
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(logout.status).toBe(303);
    expect(logout.headers.location).toBe('/anmeldung?abgemeldet=1');
    expect(await t.dataSource.getRepository(Session).countBy({ sidHash: rows[0].sidHash })).toBe(0);
    expect((await agent.get('/')).text).not.toContain('Angemeldet als');
  });

  it('marks the cookie Secure behind a TLS-terminating proxy that is trusted', async () => {
    const behindProxy = await createTestApp({ trustProxy: 1 });
    try {
      const res = await request(behindProxy.app).get('/anmeldung').set('X-Forwarded-Proto', 'https');
      expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
      expect(res.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
      const api = await request(behindProxy.app).get('/healthz').set('X-Forwarded-Proto', 'https');
      expect(api.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
      const plain = await request(behindProxy.app).get('/anmeldung');
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await behindProxy.close();
    }
  });

  it('refuses wrong passwords in German, keeps the user name, and never redirects off-site', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/anmeldung?weiter=//evil.example/');
    expect(form.text).toContain('name="weiter" value="/"');
    const res = await agent
      .post('/anmeldung')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        benutzername: 'leser',
        passwort: 'falsch-falsch-falsch',
        weiter: 'https://evil.example/',
      });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Benutzername oder Passwort ist falsch');
    expect(res.text).toContain('value="leser"');
    const ok = await agent
      .post('/anmeldung')
      .type('form')
      .send({
        _csrf: csrfOf(res.text),
        benutzername: 'leser',
        passwort: TEST_PASSWORD,
        weiter: 'https://evil.example/',
      });
    expect(ok.headers.location).toBe('/');
  });

  it('rejects a form without the CSRF token with a German 403 page', async () => {
    const agent = request.agent(t.app);
    await agent.get('/anmeldung');
    const res = await agent
      .post('/anmeldung')
      .type('form')
      .set('Accept', 'text/html')
      .send({ benutzername: 'leser', passwort: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Keine Berechtigung');
    expect(res.text).toContain('Sitzung abgelaufen');
    const forged = await agent
      .post('/anmeldung')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), benutzername: 'leser', passwort: TEST_PASSWORD });
    expect(forged.status).toBe(403);
    const signedIn = await signedInAgent(t.app, 'leser');
    expect((await signedIn.post('/abmelden').type('form').send({})).status).toBe(403);
  });

  it('limits failed logins per address and user name, with a German message', async () => {
    const agent = request.agent(t.app);
    let token = csrfOf((await agent.get('/anmeldung')).text);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const res = await agent
        .post('/anmeldung')
        .type('form')
        .send({ _csrf: token, benutzername: 'viel', passwort: `falsch-${i}-xxxxxxx` });
      statuses.push(res.status);
      token = csrfOf(res.text);
      if (res.status === 429) expect(res.text).toContain('Zu viele fehlgeschlagene Anmeldeversuche');
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // Even the right password waits now; another user name from the same address does not.
    const blocked = await agent
      .post('/anmeldung')
      .type('form')
      .send({ _csrf: token, benutzername: 'viel', passwort: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    await expect(signedInAgent(t.app, 'leser')).resolves.toBeDefined();
  });

  it('ends every session of a user on a password change and when the user is disabled', async () => {
    const agent = await signedInAgent(t.app, 'wechsel');
    expect((await agent.get('/')).text).toContain('Angemeldet als');
    const { sessionsEnded } = await inTransaction(t.dataSource, (tx) =>
      changePassword(tx, 'wechsel', 'ein-ganz-neues-passwort', cli, { cost: TEST_SCRYPT_COST }),
    );
    expect(sessionsEnded).toBe(1);
    expect((await agent.get('/')).text).not.toContain('Angemeldet als');
    await expect(signedInAgent(t.app, 'wechsel')).rejects.toThrow(/401/);
    await expect(signedInAgent(t.app, 'wechsel', 'ein-ganz-neues-passwort')).resolves.toBeDefined();

    const other = await signedInAgent(t.app, 'gesperrt');
    await inTransaction(t.dataSource, (tx) => disableUser(tx, 'gesperrt', cli));
    expect((await other.get('/')).text).not.toContain('Angemeldet als');
    await expect(signedInAgent(t.app, 'gesperrt')).rejects.toThrow(/401/);
  });

  it('starts an anonymous session when a surviving session row turns void, so the next form still works', async () => {
    // The service deletes the session rows on a password change or disable; these rows
    // survive (another instance, a restore, a direct database change), which the per-request
    // check must catch without leaving the request without a session.
    await makeUser(t.dataSource, 'nochmal', 'reader');
    const agent = await signedInAgent(t.app, 'nochmal');
    await t.dataSource
      .getRepository(User)
      .update({ userName: 'nochmal' }, { passwordChangedAt: new Date(Date.now() + 60_000) });
    const form = await agent.get('/anmeldung').set('Accept', 'text/html');
    expect(form.status).toBe(200);
    expect(form.text).not.toContain('Angemeldet als');
    const login = await agent
      .post('/anmeldung')
      .type('form')
      .send({ _csrf: csrfOf(form.text), benutzername: 'leser', passwort: TEST_PASSWORD, weiter: '/' });
    expect(login.status).toBe(303);
    expect((await agent.get('/')).text).toContain('Angemeldet als <strong>Test leser');

    await makeUser(t.dataSource, 'bald-gesperrt', 'reader');
    const disabled = await signedInAgent(t.app, 'bald-gesperrt');
    await t.dataSource.getRepository(User).update({ userName: 'bald-gesperrt' }, { disabledAt: new Date() });
    const edit = await disabled.get('/kommunen/09184112/komponenten/epayment').set('Accept', 'text/html');
    expect(edit.status).toBe(303);
    expect(edit.headers.location).toMatch(/^\/anmeldung\?weiter=/);
    const again = await disabled.get('/anmeldung').set('Accept', 'text/html');
    expect(again.status).toBe(200);
    expect(csrfOf(again.text)).toMatch(/^[\w-]{43}$/);
  });

  it('lets a signed-in browser read the API (GET) but never write through it with the cookie', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const read = await agent.get('/api/municipalities/09184112/components');
    expect(read.status).toBe(200);
    const csv = await agent.get('/api/reports/landscape?area=09184&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    const write = await agent.put('/api/municipalities/09184112/components/epayment').send({ status: 'in-use' });
    expect(write.status).toBe(401);
    expect(write.headers['content-type']).toMatch(/problem\+json/);
    expect((await request(t.app).get('/api/municipalities/09184112/components')).status).toBe(401);
  });
});
