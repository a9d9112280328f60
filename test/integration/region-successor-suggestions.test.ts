/**
 * Successor suggestions on the shipped directory: the 2023 edition, then the 2025 edition, whose
 * Thüringen mergers retire Gemeinden (DOMAIN.md §4). Expected rankings are worked out by hand
 * from the two files:
 * - VG Uder (160615012, Kreis Eichsfeld 16061): Uder 16061097, Birkenfelde 16061007 and nine
 *   more merged into the new Gemeinde Uder 16061119 (6,134 inhabitants, in the new EG Uder
 *   160615051); Asbach-Sickenberg (98) and Dietzenrode/Vatterode (125) moved from the VG Uder to
 *   the EG Uder with that edition (a new ARS each).
 * - Rodeberg 16064055, administered by the erfüllende Gemeinde Südeichsfeld (Verband 160645052,
 *   Textkennzeichen 58), went into Südeichsfeld 16064074, which became verbandsfrei in the same
 *   edition (ARS 160645052074 → 160640074074).
 * - Wünschendorf/Elster 16076084 (VG Ländereck) and Berga/Elster 16076004 (verbandsfrei)
 *   merged into Berga-Wünschendorf 16076094 (Kreis Greiz).
 * Weights (services/successor-ranking.ts): Verband 3, Kreis 1, same name 4, shared name part 2,
 * new in the same edition (same Kreis) 3; equal scores by population.
 */
import request from 'supertest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importRegions } from '../../importers/regions.importer';
import { cliPrincipal } from '../../lib/principal';
import { GV100AD_2023, GV100AD_2025 } from '../helpers/gv100ad-fixture';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfOf, makeUser, signedInAgent } from '../helpers/web';

const actor = { principal: cliPrincipal(), requestId: null };

interface Suggestion {
  key: string;
  name: string;
  population: number | null;
  score: number;
  reasons: string[];
}

describe('successor suggestions for the Thüringen mergers between the 2023 and 2025 editions', () => {
  let t: TestApp;
  let admin: string;
  let reader: string;

  const suggest = async (key: string, limit = 5) => {
    const res = await request(t.app)
      .get(`/api/regions/${key}/successor-suggestions?limit=${limit}`)
      .set('Authorization', reader);
    expect(res.status).toBe(200);
    return res.body.suggestions as Suggestion[];
  };
  const ranking = (suggestions: Suggestion[]) => suggestions.map((s) => [s.key, s.score]);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer('admin');
    reader = await t.bearer('reader');
    const load = (file: string) =>
      importRegions(t.dataSource, { buffer: readFileSync(file), sourceName: path.basename(file), actor });
    await load(GV100AD_2023);
    const put = await request(t.app)
      .put('/api/municipalities/16061007/components/epayment')
      .set('Authorization', admin)
      .send({ status: 'in-use', product: 'ePayBL' });
    expect(put.status).toBe(201);
    await load(GV100AD_2025);
  });
  afterAll(() => t.close());

  it('puts the new Uder first for the old Uder: same Kreis, same name, new with the merger', async () => {
    const suggestions = await suggest('16061097');
    expect(suggestions[0]).toEqual({
      key: '16061119',
      name: 'Uder',
      ars: '160615051119',
      verband: { key: '160615051', name: 'EG Uder' },
      population: 6134,
      score: 1 + 4 + 3,
      reasons: ['gleicher Kreis (Eichsfeld)', 'gleicher Name', 'neu im Gebietsstand 31.08.2025, mit dem Uder wegfiel'],
    });
    // Then the two Gemeinden that left the VG Uder with that edition, the larger first.
    expect(ranking(suggestions.slice(1, 3))).toEqual([
      ['16061024', 3],
      ['16061002', 3],
    ]);
    expect(suggestions[1].reasons).toEqual([
      'bis zum Gebietsstand 31.08.2025 in derselben Verwaltungsgemeinschaft (Uder)',
    ]);
  });

  it('puts the new Uder first for Birkenfelde, whose name it does not share', async () => {
    const suggestions = await suggest('16061007');
    // Uder 1 + 3 = 4; Dietzenrode/Vatterode (125) and Asbach-Sickenberg (98) 3; then the
    // Kreis by population: Leinefelde-Worbis (19,957), Heilbad Heiligenstadt (18,230).
    expect(ranking(suggestions)).toEqual([
      ['16061119', 4],
      ['16061024', 3],
      ['16061002', 3],
      ['16061115', 1],
      ['16061045', 1],
    ]);
  });

  it('finds the Gemeinde that absorbed Rodeberg through the Verband both belonged to until the merger', async () => {
    const [first, second] = await suggest('16064055');
    expect(first).toMatchObject({
      key: '16064074',
      name: 'Südeichsfeld',
      verband: null,
      score: 3,
      reasons: ['bis zum Gebietsstand 31.08.2025 bei derselben erfüllenden Gemeinde (Südeichsfeld)'],
    });
    // Without that history only the Kreis would speak: Mühlhausen, the largest, comes next.
    expect(second).toMatchObject({ key: '16064046', score: 1, reasons: ['gleicher Kreis (Unstrut-Hainich-Kreis)'] });
  });

  it('finds Berga-Wünschendorf for both Gemeinden it was formed from, by a shared name part', async () => {
    const [wuenschendorf] = await suggest('16076084', 1);
    expect(wuenschendorf).toMatchObject({
      key: '16076094',
      score: 1 + 2 + 3,
      reasons: [
        'gleicher Kreis (Greiz)',
        'gemeinsamer Namensteil „Wünschendorf“',
        'neu im Gebietsstand 31.08.2025, mit dem Wünschendorf/Elster wegfiel',
      ],
    });
    const [berga] = await suggest('16076004', 1);
    expect(berga).toMatchObject({ key: '16076094', score: 6 });
    expect(berga.reasons[1]).toBe('gemeinsamer Namensteil „Berga“');
  });

  it('suggests nothing for a current Gemeinde (409) and needs a token', async () => {
    const current = await request(t.app)
      .get('/api/regions/16061119/successor-suggestions')
      .set('Authorization', reader);
    expect(current.status).toBe(409);
    expect(current.body.detail).toMatch(/steht noch im aktuellen Gemeindeverzeichnis/);
    expect((await request(t.app).get('/api/regions/16061097/successor-suggestions')).status).toBe(401);
    expect(
      (await request(t.app).get('/api/regions/16/successor-suggestions').set('Authorization', reader)).status,
    ).toBe(404);
  });

  it('lets an admin pick the suggestion in the web form and moves the record', async () => {
    await makeUser(t.dataSource, 'verwaltung', 'admin');
    const agent = await signedInAgent(t.app, 'verwaltung');
    const page = await agent.get('/kommunen/16061007/nachfolger').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(
      /<input type="radio" id="f-nachfolger-0" name="nachfolger" value="16061119">\s*<label for="f-nachfolger-0">Uder \(16061119, 6\.134 Einwohner\)<br><span class="hint">gleicher Kreis \(Eichsfeld\); neu im Gebietsstand 31\.08\.2025, mit dem Birkenfelde wegfiel<\/span><\/label>/,
    );
    const csrf = csrfOf(page.text);
    const send = (values: Record<string, string>) =>
      agent
        .post('/kommunen/16061007/nachfolger')
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrf, ...values });
    const preview = await send({ nachfolger: '16061119', modus: 'move', schritt: 'vorschau' });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Basiskomponenten, die verschoben werden: epayment');
    expect(preview.text).toContain('Konflikte: keine');
    const done = await send({ nachfolger: '16061119', modus: 'move', schritt: 'zuordnen' });
    expect(done.status).toBe(303);
    const uder = await request(t.app).get('/api/municipalities/16061119/components').set('Authorization', reader);
    expect(uder.body.components).toEqual([expect.objectContaining({ component: 'epayment', product: 'ePayBL' })]);
    expect((await request(t.app).get('/api/regions/16061007')).body.successorKey).toBe('16061119');
  });
});
