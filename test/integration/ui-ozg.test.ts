/**
 * The OZG pages of the web interface on a small, hand-computed world (the one of
 * gap-reports.test.ts): Land 09 with the kreisfreie Stadt 09162 and the Landkreis 09184 of three
 * Gemeinden; three OZG-Leistungen. Numbers on the pages are checked against hand-computed values.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { takeSnapshot } from '../../reports/gaps/snapshots';
import { runTask } from '../../server/compute/tasks';
import { GAP_CACHE_TTL_MS, GapReportCache } from '../../reports/gaps/cache';
import { makeLeistung, makeOzgLeistung, setRules } from '../helpers/ozg-factories';
import { makeRegion } from '../helpers/factories';
import { buildOzgUiWorld } from '../helpers/ozg-ui-world';
import { WORLD_RULES } from '../helpers/ozg-world';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

/** Collects a binary response body (XLSX) as a Buffer. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The position of each needle in the text, to check an order. */
function positions(text: string, needles: string[]): number[] {
  return needles.map((n) => {
    const at = text.indexOf(n);
    if (at < 0) throw new Error(`not found: ${n}`);
    return at;
  });
}

const ascending = (list: number[]) => list.every((v, i) => i === 0 || list[i - 1] < v);

describe('OZG pages in the web interface', () => {
  let t: TestApp;
  let agent: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    await buildOzgUiWorld(t.dataSource);
    await makeUser(t.dataSource, 'leser', 'reader');
    agent = await signedInAgent(t.app, 'leser');
  });
  afterAll(() => t.close());

  it('are for signed-in users only, like the API reports', async () => {
    for (const path of ['/gebiete/09/ozg', '/kommunen/09184002/ozg', '/gebiete/09/ozg/download?format=csv']) {
      const res = await request(t.app).get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/anmeldung?weiter=${encodeURIComponent(path)}`);
    }
  });

  it('are linked from the area page and the Kommune page', async () => {
    expect((await agent.get('/gebiete/09')).text).toContain('href="/gebiete/09/ozg"');
    expect((await agent.get('/gebiete/09184')).text).toContain('href="/gebiete/09184/ozg"');
    expect((await agent.get('/kommunen/09184002')).text).toContain('href="/kommunen/09184002/ozg"');
    expect((await agent.get('/kommunen/09184')).text).toContain('href="/kommunen/09184/ozg"');
    // The Kreis record of a kreisfreie Stadt leads to its Gemeinde, which carries the Kreis tasks.
    expect((await agent.get('/kommunen/09162')).text).toContain('href="/kommunen/09162000/ozg"');
  });

  describe('area page', () => {
    it('shows the totals under both rules side by side, with the target and the sources', async () => {
      const res = await agent.get('/gebiete/09/ozg');
      expect(res.status).toBe(200);
      const text = res.text.replace(/\s+/g, ' ');
      expect(text).toContain('<h1>OZG-Umsetzung: Freistaat Testland</h1>');
      // 3 relevant; flächendeckend 1 (10160), in at least one 3; dashboard rule 2 and 3.
      expect(text).toMatch(
        /Ziel RGM-1\.1:3: jede zuständige Leistung erreicht Stufe 3 – Online-Leistung \(Reifegradmodell 1\.1\)<\/th> <td class="num">1<\/td><td class="num">3<\/td><td class="num">3<\/td>/,
      );
      expect(text).toMatch(
        /Dashboard-Regel: eine Leistung online ab Stufe 2[^<]*<\/th> <td class="num">2<\/td><td class="num">3<\/td>/,
      );
      // Pairs unit × Leistung: A by its Leistung rule (4), C and D by the OZG rule (2 + 2); E by Typisierung (4).
      expect(text).toContain(
        'Zuständigkeit (Einheit × Leistung): Zuständigkeitsdaten (FIM): 0; Zuständigkeitsregel für diese Leistung bzw. OZG-Leistung: 8; Typisierung (Heuristik): 4.',
      );
      expect(text).toContain('Testkatalog 2026');
      expect(text).toContain('<details class="definitions no-print" id="definitionen">');
      expect(text).toContain('Flächendeckend: in allen zuständigen Einheiten');
    });

    it('lists each OZG-Leistung with units, met, share, flächendeckend, dashboard rule and blockers in words', async () => {
      const text = (await agent.get('/gebiete/09/ozg')).text.replace(/\s+/g, ' ');
      // 10119: 4 responsible, 2 met (50 %), not flächendeckend; dashboard: 3 online.
      expect(text).toMatch(
        /<td class="num">10119<\/td> <th scope="row"><a href="[^"]*">Personalausweis<\/a><br>.*?<\/th> <td class="num">4<\/td> <td class="num">2<br>50,0 %<\/td> <td><span class="flag flag-no"><span aria-hidden="true">✗<\/span> nein<\/span><\/td> <td>3 online/,
      );
      // 09184002 records every component as not used: no form server → at most level 1.
      expect(text).toContain('Online-Antrag: ohne Formularserver – 1 Einheit');
      // 09184003 records nothing on eID and A's Vertrauensniveau is unknown: "no data", its own column.
      expect(text).toMatch(/<td class="num">1 Einheit<\/td><\/tr><tr><td class="num">10200<\/td>/);
      expect(text).toContain('davon mit Angaben zu Basiskomponenten</dt><dd>3 (60,0 %)');
      expect(text).toContain('Hundehaltung &lt;Steuer&gt;');
      expect(text).not.toContain('Hundehaltung <Steuer>');
      expect(text).toContain('Zuständigkeit laut Regel');
    });

    it('sorts by share (largest gaps first) unless asked otherwise', async () => {
      const rows = ['<td class="num">10119</td>', '<td class="num">10200</td>', '<td class="num">10160</td>'];
      expect(ascending(positions((await agent.get('/gebiete/09/ozg')).text, rows))).toBe(true);
      const byId = (await agent.get('/gebiete/09/ozg?sortierung=ozg-id')).text;
      expect(ascending(positions(byId, [rows[0], rows[2], rows[1]]))).toBe(true);
      const down = (await agent.get('/gebiete/09/ozg?sortierung=anteil-absteigend')).text;
      expect(ascending(positions(down, [rows[2], rows[0], rows[1]]))).toBe(true);
    });

    it('draws the share per Themenfeld as SVG with title, description and a table with the same values', async () => {
      const text = (await agent.get('/gebiete/09/ozg')).text;
      expect(text).toMatch(/<svg viewBox="[^"]+" role="img" aria-labelledby="anteile-titel anteile-beschreibung"/);
      expect(text).toContain(
        '<title id="anteile-titel">Anteil erfüllt je Themenfeld: Freistaat Testland, Ziel RGM-1.1:3</title>',
      );
      expect(text).toContain('Engagement &amp; Hobby: 100,0 %. ');
      expect(text).toContain('Querschnitt: 50,0 %. ');
      expect(text).toContain('<caption id="anteile-tabelle">Erfüllung je Themenfeld (Tabelle zur Grafik)</caption>');
    });

    it('offers the catalogue Themenfelder and Lebenslagen as selects and filters by them and by OZG-ID', async () => {
      const all = (await agent.get('/gebiete/09/ozg')).text;
      expect(all).toContain('<option value="9">Mobilität &amp; Reisen</option>');
      expect(all).toContain('<option value="30">Haustiere</option>');
      expect(all).toContain('<optgroup label="Reifegradmodell 2.0 (Stufen 1–7)">');
      expect(all).toContain('<option value="RGM-1.1:3" selected>');
      const mobility = (await agent.get('/gebiete/09/ozg?themenfeld=9')).text;
      expect(mobility).toContain('<option value="9" selected>Mobilität &amp; Reisen</option>');
      expect(mobility).toContain('<td class="num">10200</td>');
      expect(mobility).not.toContain('<td class="num">10119</td>');
      const pets = (await agent.get('/gebiete/09/ozg?lebenslage=30')).text;
      expect(pets).toContain('<td class="num">10160</td>');
      expect(pets).not.toContain('<td class="num">10200</td>');
      const one = (await agent.get('/gebiete/09/ozg?ozg=10119')).text.replace(/\s+/g, ' ');
      expect(one).toContain('<td class="num">10119</td>');
      expect(one).not.toContain('<td class="num">10160</td>');
      // The drill-down, linked from each row: A carried by the Gemeinden (4, 3 online, 2 met), B by the Bund (nobody).
      expect(all).toContain('href="/gebiete/09/ozg?ozg=10119#einzeln"');
      expect(one).toContain('<h3 id="einzeln">Leistungen von OZG 10119: Personalausweis einzeln</h3>');
      expect(one).toMatch(
        /href="\/leistungen\/99000000000001">Personalausweis Ausstellung<\/a>.*?<td>Gemeinde, laut Regel<\/td><td>Gebühr unbekannt<br>Vertrauensniveau unbekannt<\/td><td class="num">4<\/td><td class="num">3<\/td> <td class="num">2<br>50,0 %<\/td>/,
      );
      expect(one).toMatch(
        /<td>Bund \(nicht kommunal\), laut Typisierung<\/td><td>Gebühr unbekannt<br>Vertrauensniveau unbekannt<\/td><td class="num">0<\/td>/,
      );
    });

    it('uses the chosen target, also of Reifegradmodell 2.0', async () => {
      const text = (await agent.get('/gebiete/09/ozg?ziel=RGM-2.0:5')).text;
      expect(text).toContain('<option value="RGM-2.0:5" selected>');
      expect(text).toContain('Ziel RGM-2.0:5');
      // Only 09162000's C (RGM-2.0 level 6) reaches 2.0 level 5 (1.1 level 4 of 09184001 converts to 5).
      expect(text.replace(/\s+/g, ' ')).toMatch(
        /<td class="num">10119<\/td> <th scope="row"><a href="[^"]*">Personalausweis<\/a><br>.*?<\/th> <td class="num">4<\/td> <td class="num">1<br>25,0 %<\/td>/,
      );
    });

    it('answers bad selections with the form, a German error summary and 400', async () => {
      const res = await agent.get('/gebiete/09/ozg?ziel=RGM-1.1:9&themenfeld=99&ozg=abc');
      expect(res.status).toBe(400);
      expect(res.text).toContain('<title>Fehler: OZG-Umsetzung Freistaat Testland');
      expect(res.text).toContain('Bitte prüfen Sie Ihre Eingaben');
      expect(res.text).toContain('href="#f-ziel"');
      expect(res.text).toContain('href="#f-themenfeld"');
      expect(res.text).toContain('id="f-ozg-error"');
      expect(res.text).toContain('value="abc"');
      expect(res.text).not.toContain('id="ueberblick"');
      expect((await agent.get('/gebiete/12345/ozg')).status).toBe(404);
      expect((await agent.get('/gebiete/operator:1/ozg')).status).toBe(404);
    });

    it('shows the monthly trend once there is more than one month', async () => {
      expect((await agent.get('/gebiete/09184/ozg')).text).toContain(
        'Die Entwicklung erscheint hier, sobald es mindestens zwei Monate gibt.',
      );
      await takeSnapshot(t.dataSource, '09184', DEFAULT_TARGET, new Date('2026-10-15T12:00:00Z'));
      await takeSnapshot(t.dataSource, '09184', DEFAULT_TARGET, new Date('2026-11-15T12:00:00Z'));
      const text = (await agent.get('/gebiete/09184/ozg')).text;
      expect(text).toContain('<h2 id="entwicklung">Entwicklung Monat für Monat</h2>');
      expect(ascending(positions(text, ['>Oktober 2026<', '>November 2026<']))).toBe(true);
      expect((await agent.get('/gebiete/09184/ozg?ziel=RGM-1.1:4')).text).not.toContain('Entwicklung Monat für Monat');
    });

    it('downloads the selection as CSV and XLSX under the session', async () => {
      const page = (await agent.get('/gebiete/09/ozg?themenfeld=9')).text;
      expect(page).toContain('href="/gebiete/09/ozg/download?themenfeld=9&amp;format=csv"');
      const csv = await agent.get('/gebiete/09/ozg/download?themenfeld=9&format=csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/attachment; filename="?OZG-Luecken_Freistaat-Testland/);
      expect(csv.text).toContain('OZG-ID;OZG-Leistung;Themenfeld');
      expect(csv.text).toContain('Kfz-Zulassung');
      expect(csv.text).not.toContain('Personalausweis');
      const xlsx = await agent.get('/gebiete/DE/ozg/download?format=xlsx').buffer(true).parse(binary);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as ExcelJS.Buffer);
      expect(book.getWorksheet('OZG-Leistungen')?.getRow(1).getCell(1).value).toBe('OZG-ID');
      expect((await agent.get('/gebiete/09/ozg/download?format=pdf')).status).toBe(400);
      expect((await agent.get('/gebiete/09/ozg/download?format=csv&ziel=7')).status).toBe(400);
    });
  });

  describe('Kommune page', () => {
    it('puts the unlock sentences first, then the totals, then every Leistung by OZG-Leistung', async () => {
      const res = await agent.get('/kommunen/09184002/ozg');
      expect(res.status).toBe(200);
      const text = res.text.replace(/\s+/g, ' ');
      expect(ascending(positions(text, ['id="freischalten"', 'id="ueberblick"', 'id="leistungen"']))).toBe(true);
      // Baierbrunn runs nothing: a form server alone lifts A, but Nutzerkonto is still missing.
      expect(text).toContain('Formularserver ergänzen: 1 Leistung könnte höher kommen, für Reifegrad 3 fehlt mehr.');
      expect(text).toMatch(/<span class="stat-value">2<\/span> zuständige Leistungen/);
      expect(text).toMatch(/<span class="stat-value">1<\/span> erreichen das Ziel/);
      expect(text).not.toContain('Für Baierbrunn liegen keine Angaben zu Basiskomponenten vor');
      const aschheim = (await agent.get('/kommunen/09184001/ozg')).text.replace(/\s+/g, ' ');
      expect(aschheim).toContain('Für Aschheim liegen keine Angaben zu Basiskomponenten vor');
    });

    it('shows the offering, the target, the attainable level, reasons, sources and reuse hints with links', async () => {
      const text = (await agent.get('/kommunen/09184002/ozg')).text.replace(/\s+/g, ' ');
      expect(text).toContain('<tbody id="ozg-10119">');
      expect(text).toContain('href="/leistungen/99000000000001">Personalausweis Ausstellung</a>');
      expect(text).toContain('online, Stufe 2');
      expect(text).toContain('eigenes Angebot');
      expect(text).toContain('laut Zuständigkeitsregel für diese Leistung bzw. OZG-Leistung');
      expect(text).toContain('Online-Antrag: ohne Formularserver höchstens Reifegrad 1.');
      // Aschheim (same Kreis) offers A at level 4: a link to its page, not to its offering (which
      // serves Aschheim's citizens only).
      expect(text).toContain('Schon online: im selben Kreis <a href="/kommunen/09184001">Aschheim</a>, Stufe 4');
      expect(text).not.toContain('href="https://aschheim.example.de/ausweis"');
      // E comes from the Land's flächendeckend service.
      expect(text).toContain('Angebot des Landes Freistaat Testland');
      expect(text).toContain('laut Typisierung (Heuristik)');
      expect(text).toContain('Hundehaltung &lt;Steuer&gt;');
    });

    it('never turns a non-web address from the data into a link', async () => {
      const text = (await agent.get('/kommunen/09184003/ozg')).text;
      expect(text).toContain('in Umsetzung');
      expect(text).toContain('javascript:alert(1)</span> <span class="meta">(keine Webadresse, nicht verlinkt)');
      expect(text).not.toContain('href="javascript:');
    });

    it('covers a Landkreis (Kreis tasks) and sends a kreisfreie Stadt to its Gemeinde', async () => {
      const kreis = (await agent.get('/kommunen/09184/ozg')).text;
      expect(kreis).toContain('Landkreis (Kreisaufgaben)');
      expect(kreis).toContain('<tbody id="ozg-10200">');
      expect(kreis).not.toContain('<tbody id="ozg-10119">');
      const city = await agent.get('/kommunen/09162/ozg?ziel=4');
      expect(city.status).toBe(302);
      expect(city.headers.location).toBe('/kommunen/09162000/ozg?ziel=4');
      expect((await agent.get('/kommunen/09162000/ozg')).text).toContain(
        'kreisfreie Stadt (Gemeinde- und Kreisaufgaben)',
      );
      expect((await agent.get('/kommunen/09/ozg')).status).toBe(404);
    });

    it('shows only open OZG-Leistungen when asked, and checks the selection', async () => {
      const open = (await agent.get('/kommunen/09184002/ozg?nur=offen')).text;
      expect(open).toContain('<tbody id="ozg-10119">');
      expect(open).not.toContain('<tbody id="ozg-10160">');
      expect(open).toContain('name="nur" value="offen" checked');
      const bad = await agent.get('/kommunen/09184002/ozg?lebenslage=kaputt');
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Diese Lebenslage gibt es im Katalog nicht.');
    });

    it('downloads the unit report as CSV and XLSX', async () => {
      const csv = await agent.get('/kommunen/09184002/ozg/download?format=csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text).toContain('Leistungsschlüssel;Leistung;OZG-ID');
      expect(csv.text).toContain('99000000000001');
      const xlsx = await agent.get('/kommunen/09184002/ozg/download?format=xlsx').buffer(true).parse(binary);
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as ExcelJS.Buffer);
      expect(book.getWorksheet('Leistungen')?.getRow(1).getCell(1).value).toBe('Leistungsschlüssel');
    });
  });
});

describe('reusing computed gap reports', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await buildOzgUiWorld(t.dataSource);
    await makeUser(t.dataSource, 'leser', 'reader');
  });
  afterAll(() => t.close());

  it('reuses a report while nothing changed and for at most the TTL', async () => {
    let now = Date.parse('2026-11-01T10:00:00Z');
    const cache = new GapReportCache(
      (m, r) => runTask(m, 'gap-report', r),
      () => now,
    );
    const first = await cache.get(t.dataSource.manager, '09', DEFAULT_TARGET, {});
    expect(await cache.get(t.dataSource.manager, '09', DEFAULT_TARGET, {})).toBe(first);
    expect(await cache.get(t.dataSource.manager, '09', DEFAULT_TARGET, { ozgId: 10119 })).not.toBe(first);
    now += GAP_CACHE_TTL_MS + 1;
    expect(await cache.get(t.dataSource.manager, '09', DEFAULT_TARGET, {})).not.toBe(first);
  });

  it('computes the page again after an audited change', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const before = (await agent.get('/gebiete/09/ozg')).text;
    expect(before).toContain('Online-Antrag: ohne Formularserver – 1 Einheit');
    expect(before).toMatch(/Berechnet am <time datetime="[^"]+">/);
    const admin = await t.bearer('admin');
    const current = await request(t.app)
      .get('/api/municipalities/09184002/components/form-server')
      .set('Authorization', admin);
    const put = await request(t.app)
      .put('/api/municipalities/09184002/components/form-server')
      .set('Authorization', admin)
      .set('If-Match', current.headers.etag)
      .send({ status: 'in-use' });
    expect(put.status).toBeLessThan(300);
    expect((await agent.get('/gebiete/09/ozg')).text).not.toContain('Online-Antrag: ohne Formularserver – 1 Einheit');
  });
});

describe('OZG page of a unit with many OZG-Leistungen', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await makeRegion(t.dataSource, '09', { name: 'Freistaat Testland' });
    await makeRegion(t.dataSource, '09184', { name: 'München', textCode: '44', typeLabel: 'Landkreis' });
    await makeRegion(t.dataSource, '09184001', { name: 'Aschheim', textCode: '64' });
    // 30 OZG-Leistungen of 6 Leistungen each: pages of at most 100 Leistungen hold 16 of them.
    for (let i = 0; i < 30; i++) {
      await makeOzgLeistung(t.dataSource, 20000 + i, `Gemeindeleistung ${i}`);
      for (let j = 0; j < 6; j++) {
        await makeLeistung(t.dataSource, `9900000001${String(i).padStart(2, '0')}${j}0`, 20000 + i, '5');
      }
    }
    await setRules(t.dataSource, WORLD_RULES);
    await makeUser(t.dataSource, 'leser', 'reader');
  });
  afterAll(() => t.close());

  it('pages the OZG-Leistungen, keeping the selection in the links', async () => {
    const agent = await signedInAgent(t.app, 'leser');
    const first = (await agent.get('/kommunen/09184001/ozg?ziel=RGM-1.1:2')).text;
    expect(first).toContain('OZG-Leistungen 1–16 von 30 mit 96 Leistungen');
    expect(first).toContain('<span aria-current="page">Seite 1 von 2</span>');
    expect(first).toContain('href="/kommunen/09184001/ozg?ziel=RGM-1.1%3A2&amp;seite=2" rel="next"');
    expect(first).not.toContain('<tbody id="ozg-20029">');
    const second = (await agent.get('/kommunen/09184001/ozg?ziel=RGM-1.1:2&seite=2')).text;
    expect(second).toContain('OZG-Leistungen 17–30 von 30 mit 84 Leistungen');
    expect(second).toContain('<tbody id="ozg-20029">');
    expect(second).toContain('<title>OZG-Umsetzung Aschheim (Seite 2)');
  });
});
