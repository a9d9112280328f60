import request from 'supertest';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { buildKreisOverview } from '../../reports/kreis-overview/report';
import { buildGapReport } from '../../reports/gaps/report';
import { landJump, overviewTable } from '../../server/web/views/matrix.view';
import { axisEnd, shareChart } from '../../server/web/views/ozg-chart';
import { buildWorld } from '../helpers/ozg-world';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

/**
 * The OZG coordinator's path (issue 14) on the test world of `ozg-world.ts`: Land 09 with the
 * kreisfreie Stadt München (09162) and the Landkreis München (09184, three Gemeinden).
 */
describe('OZG coordinator: breakdown by Kreis, printable selection, definitions, API reference', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await buildWorld(t.dataSource);
    await makeUser(t.dataSource, 'koordination', 'reader');
  });
  afterAll(() => t.close());

  it('breaks the Land report down by Kreis, counted by hand', async () => {
    const report = await buildGapReport(t.dataSource.manager, '09', { target: DEFAULT_TARGET });
    const landkreis = report.parts?.find((p) => p.key === '09184');
    // Units: the Landkreis and its three Gemeinden. Pairs: Personalausweis A in the three
    // Gemeinden (met in Aschheim only), Hundehaltung E in the three (met by the Land's
    // flächendeckend service), Kfz C and D at the Landkreis (C met at level 3, D only level 1).
    expect(landkreis).toEqual({
      key: '09184',
      level: 'kreis',
      label: 'Landkreis München',
      units: 4,
      relevant: 3,
      flaechendeckend: 1,
      responsiblePairs: 8,
      metPairs: 5,
    });
    expect(report.parts?.map((p) => p.key)).toEqual(['09184', '09162']);
    expect(report.parts?.find((p) => p.key === '09162')).toMatchObject({ label: 'München', units: 1 });
    // A Kreis has no parts; Germany has its Länder.
    expect((await buildGapReport(t.dataSource.manager, '09184', { target: DEFAULT_TARGET })).parts).toBeUndefined();
    const germany = await buildGapReport(t.dataSource.manager, 'DE', { target: DEFAULT_TARGET });
    expect(germany.parts?.map((p) => [p.key, p.level, p.label, p.units])).toEqual([
      ['09', 'land', 'Freistaat Testland', 5],
    ]);
  });

  it('links from the Land page down to each Kreis and says the chosen filters in a line', async () => {
    const agent = await signedInAgent(t.app, 'koordination');
    const land = await agent.get('/gebiete/09/ozg?themenfeld=9&sortierung=name');
    expect(land.status).toBe(200);
    expect(land.text).toContain('<h2 id="teile">Je Kreis</h2>');
    expect(land.text).toContain('<a href="/gebiete/09184/ozg?themenfeld=9">Landkreis München</a>');
    expect(land.text).toContain('<a href="/gebiete/09162/ozg?themenfeld=9">München</a>');
    expect(land.text).toContain(
      '<strong>Filter:</strong> Ziel Stufe 3 – Online-Leistung (Reifegradmodell 1.1); Themenfeld Mobilität &amp; Reisen; alle Lebenslagen; Sortierung: Name der OZG-Leistung.',
    );
    const germany = await agent.get('/gebiete/DE/ozg');
    expect(germany.text).toMatch(/<nav class="area-jump"[^>]*>.*Direkt zu einem Land/s);
    expect(germany.text).toContain('<li><a href="/gebiete/09/ozg">Freistaat Testland</a></li>');
    // The jump list comes before the filter form, the tables and everything else with links.
    expect(germany.text.indexOf('Direkt zu einem Land')).toBeLessThan(germany.text.indexOf('<form method="get"'));
  });

  it('prints the definitions expanded and links them to a page of the service, not the repository', async () => {
    const agent = await signedInAgent(t.app, 'koordination');
    const page = await agent.get('/gebiete/09184/ozg');
    expect(page.text).not.toContain('docs/ozg-reports.md');
    expect(page.text).toContain('<a href="/ozg-definitionen">/ozg-definitionen</a>');
    expect(page.text).toContain('<a href="/zustaendigkeitsregeln">/zustaendigkeitsregeln</a>');
    expect(page.text).toMatch(
      /<section class="print-only definitions-print"><h2>Definitionen: so zählt diese Seite<\/h2><ul>/,
    );
    const definitions = await request(t.app).get('/ozg-definitionen');
    expect(definitions.status).toBe(200);
    expect(definitions.text).toContain('<h1>Definitionen der OZG-Auswertung</h1>');
    expect(definitions.text).toMatch(/<th scope="row">Bezahlung<\/th><td>E-Payment<\/td>\s*<td>Stufe 2/);
  });

  it('scales the Themenfeld chart to small values and prints each value beside its bar', () => {
    expect([0, 0.4, 1, 2.6, 7, 24, 50, 51].map(axisEnd)).toEqual([1, 1, 1, 5, 10, 25, 50, 100]);
    const group = (label: string, met: number) => ({ label, relevant: 1, flaechendeckend: 0, responsible: 1000, met });
    const svg = shareChart([group('Familie & Kind', 26), group('Gesundheit', 0)], {
      id: 'x',
      noun: 'Themenfeld',
      areaLabel: 'Land',
      targetText: 'RGM-1.1:3',
    }).value;
    expect(svg).toContain('>5 %</text>');
    expect(svg).toContain('>2,5 %</text>');
    expect(svg).not.toContain('>100 %</text>');
    // 2.6 % of a 5 % axis is 52 % of the 370 px track (left edge at 320).
    expect(svg).toContain('<rect x="320" y="30" width="192.4" height="20" class="chart-bar-area"/>');
    expect(svg).toContain('class="chart-value">2,6 %</text>');
    expect(svg).toContain('Die Achse reicht nur bis 5 %');
  });

  it('lists the Länder of the Germany overview as links, for the top of the page', async () => {
    const overview = await buildKreisOverview(t.dataSource.manager, 'DE');
    const jump = landJump(overview);
    expect(jump && jump.value).toContain('<li><a href="/gebiete/09">Freistaat Testland</a>');
    expect(overviewTable(overview, 'Komponenten je Kreis', 'x').value).toContain(
      'id="land-09"><a href="/gebiete/09">Freistaat Testland</a></th>',
    );
    // Its place before the map is checked in the browser (coordinator-path.e2e.ts: tab stops).
  });

  it('serves an accessible API reference generated from the OpenAPI document, Swagger UI beside it', async () => {
    const page = await request(t.app).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('<h1>API-Referenz</h1>');
    expect(page.text).not.toContain('swagger-ui-bundle.js');
    expect(page.text).toContain('<a href="/api/docs/swagger">');
    const doc = (await request(t.app).get('/api/openapi.json')).body as { paths: Record<string, object> };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        expect(page.text).toContain(`${method.toUpperCase()}</span> <code>${path}</code>`);
      }
    }
    expect(page.text).toMatch(/<th scope="row"><code>ags<\/code><\/th><td>Pfad<\/td><td>ja<\/td>/);
    // A signed-in browser sees its account in the header, as on every other page.
    const agent = await signedInAgent(t.app, 'koordination');
    expect((await agent.get('/api/docs')).text).toContain('Angemeldet als');
  });
});
