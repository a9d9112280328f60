import request from 'supertest';
import { AuditEvent, User } from '../../entities';
import { inTransaction } from '../../entities/transaction';
import { issueSetupLink } from '../../services/setup.service';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf } from '../helpers/web';

const PASSWORD = 'ein langes gutes Passwort';

async function auditActions(t: TestApp, entityKey: string): Promise<{ action: string; actor: string }[]> {
  const rows = await t.dataSource.getRepository(AuditEvent).find({ where: { entityKey }, order: { id: 'ASC' } });
  return rows.map((r) => ({ action: r.action, actor: r.actor }));
}

describe('first start: the setup link creates the first admin once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('tells a visitor of the login page about the setup link, not about the command line', async () => {
    const page = await request(t.app).get('/anmeldung');
    expect(page.text).toContain('Einrichtungslink');
    expect(page.text).not.toContain('users create');
  });

  it('refuses a wrong token (404), an expired one and a replaced one (410)', async () => {
    const wrong = await request(t.app).get('/einrichtung?token=abc');
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('ungültig');
    const old = await inTransaction(t.dataSource, (tx) => issueSetupLink(tx, new Date(Date.now() - 25 * 3_600_000)));
    const expired = await request(t.app).get(`/einrichtung?token=${old!.token}`);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('abgelaufen');
    const first = await inTransaction(t.dataSource, (tx) => issueSetupLink(tx));
    await inTransaction(t.dataSource, (tx) => issueSetupLink(tx));
    const replaced = await request(t.app).get(`/einrichtung?token=${first!.token}`);
    expect(replaced.status).toBe(410);
    expect(replaced.text).toContain('bereits verwendet oder durch einen neueren ersetzt');
  });

  it('creates the admin, signs them in, audits it, and the link is dead afterwards', async () => {
    const link = await inTransaction(t.dataSource, (tx) => issueSetupLink(tx));
    const agent = request.agent(t.app);
    const form = await agent.get(`/einrichtung?token=${link!.token}`);
    expect(form.status).toBe(200);
    const send = (fields: Record<string, string>) =>
      agent
        .post('/einrichtung')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          token: link!.token,
          anzeigename: 'Erika Admin',
          benutzername: 'erika@example.org',
          ...fields,
        });

    const mismatch = await send({ passwort: PASSWORD, passwort2: 'etwas anderes' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('stimmen nicht überein');
    const short = await send({ passwort: 'kurz', passwort2: 'kurz' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('mindestens 12 Zeichen');
    expect(await t.dataSource.getRepository(User).count()).toBe(0);

    const done = await send({ passwort: PASSWORD, passwort2: PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/benutzer');
    const users = await agent.get('/benutzer');
    expect(users.status).toBe(200);
    expect(users.text).toContain('Angemeldet als <strong>Erika Admin</strong>');
    const admin = await t.dataSource.getRepository(User).findOneByOrFail({ userName: 'erika@example.org' });
    expect(admin.role).toBe('admin');
    expect(await auditActions(t, 'erika@example.org')).toEqual([
      { action: 'user.created', actor: 'einrichtungslink' },
      { action: 'setup.completed', actor: 'einrichtungslink' },
    ]);

    const again = await request(t.app).get(`/einrichtung?token=${link!.token}`);
    expect(again.status).toBe(410);
    const repost = await agent
      .post('/einrichtung')
      .type('form')
      .send({
        _csrf: csrfOf(users.text),
        token: link!.token,
        benutzername: 'zweiter',
        passwort: PASSWORD,
        passwort2: PASSWORD,
      });
    expect(repost.status).toBe(410);
    expect(await t.dataSource.getRepository(User).count()).toBe(1);
    // With an admin there is no new setup link at the next start, and the login page stops pointing to one.
    expect(await inTransaction(t.dataSource, (tx) => issueSetupLink(tx))).toBeNull();
    expect((await request(t.app).get('/anmeldung')).text).not.toContain('Einrichtungslink');
  });
});
