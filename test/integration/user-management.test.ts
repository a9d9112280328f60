import request from 'supertest';
import { AuditEvent, OneTimeLink, User } from '../../entities';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent, TEST_PASSWORD } from '../helpers/web';

const PASSWORD = 'ein langes gutes Passwort';
type Agent = ReturnType<typeof request.agent>;

async function actions(t: TestApp, entityKey: string): Promise<string[]> {
  const rows = await t.dataSource.getRepository(AuditEvent).find({ where: { entityKey }, order: { id: 'ASC' } });
  return rows.map((r) => r.action);
}

/** Posts a form of the user management with the page's CSRF token. */
async function post(agent: Agent, path: string, fields: Record<string, string>) {
  const page = await agent.get('/benutzer');
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfOf(page.text), ...fields });
}

/** The invitation link shown (once) on an account's page. */
function linkOf(html: string): string {
  const match = /id="f-link" type="text" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no invitation link on the page');
  return new URL(match[1].replace(/&amp;/g, '&')).pathname + new URL(match[1].replace(/&amp;/g, '&')).search;
}

async function accept(path: string, app: TestApp['app'], password = PASSWORD) {
  const agent = request.agent(app);
  const form = await agent.get(path);
  const token = new URLSearchParams(path.split('?')[1]).get('token')!;
  const res = await agent
    .post('/einladung')
    .type('form')
    .send({ _csrf: csrfOf(form.text), token, passwort: password, passwort2: password });
  return { agent, form, res };
}

describe('user management in the browser', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    await makeUser(t.dataSource, 'chefin', 'admin');
    await makeUser(t.dataSource, 'leser', 'reader');
    await makeUser(t.dataSource, 'kreis-it', 'editor', ['16066']);
    await makeUser(t.dataSource, 'gemeinde-it', 'editor', ['16066001']);
    await makeUser(t.dataSource, 'jena-alt', 'editor', ['16053000']);
    admin = await signedInAgent(t.app, 'chefin');
  });
  afterAll(() => t.close());

  it('invites a user, who sets a password with the link once and lands on their municipality', async () => {
    const invite = await post(admin, '/benutzer', {
      benutzername: 'jena-it@example.org',
      anzeigename: 'Jena IT',
      rolle: 'editor',
      bereich: '16053000',
    });
    expect(invite.status).toBe(303);
    expect(invite.headers.location).toBe('/benutzer/jena-it%40example.org');
    const detail = await admin.get(invite.headers.location as string);
    expect(detail.text).toContain('nur jetzt sichtbar');
    const path = linkOf(detail.text);
    expect(path).toMatch(/^\/einladung\?token=[A-Za-z0-9_-]{43}$/);
    // Shown once: reloading the page does not show it again; the table stores only a hash.
    expect((await admin.get(invite.headers.location as string)).text).not.toContain('nur jetzt sichtbar');
    const stored = await t.dataSource.getRepository(OneTimeLink).find();
    expect(stored.some((l) => path.includes(l.tokenHash))).toBe(false);

    // Before accepting, nobody can sign in to the account.
    await expect(signedInAgent(t.app, 'jena-it@example.org', 'einladung-offen')).rejects.toThrow(/401/);

    const mismatch = await request
      .agent(t.app)
      .post('/einladung')
      .type('form')
      .send({ token: 'x', passwort: PASSWORD, passwort2: PASSWORD });
    expect(mismatch.status).toBe(403); // no CSRF token: refused like every other form

    const { form, res } = await accept(path, t.app);
    expect(form.text).toContain('jena-it@example.org');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/kommunen/16053000');
    const again = await request(t.app).get(path);
    expect(again.status).toBe(410);
    await signedInAgent(t.app, 'jena-it@example.org', PASSWORD);
    expect(await actions(t, 'jena-it@example.org')).toEqual([
      'user.created',
      'user.invited',
      'user.invitation-accepted',
    ]);
  });

  it('lets an admin change a role, audited with before and after, and checks the area', async () => {
    const missing = await post(admin, '/benutzer/leser/rolle', { rolle: 'editor', bereich: '' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('mindestens einen Gebietsschlüssel');
    const ok = await post(admin, '/benutzer/leser/rolle', { rolle: 'editor', bereich: '16' });
    expect(ok.status).toBe(303);
    const user = await t.dataSource.getRepository(User).findOneByOrFail({ userName: 'leser' });
    expect([user.role, user.scopes]).toEqual(['editor', ['16']]);
    const event = await t.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ entityKey: 'leser', action: 'user.role-changed' });
    expect([event.actor, event.before, event.after]).toEqual([
      'user:chefin',
      { role: 'reader', scopes: [] },
      { role: 'editor', scopes: ['16'] },
    ]);
    const self = await post(admin, '/benutzer/chefin/rolle', { rolle: 'reader', bereich: '' });
    expect(self.status).toBe(403);
    const forged = await admin.post('/benutzer/leser/rolle').type('form').send({ rolle: 'admin', bereich: '' });
    expect(forged.status).toBe(403); // no CSRF token
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ userName: 'leser' })).role).toBe('editor');
  });

  it('does not let an editor see or grant more than their own area and role', async () => {
    const editor = await signedInAgent(t.app, 'kreis-it');
    const list = await editor.get('/benutzer');
    expect(list.status).toBe(200);
    expect(list.text).toContain('gemeinde-it');
    expect(list.text).not.toContain('chefin');
    expect(list.text).not.toContain('jena-alt');
    expect(list.text).not.toContain('<option value="admin"');

    for (const fields of [
      { rolle: 'admin', bereich: '' },
      { rolle: 'reader', bereich: '' },
      { rolle: 'editor', bereich: '16' },
      { rolle: 'editor', bereich: '16053000' },
    ]) {
      const res = await post(editor, '/benutzer', { benutzername: 'neu', ...fields });
      expect([fields, res.status]).toEqual([fields, 403]);
    }
    expect((await post(editor, '/benutzer/gemeinde-it/rolle', { rolle: 'admin', bereich: '' })).status).toBe(403);
    expect((await post(editor, '/benutzer/gemeinde-it/rolle', { rolle: 'editor', bereich: '16' })).status).toBe(403);
    expect((await post(editor, '/benutzer/kreis-it/rolle', { rolle: 'editor', bereich: '16' })).status).toBe(403);
    expect((await post(editor, '/benutzer/chefin/sperren', {})).status).toBe(404);
    expect((await post(editor, '/benutzer/jena-alt/zuruecksetzen', {})).status).toBe(404);
    const unchanged = await t.dataSource.getRepository(User).find({ order: { userName: 'ASC' } });
    expect(unchanged.map((u) => [u.userName, u.role, u.scopes.join(','), u.disabledAt === null])).toEqual(
      expect.arrayContaining([
        ['chefin', 'admin', '', true],
        ['gemeinde-it', 'editor', '16066001', true],
        ['jena-alt', 'editor', '16053000', true],
        ['kreis-it', 'editor', '16066', true],
      ]),
    );
    expect(await t.dataSource.getRepository(User).countBy({ userName: 'neu' })).toBe(0);

    // Within the area the editor may invite another editor.
    const ok = await post(editor, '/benutzer', { benutzername: 'neu', rolle: 'editor', bereich: '16066002' });
    expect(ok.status).toBe(303);
  });

  it('deactivates an account (its sessions end) and resets it with a new link', async () => {
    const victim = await signedInAgent(t.app, 'jena-alt');
    const off = await post(admin, '/benutzer/jena-alt/sperren', {});
    expect(off.status).toBe(303);
    expect((await victim.get('/benutzer')).status).toBe(303); // signed out: sent to the login page
    await expect(signedInAgent(t.app, 'jena-alt')).rejects.toThrow(/401/);

    const reset = await post(admin, '/benutzer/jena-alt/zuruecksetzen', {});
    expect(reset.status).toBe(303);
    const path = linkOf((await admin.get('/benutzer/jena-alt')).text);
    await expect(signedInAgent(t.app, 'jena-alt', TEST_PASSWORD)).rejects.toThrow(/401/);
    const { res } = await accept(path, t.app, 'ein neues langes Passwort');
    expect(res.status).toBe(303);
    await signedInAgent(t.app, 'jena-alt', 'ein neues langes Passwort');
    expect(await actions(t, 'jena-alt')).toEqual([
      'user.created',
      'user.disabled',
      'user.access-reset',
      'user.invitation-accepted',
    ]);
  });

  it('keeps readers and visitors out, and sends an editor of one area to it after login', async () => {
    const municipal = await signedInAgent(t.app, 'gemeinde-it');
    expect((await municipal.get('/')).text).toContain('href="/kommunen/16066001"');
    const anonymous = await request(t.app).get('/benutzer');
    expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/anmeldung?weiter=%2Fbenutzer']);
    await makeUser(t.dataSource, 'nur-leser', 'reader');
    const readerAgent = await signedInAgent(t.app, 'nur-leser');
    expect((await readerAgent.get('/benutzer')).status).toBe(403);

    const agent = request.agent(t.app);
    const form = await agent.get('/anmeldung');
    const login = await agent
      .post('/anmeldung')
      .type('form')
      .send({ _csrf: csrfOf(form.text), benutzername: 'kreis-it', passwort: TEST_PASSWORD, weiter: '/' });
    expect(login.headers.location).toBe('/gebiete/16066');
  });
});
