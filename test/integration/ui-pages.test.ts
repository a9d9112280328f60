import request from 'supertest';
import { inTransaction } from '../../entities/transaction';
import { cliPrincipal } from '../../lib/principal';
import { recordAuditBatch } from '../../services/audit.service';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

describe('web pages, error pages and headers', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer('admin');
    await makeRegion(t.dataSource, '09', { name: 'Bayern' });
    await makeRegion(t.dataSource, '09184', { level: 'kreis', name: 'München', typeLabel: 'Landkreis' });
    await makeRegion(t.dataSource, '09184112', { name: 'Garching b.München, St', postcode: '85748' });
    await makeRegion(t.dataSource, '09184113', { name: 'Grasbrunn' });
    await makeUser(t.dataSource, 'leser', 'reader');
    await request(t.app)
      .put('/api/municipalities/09184112/components/epayment')
      .set('Authorization', admin)
      .send({ status: 'in-use', product: 'ePayBL <script>', operator: { name: 'AKDB', type: 'municipal-provider' } });
  });
  afterAll(() => t.close());

  it('serves the public pages to anonymous visitors in German, with lang="de" and a skip link', async () => {
    for (const path of [
      '/',
      '/suche',
      '/suche?q=garching',
      '/suche?q=85748',
      '/barrierefreiheit',
      '/anmeldung',
      '/kommunen/09184112',
      '/gebiete/09184',
    ]) {
      const res = await request(t.app).get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<html lang="de">');
      expect(res.text).toContain('href="#inhalt"');
      expect(res.text).toContain('Erklärung zur Barrierefreiheit');
    }
    expect((await request(t.app).get('/suche?q=85748')).text).toContain('/kommunen/09184112');
  });

  it('says that postcodes are those of the administrative seat', async () => {
    const hit = await request(t.app).get('/suche?q=8574');
    expect(hit.text).toContain('PLZ des Sitzes 85748');
    expect(hit.text).toContain('nur die Postleitzahl ihres Verwaltungssitzes');
    const miss = await request(t.app).get('/suche?q=8033');
    expect(miss.text).toContain('Keine Gebiete gefunden.');
    expect(miss.text).toContain('nur die Postleitzahl ihres Verwaltungssitzes');
    expect((await request(t.app).get('/suche?q=Grasbrunn')).text).not.toContain('Verwaltungssitzes aus');
    expect((await request(t.app).get('/suche')).text).toContain(
      'des Verwaltungssitzes (nur diese eine Postleitzahl je Gemeinde ist bekannt)',
    );
  });

  it('shows inventory data only to signed-in users, escaped', async () => {
    const anonymous = await request(t.app).get('/kommunen/09184112');
    expect(anonymous.text).not.toContain('AKDB');
    expect(anonymous.text).toContain('Anmelden');
    const area = await request(t.app).get('/gebiete/09184');
    expect(area.text).not.toContain('Legende');
    const agent = await signedInAgent(t.app, 'leser');
    const page = await agent.get('/kommunen/09184112');
    expect(page.text).toContain('AKDB (kommunaler IT-Dienstleister)');
    expect(page.text).toContain('ePayBL &lt;script&gt;');
    expect(page.text).not.toContain('ePayBL <script>');
    expect(page.text).not.toContain('Bearbeiten');
    const matrix = await agent.get('/gebiete/09184');
    expect(matrix.text).toContain('Legende');
    expect(matrix.text).toContain('<svg');
    expect(matrix.text).toContain('/api/reports/landscape?area=09184&amp;format=csv');
    expect((await agent.get('/import')).status).toBe(403);
  });

  it('names no contact that does not exist: without CONTACT the statement says it is missing', async () => {
    const page = await request(t.app).get('/barrierefreiheit');
    expect(page.text).not.toContain('auf der Startseite');
    expect(page.text).toContain('noch keine Kontaktmöglichkeit für Rückmeldungen hinterlegt');
    expect(page.text).toContain('§ 12b Absatz 2 Nummer 2');
    expect(page.text).toContain('<code>CONTACT</code>');
    expect(page.text).toContain('>https://www.schlichtungsstelle-bgg.de</a>');
    expect(page.text).not.toContain('Kontakt zum Betrieb');
  });

  it('shows the configured contact in the statement and in every footer', async () => {
    for (const [contact, link] of [
      [
        'mailto:barrierefrei@kreis-beispiel.de',
        '<a href="mailto:barrierefrei@kreis-beispiel.de">barrierefrei@kreis-beispiel.de</a>',
      ],
      [
        'https://kreis-beispiel.de/kontakt?thema=a&b',
        '<a href="https://kreis-beispiel.de/kontakt?thema=a&amp;b">https://kreis-beispiel.de/kontakt?thema=a&amp;b</a>',
      ],
    ]) {
      const configured = await createTestApp({ contact });
      try {
        const statement = await request(configured.app).get('/barrierefreiheit');
        expect(statement.text.replace(/\s+/g, ' ')).toContain(`Installation des E-Government-Atlas betreibt: ${link}.`);
        expect(statement.text).not.toContain('noch keine Kontaktmöglichkeit');
        const notFound = await request(configured.app).get('/gibt-es-nicht').set('Accept', 'text/html');
        expect(notFound.text).toContain(`Kontakt zum Betrieb: ${link}`);
      } finally {
        await configured.close();
      }
    }
  });

  it('shows the full history of a municipality as numbered HTML pages, linked from the Kommune page', async () => {
    const region = await makeRegion(t.dataSource, '09184114', { name: 'Haar' });
    const events = Array.from({ length: 109 }, (_, i) => ({
      action: 'component-record.updated',
      entityType: 'component-record',
      entityKey: '09184114/epayment',
      regionId: region.id,
      before: { component: 'epayment', status: 'planned', product: `Produkt ${i}` },
      after: { component: 'epayment', status: 'in-use', product: `Produkt ${i + 1}` },
    }));
    await inTransaction(t.dataSource, (tx) =>
      recordAuditBatch(tx, { principal: cliPrincipal(), requestId: null }, events),
    );
    expect((await request(t.app).get('/kommunen/09184114/historie')).status).toBe(303);
    const agent = await signedInAgent(t.app, 'leser');
    const kommune = await agent.get('/kommunen/09184114');
    expect(kommune.text).toContain('<a href="/kommunen/09184114/historie">Vollständige Änderungshistorie</a>');
    expect(kommune.text.match(/<tr>\s*<td><time/g)).toHaveLength(20);

    const first = await agent.get('/kommunen/09184114/historie');
    expect(first.status).toBe(200);
    expect(first.text).toContain('<h1>Änderungshistorie: Haar</h1>');
    expect(first.text).toContain('Änderungen 1–50 von 109, neueste zuerst');
    expect(first.text).toContain('<span aria-current="page">Seite 1 von 3</span>');
    expect(first.text).toContain('href="/kommunen/09184114/historie?seite=2" rel="next"');
    expect(first.text).not.toContain('rel="prev"');
    expect(first.text.match(/<tr>\s*<td><time/g)).toHaveLength(50);
    expect(first.text).toContain('Produkt: Produkt 108 → Produkt 109');
    const last = await agent.get('/kommunen/09184114/historie?seite=3');
    expect(last.text).toContain('Änderungen 101–109 von 109');
    expect(last.text).toContain('href="/kommunen/09184114/historie?seite=2" rel="prev"');
    expect(last.text).toContain('Produkt: Produkt 0 → Produkt 1');
    expect(last.text).not.toContain('rel="next"');
    for (const bad of ['4', '0', 'abc', '-1']) {
      const res = await agent.get(`/kommunen/09184114/historie?seite=${bad}`).set('Accept', 'text/html');
      expect([bad, res.status]).toEqual([bad, 404]);
    }
    const empty = await agent.get('/kommunen/09184113/historie');
    expect(empty.text).toContain('Noch keine Änderungen erfasst.');
    expect(empty.text).not.toContain('Seiten der Historie');
  });

  it('shows a large Land one row per Kreis, with its consolidation candidates, suggestions and all downloads', async () => {
    const large = await createTestApp();
    try {
      await makeRegion(large.dataSource, '03', { name: 'Niedersachsen' });
      await makeRegion(large.dataSource, '03151', { name: 'Gifhorn', typeLabel: 'Landkreis' });
      await makeRegion(large.dataSource, '03152', { name: 'Göttingen', typeLabel: 'Landkreis' });
      const rows = Array.from({ length: 501 }, (_, i) => {
        const kreis = i < 300 ? '03151' : '03152';
        return { key: `${kreis}${String(i + 1).padStart(3, '0')}`, name: `Testgemeinde ${i + 1}` };
      });
      for (const r of rows) await makeRegion(large.dataSource, r.key, { name: r.name, population: 2_000 });
      const admin = await large.bearer('admin');
      const put = (ags: string, code: string, operator: { name: string; type: string }) =>
        request(large.app)
          .put(`/api/municipalities/${ags}/components/${code}`)
          .set('Authorization', admin)
          .send({ status: 'in-use', operator });
      const komm = { name: 'KDO Niedersachsen', type: 'municipal-provider' };
      for (const ags of ['03151001', '03151002', '03151003', '03152301']) await put(ags, 'form-server', komm);
      await put('03151004', 'form-server', { name: 'Formular GmbH', type: 'private-provider' });
      await put('03151005', 'epayment', { type: 'own-it', name: 'Eigene IT Testgemeinde 5' });
      await makeUser(large.dataSource, 'leser', 'reader');
      const agent = await signedInAgent(large.app, 'leser');
      const page = await agent.get('/gebiete/03');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Komponenten je Kreis: 2 Kreise, 501 Gemeinden');
      expect(page.text).toContain('<a href="/gebiete/03151">Landkreis Gifhorn</a>');
      // Gifhorn: 5 Gemeinden with data, 4 of them with a form server, mostly a municipal provider.
      expect(page.text).toContain(
        'Formularserver: 80,0 % im Einsatz (4 von 5 Gemeinden mit Angaben), meist kommunaler IT-Dienstleister (3)',
      );
      expect(page.text).not.toContain('Komponentenlandschaft: 501 Gemeinden');
      expect(page.text).toContain('Im ganzen Land');
      expect(page.text).toMatch(/In Niedersachsen nutzen 5 Gemeinden den Formularserver/);
      // The suggestions as one compact table grouped by component; the sentences are in the download.
      expect(page.text).toContain('<caption id="mitnutzen-tabelle">Stärkste Vorschläge, nach Komponente:');
      expect(page.text).toMatch(/<th scope="rowgroup" colspan="6">Formularserver<\/th>/);
      expect(page.text).toMatch(
        /KDO Niedersachsen <span class="meta">\([^)]+\)<\/span><\/td>\s*<td>3 von 300 im Kreis<\/td>/,
      );
      expect(page.text).not.toContain('<ol class="opportunities">');
      expect(page.text).not.toMatch(/KDO Niedersachsen betreibt den Formularserver bereits/);
      expect(page.text).toMatch(/weitere Vorschläge \(und alle Alternativen\) im Download/);
      for (const report of ['landscape', 'benchmark', 'opportunities']) {
        for (const format of ['csv', 'xlsx']) {
          expect(page.text).toContain(`/api/reports/${report}?area=03&amp;format=${format}`);
        }
      }
      expect(page.text).not.toContain('Demodaten:');
    } finally {
      await large.close();
    }
  });

  it('answers browsers with HTML error pages and the API with problem+json', async () => {
    const page = await request(t.app).get('/gibt-es-nicht').set('Accept', 'text/html');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Seite nicht gefunden');
    const unknownMunicipality = await request(t.app).get('/kommunen/09999999').set('Accept', 'text/html');
    expect(unknownMunicipality.status).toBe(404);
    expect(unknownMunicipality.text).toContain('Kein Gebiet');
    const api = await request(t.app).get('/api/gibt-es-nicht').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
    const json = await request(t.app).get('/gibt-es-nicht').set('Accept', 'application/json');
    expect(json.headers['content-type']).toMatch(/application\/problem\+json/);
    const probe = await request(t.app).get('/readyz').set('Accept', 'text/html');
    expect(probe.headers['content-type']).toMatch(/json/);
  });

  it('sends security headers: a CSP without inline code and no framing', async () => {
    const res = await request(t.app).get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.text).not.toMatch(/<script>|<style|style="/);
    // HSTS only over HTTPS: over plain HTTP it is meaningless, and a proxy header counts only when trusted.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const spoofed = await request(t.app).get('/').set('X-Forwarded-Proto', 'https');
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    expect((await request(t.app).get('/healthz')).headers['strict-transport-security']).toBeUndefined();
    const css = await request(t.app).get('/static/app.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
  });

  it('shows a 500 page without internals', async () => {
    const broken = await createTestApp();
    try {
      await makeUser(broken.dataSource, 'leser', 'reader');
      const agent = await signedInAgent(broken.app, 'leser');
      const cascade = broken.dataSource.options.type === 'postgres' ? ' CASCADE' : '';
      await broken.dataSource.query(`DROP TABLE import_runs${cascade}`);
      const res = await agent.get('/').set('Accept', 'text/html');
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('Interner Fehler');
      expect(res.text).toContain(String(res.headers['x-request-id']));
      expect(res.text).not.toMatch(/import_runs|SQLITE|relation|at .*\.ts/);
    } finally {
      await broken.close();
    }
  });
});
