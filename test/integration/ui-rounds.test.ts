import request from 'supertest';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, hiddenValue, makeUser, signedInAgent } from '../helpers/web';

function dayFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('round pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Bayern', level: 'land' });
    await makeRegion(t.dataSource, '09184', { name: 'München, Landkreis', level: 'kreis' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching b.München', population: 18_000 });
    await makeUser(t.dataSource, 'kreis', 'editor', ['09184']);
  });
  afterAll(() => t.close());

  it('opens a round in the browser, hands out links, and takes answers through a link without an account', async () => {
    const coordinator = await signedInAgent(t.app, 'kreis');
    const list = await coordinator.get('/runden').set('Accept', 'text/html');
    expect(list.status).toBe(200);
    const opened = await coordinator
      .post('/runden')
      .type('form')
      .send({ _csrf: csrfOf(list.text), area: '09184', title: 'Bestandsaufnahme', deadline: dayFromToday(7) });
    expect(opened.status).toBe(303);
    const roundPath = opened.headers.location as string;
    expect(roundPath).toMatch(/^\/runden\/\d+$/);

    const page = await coordinator.get(roundPath).set('Accept', 'text/html');
    expect(page.text).toContain('Garching b.München');
    expect(page.text).toContain('noch nicht ausgegeben');
    const csv = await coordinator
      .post(`${roundPath}/links`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="?Runde_\d+_Links\.csv"?$/);
    const garchingRow = csv.text.split('\r\n').find((line) => line.startsWith('09184112;')) ?? '';
    const url = /(\/runde\/rnd_[A-Za-z0-9_-]+);/.exec(garchingRow);
    expect(url).not.toBeNull();

    // The municipality, without an account.
    const visitor = request.agent(t.app);
    const linkPage = await visitor.get(url![1]).set('Accept', 'text/html');
    expect(linkPage.status).toBe(200);
    expect(linkPage.headers['referrer-policy']).toBe('no-referrer');
    expect(linkPage.text).toContain('Hat Ihre Kommune eine Digitalstrategie?');
    const confirm = await visitor
      .post(`${url![1]}/bestaetigen`)
      .type('form')
      .send({ _csrf: csrfOf(linkPage.text) });
    expect(confirm.status).toBe(303);
    const confirmed = await visitor.get(url![1]).set('Accept', 'text/html');
    expect(confirmed.text).toContain('unverändert bestätigt am');
    const components = await visitor
      .post(`${url![1]}/komponenten`)
      .type('form')
      .send({
        _csrf: csrfOf(confirmed.text),
        componentsEtag: hiddenValue(confirmed.text, 'componentsEtag'),
        epayment: 'in-use',
      });
    expect(components.status).toBe(303);
    const again = await visitor.get(url![1]).set('Accept', 'text/html');
    expect(again.text).toContain('Die Basiskomponenten sind gespeichert.');
    expect(again.text).toMatch(/<option value="in-use" selected>/);
    const answered = await visitor
      .post(`${url![1]}/selbstauskunft`)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfOf(again.text))}&etag=${encodeURIComponent(hiddenValue(again.text, 'etag'))}` +
          '&strategy=developing&lead-administration=cdo&lead-administration=cio&fim-known=no&fim-helpful=yes',
      );
    expect(answered.status).toBe(303);
    const after = await visitor.get(url![1]).set('Accept', 'text/html');
    expect(after.text).toContain('Die Selbstauskunft ist gespeichert.');
    expect(after.text).toMatch(/id="q-strategy-1" name="strategy" value="developing" checked/);

    // The stored answers drop the follow-up that does not apply (FIM helpful while FIM is unknown).
    const admin = await t.bearer('admin');
    const stored = await request(t.app).get('/api/municipalities/09184112/self-assessment').set('Authorization', admin);
    expect(stored.body.answers).toEqual({
      strategy: 'developing',
      'lead-administration': ['cdo', 'cio'],
      'fim-known': 'no',
    });

    const status = await coordinator.get(roundPath).set('Accept', 'text/html');
    expect(status.text).toContain('vollständig');
    const figures = await coordinator.get('/umfragewerte/09184').set('Accept', 'text/html');
    expect(figures.status).toBe(200);
    expect(figures.text).toContain('Digitalstrategie in Erarbeitung');
    expect(figures.text).toContain('100 % <span class="meta">(1 von 1)</span>');

    expect((await visitor.get('/runde/rnd_gibtesnichtgibtesnichtgibtesnicht').set('Accept', 'text/html')).status).toBe(
      404,
    );
  });

  it('keeps a Gemeinde editor out of a Kreis round but lets it answer its own self-assessment', async () => {
    await makeUser(t.dataSource, 'garching', 'editor', ['09184112']);
    const agent = await signedInAgent(t.app, 'garching');
    const page = await agent.get('/runden/1').set('Accept', 'text/html');
    expect(page.status).toBe(403);

    // …but answers its own self-assessment in the web form, outside a round.
    const form = await agent.get('/kommunen/09184112/selbstauskunft').set('Accept', 'text/html');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/value="developing" checked/);
    const etag = hiddenValue(form.text, 'etag');
    const saved = await agent
      .post('/kommunen/09184112/selbstauskunft')
      .type('form')
      .send({ _csrf: csrfOf(form.text), etag, strategy: 'yes', fibre: 'yes' });
    expect(saved.status).toBe(303);
    const stale = await agent
      .post('/kommunen/09184112/selbstauskunft')
      .type('form')
      .send({ _csrf: csrfOf(form.text), etag, strategy: 'no' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('zwischenzeitlich geändert');
    const admin = await t.bearer('admin');
    const stored = await request(t.app).get('/api/municipalities/09184112/self-assessment').set('Authorization', admin);
    expect(stored.body.answers).toEqual({ strategy: 'yes', fibre: 'yes' });
    expect(stored.body.updatedBy).toBe('user:garching');

    // A refused answer is shown at its question, with what was entered (server/web/form-errors.ts).
    const fresh = await agent.get('/kommunen/09184112/selbstauskunft').set('Accept', 'text/html');
    const refused = await agent
      .post('/kommunen/09184112/selbstauskunft')
      .type('form')
      .send({ _csrf: csrfOf(fresh.text), etag: hiddenValue(fresh.text, 'etag'), strategy: 'vielleicht' });
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/id="f-strategy" class="field-error"/);
    expect(refused.text).toContain('„vielleicht“ ist keine Antwort auf diese Frage');

    // Opening a round beyond the own area is refused on the form, not on an error page.
    const rounds = await agent.get('/runden').set('Accept', 'text/html');
    const beyond = await agent
      .post('/runden')
      .type('form')
      .send({ _csrf: csrfOf(rounds.text), area: '09184', title: 'Zu weit', deadline: dayFromToday(30) });
    expect(beyond.status).toBe(422);
    expect(beyond.text).toContain('value="Zu weit"');
    expect(beyond.text).toContain('dürfen nur die Administration oder Bearbeitende dieses Gebiets öffnen.');
  });
});
