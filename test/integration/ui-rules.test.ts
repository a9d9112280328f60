/**
 * `/zustaendigkeitsregeln` and the rules import on `/import`: every signed-in user reads the
 * rules with their sources; only admins set, delete and import them, and a change shows in the
 * next report.
 */
import request from 'supertest';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { buildGapReport } from '../../reports/gaps/report';
import { buildWorld } from '../helpers/ozg-world';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent } from '../helpers/web';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

async function finished(agent: Agent, location: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const page = await agent.get(location);
    if (!page.text.includes('id="fortschritt"')) return page.text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('import did not finish');
}

describe('responsibility rules in the web interface', () => {
  let t: TestApp;
  let reader: Agent;
  let admin: Agent;
  const kfzUnits = async () =>
    (await buildGapReport(t.dataSource.manager, '09', { target: DEFAULT_TARGET })).ozgLeistungen.find(
      (r) => r.ozgId === 10200,
    )?.responsibleUnits ?? 0;

  beforeAll(async () => {
    t = await createTestApp();
    await buildWorld(t.dataSource);
    await makeUser(t.dataSource, 'leser', 'reader');
    await makeUser(t.dataSource, 'chefin', 'admin');
    reader = await signedInAgent(t.app, 'leser');
    admin = await signedInAgent(t.app, 'chefin');
  });
  afterAll(() => t.close());

  it('shows the rules with reason and source to signed-in users, and no edit form to readers', async () => {
    expect((await request(t.app).get('/zustaendigkeitsregeln')).status).toBe(303);
    const page = await reader.get('/zustaendigkeitsregeln?suche=10119');
    expect(page.status).toBe(200);
    const text = page.text.replace(/\s+/g, ' ');
    expect(text).toContain('href="/leistungen/99000000000001"');
    expect(text).toContain('Personalausweisbehörde ist die Gemeinde (§ 8 PAuswG).');
    expect(text).toContain('Melde-, Pass- und Ausweiswesen');
    expect(text).not.toContain('Regel speichern');
    const refused = await reader
      .post('/zustaendigkeitsregeln')
      .type('form')
      .send({ _csrf: csrfOf(page.text), ozgId: '10200', level: 'bund', reason: 'x' });
    expect(refused.status).toBe(403);
  });

  it('lets an admin set a rule, with German errors first, and the next report follows', async () => {
    const page = await admin.get('/zustaendigkeitsregeln');
    const bad = await admin
      .post('/zustaendigkeitsregeln')
      .type('form')
      .send({ _csrf: csrfOf(page.text), ozgId: '10200', level: 'gemeinde', taskGroup: '', reason: 'Test' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Bitte prüfen Sie Ihre Eingaben');
    expect(bad.text).toContain('für Ebene gemeinde eine von');
    expect(await kfzUnits()).toBe(2);
    const good = await admin
      .post('/zustaendigkeitsregeln')
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        ozgId: '10200',
        land: '09',
        level: 'gemeinde',
        taskGroup: 'ordnung',
        reason: 'Testweise bei den Gemeinden.',
        source: 'Testverordnung',
      });
    expect(good.status).toBe(303);
    expect(await kfzUnits()).toBe(4);
    const after = await admin.get(good.headers.location);
    expect(after.text).toContain('Regel ozg:10200@09 gespeichert.');
    const removed = await admin
      .post('/zustaendigkeitsregeln/loeschen')
      .type('form')
      .send({ _csrf: csrfOf(after.text), geltungsbereich: 'ozg:10200@09' });
    expect(removed.status).toBe(303);
    expect(await kfzUnits()).toBe(2);
  });

  it('imports a rule file on the import page for admins only: dry run, then the real run', async () => {
    expect((await reader.get('/import')).status).toBe(403);
    const form = await admin.get('/import');
    expect(form.text).toContain('action="/import/regeln"');
    const res = await admin
      .post('/import/regeln')
      .field('_csrf', csrfOf(form.text))
      .attach(
        'regeln',
        Buffer.from(
          'leistungsschluessel,ozg_id,typ,land,level,task_group,reason,source\n,10200,,09,land,,Landesamt.,Test\n',
        ),
        { filename: 'regeln.csv', contentType: 'text/csv' },
      );
    expect(res.status).toBe(303);
    const dry = await finished(admin, res.headers.location);
    expect(dry).toContain('Probelauf Zuständigkeitsregeln');
    expect(await kfzUnits()).toBe(2);
    const confirm = await admin
      .post(`${res.headers.location}/ausfuehren`)
      .type('form')
      .send({ _csrf: csrfOf(dry) });
    expect(confirm.status).toBe(303);
    await finished(admin, confirm.headers.location);
    expect(await kfzUnits()).toBe(0);
  });
});
