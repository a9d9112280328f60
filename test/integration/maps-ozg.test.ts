import { buildWorld } from '../helpers/ozg-world';
import { makeLeistung, makeOzgLeistung, rebuild } from '../helpers/ozg-factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

/** Table rows of the map: name, value text and class, in the order the table sorts them. */
function tableRows(text: string): string[][] {
  const body = /<caption id="karte-tabelle">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(text)?.[1] ?? '';
  return [
    ...body.matchAll(
      /<tr><th scope="row"><a href="[^"]*">([^<]*)<\/a>.*?<\/th><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g,
    ),
  ].map((m) => [m[1], m[2], m[3]]);
}

/**
 * The OZG attainment map (issue 16) on the hand-computed world of the gap report tests
 * (test/helpers/ozg-world.ts): Land 09 with the kreisfreie Stadt München and the Landkreis
 * München of three Gemeinden, plus OZG 10300 whose only Leistung is the Bund's.
 */
describe('OZG attainment map', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await buildWorld(t.dataSource);
    await makeOzgLeistung(t.dataSource, 10300, 'Bundessache');
    await makeLeistung(t.dataSource, '99000000000006', 10300, '1');
    await rebuild(t.dataSource);
    await makeUser(t.dataSource, 'leser', 'reader');
  });
  afterAll(() => t.close());

  it('maps per Gemeinde the share of responsibilities meeting the target, with "keine Angaben" hatched', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const page = await agent.get('/gebiete/09184?karte=ozg&ozg=10119');
    expect(page.status).toBe(200);
    // Aschheim offers A at 4, Baierbrunn at 2 (components recorded as missing); Brunnthal has
    // no offering and no data on eID: it is unknown, not unmet. The Kreis is not responsible.
    expect(tableRows(page.text)).toEqual([
      ['Aschheim', '100 % (1 von 1 Zuständigkeiten erfüllt)', '80 % und mehr'],
      ['Baierbrunn', '0 % (0 von 1 Zuständigkeiten erfüllt)', 'unter 20 %'],
      ['Brunnthal', 'keine Angaben (Komponenten nicht erfasst)', 'keine Angaben'],
    ]);
    expect(page.text).toContain(
      'OZG-Leistung 10119 Personalausweis: Anteil der Zuständigkeiten mit Ziel RGM-1.1:3 erreicht',
    );
    expect(page.text).toContain('<option value="ozg" selected>');
    expect(page.text).toContain(
      'id="karte-ozg" name="ozg" inputmode="numeric" pattern="[0-9]*" size="8" value="10119"',
    );
    // Legend: five classes, no data, "nicht zuständig" (its own dotted pattern).
    expect(page.text).toContain('>80 % und mehr</text>');
    expect(page.text).toContain('fill="url(#karte-keine-angaben)"');
    expect(page.text).toContain('<pattern id="karte-keine-angaben-na"');
    expect(page.text).toContain('>nicht zuständig</text>');
    expect(page.text).toContain(
      'href="/gebiete/09184/karte.svg?karte=ozg&amp;ebene=gemeinde&amp;ozg=10119&amp;ziel=RGM-1.1%3A3"',
    );
  });

  it('aggregates to Kreise over every unit inside, counts Themenfelder and takes another target', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    // Landkreis: Kreis (not responsible for A), Aschheim met, Baierbrunn unmet, Brunnthal unknown: 1 of 3.
    expect(tableRows((await agent.get('/gebiete/09?karte=ozg&ozg=10119&ebene=kreis')).text)).toEqual([
      ['Kreisfreie Stadt München', '100 % (1 von 1 Zuständigkeiten erfüllt)', '80 % und mehr'],
      ['Landkreis München', '33,3 % (1 von 3 Zuständigkeiten erfüllt)', '20 bis unter 40 %'],
    ]);
    // Themenfeld 9 (Mobilität & Reisen) is OZG 10200, a Kreis task: the Landkreis offers D at 1 only,
    // the kreisfreie Stadt C (RGM 2.0 level 6 = 1.1 level 4) and D at 3. Each Gemeinde counts its Kreis.
    const themenfeld = await agent.get('/gebiete/09?karte=ozg&themenfeld=9&ebene=gemeinde');
    expect(tableRows(themenfeld.text).map((r) => r.slice(0, 2))).toEqual([
      ['Aschheim', '0 % (0 von 1 Zuständigkeiten erfüllt)'],
      ['Baierbrunn', '0 % (0 von 1 Zuständigkeiten erfüllt)'],
      ['Brunnthal', '0 % (0 von 1 Zuständigkeiten erfüllt)'],
      ['München, Landeshauptstadt', '100 % (1 von 1 Zuständigkeiten erfüllt)'],
    ]);
    expect(themenfeld.text).toContain('Themenfeld Mobilität &amp; Reisen: Anteil');
    // Level 4: only Aschheim's A reaches it. München's A (level 3) misses it, and München records
    // no component that level 4 needs: unknown, not unmet.
    const four = await agent.get('/gebiete/09?karte=ozg&ozg=10119&ebene=kreis&ziel=RGM-1.1:4');
    expect(tableRows(four.text)).toEqual([
      ['Kreisfreie Stadt München', 'keine Angaben (Komponenten nicht erfasst)', 'keine Angaben'],
      ['Landkreis München', '33,3 % (1 von 3 Zuständigkeiten erfüllt)', '20 bis unter 40 %'],
    ]);
    expect(four.text).toContain('Ziel RGM-1.1:4 erreicht');
  });

  it('shows "nicht zuständig" as its own class where no unit carries the OZG-Leistung', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const page = await agent.get('/gebiete/09184?karte=ozg&ozg=10300');
    expect(tableRows(page.text)).toEqual([
      ['Aschheim', 'nicht zuständig', 'nicht zuständig'],
      ['Baierbrunn', 'nicht zuständig', 'nicht zuständig'],
      ['Brunnthal', 'nicht zuständig', 'nicht zuständig'],
    ]);
  });

  it('names an OZG-Leistung missing from the catalogue; an unknown Themenfeld falls back to the count map', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const missing = await agent.get('/gebiete/09184?karte=ozg&ozg=99999');
    expect(missing.text).toContain('OZG-Leistung 99999 (nicht im Katalog): Anteil');
    expect(tableRows(missing.text).map((r) => r[2])).toEqual(['nicht zuständig', 'nicht zuständig', 'nicht zuständig']);
    const stale = await agent.get('/gebiete/09184?karte=ozg&themenfeld=Gibt%20es%20nicht');
    expect(stale.status).toBe(200);
    expect(stale.text).toContain('<option value="anzahl" selected>');
  });

  it('links the map from the OZG page of the area', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const page = await agent.get('/gebiete/09/ozg?ozg=10119');
    expect(page.text).toContain(
      'href="/gebiete/09?karte=ozg&amp;ozg=10119&amp;ziel=RGM-1.1%3A3#karte">Auf der Karte zeigen</a>',
    );
  });
});
