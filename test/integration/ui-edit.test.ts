import request from 'supertest';
import { InventoryConfirmation } from '../../entities';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, hiddenValue, makeUser, signedInAgent } from '../helpers/web';

const FORM = '/kommunen/09184112/komponenten/epayment';

function formFields(html: string, overrides: Record<string, string>): Record<string, string> {
  return {
    _csrf: csrfOf(html),
    etag: hiddenValue(html, 'etag'),
    status: 'in-use',
    operatorName: '',
    operatorType: '',
    product: '',
    validFrom: '',
    validTo: '',
    note: '',
    ...overrides,
  };
}

describe('editing a municipality in the web interface', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09');
    await makeRegion(t.dataSource, '09184', { level: 'kreis', name: 'München' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching b.München, St' });
    await makeRegion(t.dataSource, '09162000', { name: 'München, Landeshauptstadt' });
    await makeRegion(t.dataSource, '09184124', {
      name: 'Altgemeinde',
      isCurrent: false,
      retiredGebietsstand: '2025-08-31',
      successorKey: '09184112',
    });
    await makeUser(t.dataSource, 'leser', 'reader');
    await makeUser(t.dataSource, 'kreis', 'editor', ['09184']);
    await makeUser(t.dataSource, 'stadt', 'editor', ['09162000']);
  });
  afterAll(() => t.close());

  it('lets only users in scope open and send the edit form; others get a German 403 page', async () => {
    const reader = await signedInAgent(t.app, 'leser');
    const refused = await reader.get(FORM);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('nur Lesezugriff');
    const outOfScope = await signedInAgent(t.app, 'stadt');
    const other = await outOfScope.get(FORM);
    expect(other.status).toBe(403);
    expect(other.text).toContain('Ihr Konto darf die Angaben von Garching');
    const page = await outOfScope.get('/kommunen/09184112');
    expect(page.text).not.toContain(FORM);
    const posted = await outOfScope
      .post(FORM)
      .type('form')
      .send({ _csrf: csrfOf(page.text), etag: '', status: 'in-use' });
    expect(posted.status).toBe(403);

    const editor = await signedInAgent(t.app, 'kreis');
    expect((await editor.get(FORM)).status).toBe(200);
    expect((await request(t.app).get(FORM)).status).toBe(303);
  });

  it('shows German messages next to the fields and keeps every submitted value', async () => {
    const editor = await signedInAgent(t.app, 'kreis');
    const form = await editor.get(FORM);
    const res = await editor
      .post(FORM)
      .type('form')
      .send(
        formFields(form.text, {
          status: '',
          product: 'Mein <Produkt>',
          validFrom: '31.02.2025',
          note: 'bitte behalten',
          operatorName: 'Neuer Betreiber GmbH',
        }),
      );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Bitte prüfen Sie Ihre Eingaben');
    expect(res.text).toMatch(/id="f-status-error"[^>]*>.*Bitte einen Status wählen/);
    expect(res.text).toMatch(/id="f-validFrom-error"[^>]*>.*gültiges Datum/);
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('value="Mein &lt;Produkt&gt;"');
    expect(res.text).toContain('value="31.02.2025"');
    expect(res.text).toContain('>bitte behalten</textarea>');
    expect(res.text).toContain('value="Neuer Betreiber GmbH"');

    const unknownOperator = await editor
      .post(FORM)
      .type('form')
      .send(formFields(res.text, { status: 'in-use', operatorName: 'Neuer Betreiber GmbH', note: 'bitte behalten' }));
    expect(unknownOperator.status).toBe(422);
    expect(unknownOperator.text).toMatch(/id="f-operatorType-error"[^>]*>.*bitte den Typ angeben/);
    expect(unknownOperator.text).toContain('>bitte behalten</textarea>');
  });

  it('saves through the service, then refuses a stale form with the current state instead of overwriting', async () => {
    const first = await signedInAgent(t.app, 'kreis');
    const second = await signedInAgent(t.app, 'kreis');
    const created = await first
      .post(FORM)
      .type('form')
      .send(formFields((await first.get(FORM)).text, { status: 'planned', validFrom: '2025-04-01' }));
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe('/kommunen/09184112#k-epayment');
    expect((await first.get('/kommunen/09184112')).text).toContain('Gespeichert: E-Payment');

    // Two tabs load the same state; the first saves, the second is stale.
    const tabA = await first.get(FORM);
    const tabB = await second.get(FORM);
    const saved = await first
      .post(FORM)
      .type('form')
      .send(
        formFields(tabA.text, {
          status: 'in-use',
          operatorName: 'AKDB',
          operatorType: 'municipal-provider',
          product: 'ePayBL',
        }),
      );
    expect(saved.status).toBe(303);
    const stale = await second
      .post(FORM)
      .type('form')
      .send(formFields(tabB.text, { status: 'not-used', note: 'meine Notiz' }));
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Nicht gespeichert: der Eintrag wurde zwischenzeitlich geändert');
    expect(stale.text).toContain('user:kreis');
    expect(stale.text).toContain('AKDB (kommunaler IT-Dienstleister)');
    expect(stale.text).toContain('>meine Notiz</textarea>');
    const api = await request(t.app)
      .get('/api/municipalities/09184112/components/epayment')
      .set('Authorization', await t.bearer('reader'));
    expect(api.body).toMatchObject({ status: 'in-use', product: 'ePayBL' });

    // Sending again after seeing the current state is a deliberate overwrite.
    const again = await second
      .post(FORM)
      .type('form')
      .send(formFields(stale.text, { status: 'not-used', note: 'meine Notiz' }));
    expect(again.status).toBe(303);
    const history = await first.get('/kommunen/09184112');
    expect(history.text).toContain('Status: im Einsatz → nicht genutzt');
    expect(history.text).toContain('user:kreis');
  });

  it('stores "Daten vollständig bestätigen" and shows it in the history', async () => {
    const editor = await signedInAgent(t.app, 'kreis');
    const page = await editor.get('/kommunen/09184112');
    expect(page.text).toContain('Die Angaben wurden noch nie als vollständig bestätigt');
    // Confirming needs every component recorded (test/integration/editor-records.test.ts covers the refusal).
    const admin = await t.bearer('admin');
    for (const code of [
      'form-server',
      'epayment',
      'service-account',
      'eid',
      'de-mail',
      'mailbox',
      'search',
      'mobile-app',
      'chatbot',
    ]) {
      const current = await request(t.app)
        .get(`/api/municipalities/09184112/components/${code}`)
        .set('Authorization', admin);
      if (current.status === 404) {
        await request(t.app)
          .put(`/api/municipalities/09184112/components/${code}`)
          .set('Authorization', admin)
          .set('If-None-Match', '*')
          .send({ status: 'not-used' });
      }
    }
    const res = await editor
      .post('/kommunen/09184112/bestaetigen')
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(res.status).toBe(303);
    const after = await editor.get('/kommunen/09184112');
    expect(after.text).toContain('Zuletzt als vollständig und aktuell bestätigt');
    expect(after.text).toContain('Daten als vollständig bestätigt');
    expect(await t.dataSource.getRepository(InventoryConfirmation).count()).toBe(1);
    const reader = await signedInAgent(t.app, 'leser');
    const refused = await reader
      .post('/kommunen/09184112/bestaetigen')
      .type('form')
      .send({ _csrf: csrfOf((await reader.get('/')).text) });
    expect(refused.status).toBe(403);
  });

  it('refuses changes to a retired municipality with a German 409 page naming the successor', async () => {
    const editor = await signedInAgent(t.app, 'kreis');
    const page = await editor.get('/kommunen/09184124');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('/kommunen/09184124/komponenten/');
    expect(page.text).toContain('lassen sich aber nicht mehr ändern');
    expect(page.text).toContain('href="/kommunen/09184112"');
    const form = await editor.get('/kommunen/09184124/komponenten/epayment');
    expect(form.status).toBe(409);
    expect(form.text).toContain('nicht mehr aktuell');
    const posted = await editor
      .post('/kommunen/09184124/komponenten/epayment')
      .type('form')
      .send({ _csrf: csrfOf((await editor.get('/kommunen/09184112')).text), etag: '', status: 'in-use' });
    expect(posted.status).toBe(409);
    expect(posted.text).toContain('Nicht möglich');
    expect(posted.text).toContain('seit dem Gebietsstand 31.08.2025 nicht mehr aktuell');
    expect(posted.text).toContain('Nachfolgegebiet Garching b.München, St (09184112)');
  });
});
