import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ServiceConnection } from '../../entities';
import { ensureConnectableServices } from '../../importers/connectable-services-defaults';
import { REFERENCE_FILES } from '../../importers/reference-data';
import { referenceDataDir } from '../../lib/paths';
import { SYSTEM_PRINCIPAL } from '../../lib/principal';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, hiddenValue, makeUser, signedInAgent } from '../helpers/web';

const PAGE = '/kommunen/09184112';
const FORM = '/kommunen/09184112/anschluesse/bundid';

describe('connections on the Kommune page', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureConnectableServices(
      t.dataSource,
      { name: 'shipped', buffer: readFileSync(join(referenceDataDir, REFERENCE_FILES.connectableServices)) },
      { principal: SYSTEM_PRINCIPAL, requestId: null },
    );
    await makeRegion(t.dataSource, '09', { name: 'Bayern' });
    await makeRegion(t.dataSource, '09184', { level: 'kreis', name: 'München' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching b.München, St' });
    await makeUser(t.dataSource, 'leser', 'reader');
    await makeUser(t.dataSource, 'kreis', 'editor', ['09184']);
    await makeUser(t.dataSource, 'stadt', 'editor', ['09162000']);
  });
  afterAll(() => t.close());

  it('lists the services of the Land with their status for signed-in users, edit links for editors only', async () => {
    expect((await request(t.app).get(PAGE)).text).not.toContain('Anschlüsse an Bundes-, Landes- und EfA-Dienste');
    const reader = await signedInAgent(t.app, 'leser');
    const page = await reader.get(PAGE);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2 id="anschluesse">Anschlüsse an Bundes-, Landes- und EfA-Dienste</h2>');
    expect(page.text).toContain('id="anschluss-bayernid"');
    expect(page.text).not.toContain('id="anschluss-civento-hessen"');
    expect(page.text).toContain('Servicekonto / Nutzerkonto, eID-Funktion, Verwaltungspostfach');
    expect(page.text).not.toContain(FORM);
    expect((await reader.get(FORM)).status).toBe(403);
    const outOfScope = await signedInAgent(t.app, 'stadt');
    expect((await outOfScope.get(PAGE)).text).not.toContain(FORM);
    expect((await outOfScope.get(FORM)).status).toBe(403);
    const editor = await signedInAgent(t.app, 'kreis');
    expect((await editor.get(PAGE)).text).toContain(`href="${FORM}"`);
  });

  it('saves a status with CSRF, shows it on the page and in the history, and clears it again', async () => {
    const editor = await signedInAgent(t.app, 'kreis');
    const form = await editor.get(FORM);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="f-status">Stand des Anschlusses');

    const noCsrf = await editor.post(FORM).type('form').send({ etag: '', status: 'contract', note: '' });
    expect(noCsrf.status).toBe(403);

    const invalid = await editor
      .post(FORM)
      .type('form')
      .send({ _csrf: csrfOf(form.text), etag: '', status: '', note: 'behalten' });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('Bitte einen Stand wählen.');
    expect(invalid.text).toContain('behalten');

    const saved = await editor
      .post(FORM)
      .type('form')
      .send({ _csrf: csrfOf(form.text), etag: '', status: 'contract', note: 'Vertrag März 2025' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/kommunen/09184112#anschluss-bundid');
    const page = await editor.get(PAGE);
    expect(page.text).toContain('Gespeichert: Anschluss an BundID – Vertrag geschlossen.');
    expect(page.text).toMatch(
      /id="anschluss-bundid">[\s\S]*?Vertrag geschlossen<br><span class="hint">Vertrag März 2025/,
    );
    expect(page.text).toContain('BundID: Vertrag geschlossen (Vertrag März 2025)');
    expect(page.text).toContain('Anschluss erfasst');

    // A form loaded before someone else's change is refused and shows the current state.
    const stale = await editor.get(FORM);
    const etag = hiddenValue(stale.text, 'etag');
    const first = await editor
      .post(FORM)
      .type('form')
      .send({ _csrf: csrfOf(stale.text), etag, status: 'live', note: '' });
    expect(first.status).toBe(303);
    const second = await editor
      .post(FORM)
      .type('form')
      .send({ _csrf: csrfOf(stale.text), etag, status: 'test', note: '' });
    expect(second.status).toBe(409);
    expect(second.text).toContain('zwischenzeitlich geändert');

    const current = await editor.get(FORM);
    const removed = await editor
      .post(`${FORM}/entfernen`)
      .type('form')
      .send({ _csrf: csrfOf(current.text), etag: hiddenValue(current.text, 'etag') });
    expect(removed.status).toBe(303);
    expect(await t.dataSource.manager.count(ServiceConnection)).toBe(0);
    const after = await editor.get(PAGE);
    expect(after.text).toContain('Der Anschluss wurde entfernt.');
    expect(after.text).toContain('BundID: entfernt (war: in Betrieb)');
  });

  it('refuses a service the Land does not offer', async () => {
    const editor = await signedInAgent(t.app, 'kreis');
    expect((await editor.get('/kommunen/09184112/anschluesse/civento-hessen')).status).toBe(404);
  });
});
