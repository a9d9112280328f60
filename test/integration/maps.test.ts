import request from 'supertest';
import { buildMapWorld } from '../helpers/map-world';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { signedInAgent } from '../helpers/web';

/** The maps of the area pages (issue 16) on a small Landkreis München of three Gemeinden. */
describe('area maps', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await buildMapWorld(t);
  });
  afterAll(() => t.close());

  it('shows signed-in users a map of the Kreis with links, legend, table and attribution', async () => {
    expect((await request(t.app).get('/gebiete/09184')).text).not.toContain('id="karte"');
    const agent = await signedInAgent(t.app, 'leser');
    const page = await agent.get('/gebiete/09184');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2 id="karte">Karte</h2>');
    expect(page.text).toMatch(/<a href="\/kommunen\/09184112" aria-label="Aschheim: 2 von 9 im Einsatz">/);
    expect(page.text).toMatch(/<a href="\/kommunen\/09184113" aria-label="Baierbrunn: 0 von 9 im Einsatz">/);
    expect(page.text).toContain('aria-label="Unterföhring: keine Angaben"');
    expect(page.text).toContain('© GeoBasis-DE / BKG 2021 (Daten verändert)');
    expect(page.text).toContain('<td>keine Angaben</td>');
    const epayment = await agent.get('/gebiete/09184?karte=epayment&ebene=gemeinde');
    expect(epayment.text).toContain('aria-label="Aschheim: im Einsatz"');
    expect(epayment.text).toContain('aria-label="Baierbrunn: nicht genutzt"');
    expect(epayment.text).toContain('>nicht genutzt oder abgeschaltet</text>');
  });

  it('maps operator territories, and falls back to the count for an unknown measure', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const page = await agent.get('/gebiete/09184?karte=betreiber-epayment');
    expect(page.text).toMatch(
      /<g fill="#e69f00"><a href="\/kommunen\/09184112" aria-label="Aschheim: betrieben von AKDB">/,
    );
    expect(page.text).toMatch(
      /<g fill="#ffffff"><a href="\/kommunen\/09184113" aria-label="Baierbrunn: nicht im Einsatz oder ohne Betreiber">/,
    );
    expect(page.text).toContain('aria-label="Unterföhring: keine Angaben"');
    expect(page.text).toContain('>AKDB</text>');
    expect(page.text).toContain('<option value="betreiber-epayment" selected>');
    const land = await agent.get('/gebiete/09?karte=betreiber-epayment&ebene=kreis');
    expect(land.text).toContain('aria-label="Landkreis München: AKDB für 1 von 3 Gemeinden"');
    const stale = await agent.get('/gebiete/09184?karte=betreiber-gibt-es-nicht');
    expect(stale.text).toContain('<option value="anzahl" selected>');
  });

  it('maps how many lacking components an operator nearby could provide, with class limits and no data', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const page = await agent.get('/gebiete/09184?karte=nachnutzung');
    expect(page.status).toBe(200);
    // Baierbrunn lacks E-Payment, which AKDB runs for Aschheim in the same Kreis; Aschheim's other
    // gaps have no operator nearby (AKDB runs only E-Payment); Unterföhring records nothing.
    expect(page.text).toContain('aria-label="Baierbrunn: 1 von 9 Komponenten von einem Betreiber in der Nähe"');
    expect(page.text).toContain('aria-label="Aschheim: 0 von 9 Komponenten von einem Betreiber in der Nähe"');
    expect(page.text).toContain('aria-label="Unterföhring: keine Angaben"');
    for (const limit of ['unter 1', '1 bis unter 3', '3 bis unter 5', '5 bis unter 7', '7 und mehr', 'keine Angaben'])
      expect(page.text).toContain(`>${limit}</text>`);
    expect(page.text).toContain('<option value="nachnutzung" selected>');
    // The Land's Kreis: the mean over its Gemeinden with data, (0 + 1) / 2.
    const land = await agent.get('/gebiete/09?karte=nachnutzung&ebene=kreis');
    expect(land.text).toContain(
      'aria-label="Landkreis München: im Mittel 0,5 von 9 Komponenten von einem Betreiber in der Nähe"',
    );
  });

  it('offers a PNG download as progressive enhancement: a hidden button and its script', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const page = await agent.get('/gebiete/09184?karte=erfasst');
    expect(page.text).toContain(
      '<button type="button" class="button button-secondary map-png" hidden data-map-png="karte-09184-erfasst-gemeinde.png">Als PNG herunterladen</button>',
    );
    expect(page.text).toContain('<script src="/static/map-png.js" defer></script>');
    const script = await request(t.app).get('/static/map-png.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('canvas.toBlob(');
  });

  it('offers the map as an SVG download, to signed-in users only', async () => {
    const anonymous = await request(t.app).get('/gebiete/09184/karte.svg');
    expect(anonymous.status).toBe(303);
    const agent = await signedInAgent(t.app, 'leser');
    const svg = await agent
      .get('/gebiete/09184/karte.svg?karte=erfasst')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['content-disposition']).toBe('attachment; filename="karte-09184-erfasst-gemeinde.svg"');
    expect(svg.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.body).toContain('© GeoBasis-DE / BKG 2021 (Daten verändert)');
    expect((await agent.get('/gebiete/09999/karte.svg')).status).toBe(404);
  });
});
