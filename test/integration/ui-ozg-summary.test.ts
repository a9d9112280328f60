/**
 * The one-page OZG summary of an area (`/gebiete/{key}/ozg/zusammenfassung`) on the hand-computed
 * world of ui-ozg.test.ts, with one change: Leistung A (OZG 10119) costs a fee and needs no eID
 * (Vertrauensniveau 20), so Baierbrunn (09184002), which records every component as not used, is
 * held back by known blockers only and the summary has a blocker to name.
 */
import request from 'supertest';
import { Leistung } from '../../entities';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { takeSnapshot } from '../../reports/gaps/snapshots';
import { buildOzgUiWorld } from '../helpers/ozg-ui-world';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

describe('one-page OZG summary of an area', () => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof signedInAgent>>;

  beforeAll(async () => {
    t = await createTestApp();
    await buildOzgUiWorld(t.dataSource);
    await t.dataSource
      .getRepository(Leistung)
      .update({ schluessel: '99000000000001' }, { feeBearing: true, vertrauensniveau: '20' });
    await makeUser(t.dataSource, 'leser', 'reader');
    agent = await signedInAgent(t.app, 'leser');
  });
  afterAll(() => t.close());

  it('is for signed-in users only and linked from the OZG page with its selection', async () => {
    const res = await request(t.app).get('/gebiete/09/ozg/zusammenfassung');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/anmeldung?weiter=${encodeURIComponent('/gebiete/09/ozg/zusammenfassung')}`);
    expect((await agent.get('/gebiete/09/ozg')).text).toContain(
      '<a href="/gebiete/09/ozg/zusammenfassung">Zusammenfassung (eine Seite)</a>',
    );
    expect((await agent.get('/gebiete/09/ozg?themenfeld=9')).text).toContain(
      'href="/gebiete/09/ozg/zusammenfassung?themenfeld=9"',
    );
  });

  it('shows the figures under the target and the dashboard rule, the blockers, the filters, the date and the definitions', async () => {
    const res = await agent.get('/gebiete/09/ozg/zusammenfassung');
    expect(res.status).toBe(200);
    const text = oneLine(res.text);
    expect(text).toContain('<h1>OZG-Umsetzung auf einer Seite: Freistaat Testland</h1>');
    expect(text).toMatch(/Stand: <time datetime="\d{4}-\d\d-\d\dT[^"]+">\d\d\.\d\d\.\d{4}, \d\d:\d\d<\/time>/);
    expect(text).toContain(
      '<strong>Filter:</strong> Ziel Stufe 3 – Online-Leistung (Reifegradmodell 1.1); alle Themenfelder; alle Lebenslagen.',
    );
    expect(text).not.toContain('Sortierung');
    expect(text).toContain('3 von 3 OZG-Leistungen der Auswahl haben im Gebiet zuständige Einheiten (5 Gemeinden');
    // Flächendeckend: only 10160 (Land offering) under the target; 10160 and 10200 (both units online) under the dashboard rule.
    expect(text).toContain(
      '<th scope="row">Ziel RGM-1.1:3</th><td class="num">1</td> <td class="num">33,3 %</td><td class="num">3</td>',
    );
    expect(text).toContain(
      '<th scope="row">Dashboard-Regel (online ab Stufe 2)</th><td class="num">2</td> <td class="num">66,7 %</td><td class="num">3</td>',
    );
    // Pairs: A 4 (met: München level 3, Aschheim level 4), C 2 (both met), D 2 (München met), E 4 (Land, met) → 9 of 12.
    expect(text).toContain('mit erreichtem Ziel: <strong>9 von 12 (75,0 %)</strong>');
    expect(text).toContain('Angaben zu Basiskomponenten: 3 von 5 Einheiten (60,0 %)');
    // Baierbrunn's A lacks form server, user account and ePayment: one pair in one unit. The pairs
    // held back by the offering alone (Unterhaching's planned A, the Kreis's D at level 1) are no blocker.
    expect(text).toMatch(
      /<ol><li><strong>Formularserver \+ [^<]*\+ [^<]*<\/strong>: 1 Zuständigkeit in 1 Einheit<\/li><\/ol>/,
    );
    expect(text).toContain('<a href="/ozg-definitionen">/ozg-definitionen</a>');
    expect(text).toContain('<a href="/gebiete/09/ozg">/gebiete/09/ozg</a>');
    expect(text).toContain('Testkatalog 2026');
    expect(text).toContain('noch keiner gespeichert');
  });

  it('keeps the selection: figures, filters in words and the link back', async () => {
    const text = oneLine((await agent.get('/gebiete/09/ozg/zusammenfassung?themenfeld=9')).text);
    expect(text).toContain('Themenfeld Mobilität &amp; Reisen');
    // 10200 only: C met in both units, D only in München → not flächendeckend; both online (dashboard rule).
    expect(text).toContain('1 von 1 OZG-Leistungen der Auswahl');
    expect(text).toContain('<td class="num">0</td> <td class="num">0,0 %</td><td class="num">1</td>');
    expect(text).toContain('<td class="num">1</td> <td class="num">100,0 %</td><td class="num">1</td>');
    expect(text).toContain('mit erreichtem Ziel: <strong>3 von 4 (75,0 %)</strong>');
    expect(text).toContain('Laut Daten hält keine fehlende Basiskomponente eine zuständige Leistung auf.');
    expect(text).toContain('href="/gebiete/09/ozg?themenfeld=9"');
  });

  it('shows the trend of the monthly snapshots', async () => {
    await takeSnapshot(t.dataSource, '09', DEFAULT_TARGET, new Date('2026-10-15T12:00:00Z'));
    await takeSnapshot(t.dataSource, '09', DEFAULT_TARGET, new Date('2026-11-15T12:00:00Z'));
    const text = oneLine((await agent.get('/gebiete/09/ozg/zusammenfassung')).text);
    const row = (m: string) =>
      `<th scope="row">${m}</th><td class="num">1</td> <td class="num">2</td><td class="num">3</td> <td class="num">9 von 12</td>`;
    expect(text).toContain(row('Oktober 2026'));
    expect(text).toContain(row('November 2026'));
    expect(text.indexOf('Oktober 2026')).toBeLessThan(text.indexOf('November 2026'));
  });

  it('answers a bad selection with 400 and an unknown area with 404', async () => {
    const bad = await agent.get('/gebiete/09/ozg/zusammenfassung?ziel=RGM-1.1:9');
    expect(bad.status).toBe(400);
    expect((await agent.get('/gebiete/12345/ozg/zusammenfassung')).status).toBe(404);
  });
});
