import request from 'supertest';
import { buildLandscapeReport } from '../../reports/landscape/report';
import { buildOpportunitiesReport, takeInTurns } from '../../reports/opportunities/report';
import { filteredMatrix } from '../../server/web/views/matrix-filter';
import { opportunitiesTable } from '../../server/web/views/opportunities-table.view';
import { makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

/**
 * The county IT provider's path (issue 14): six Gemeinden of the Landkreis München. KDO runs
 * E-Payment in the first four, Formular GmbH the form server in the first only; Gemeinde 2 records
 * the form server as not used. So E-Payment has two strong suggestions (4 neighbours) and the form
 * server five weak ones (1 neighbour).
 */
describe('county IT provider: matrix filter and diverse suggestions', () => {
  let t: TestApp;
  const names = ['Aschheim', 'Baierbrunn', 'Feldkirchen', 'Garching', 'Haar', 'Ismaning'];
  const keys = names.map((_, i) => `0918411${i}`);
  const population = [9_000, 3_000, 7_000, 18_000, 24_000, 17_000];

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.bearer('admin');
    await makeRegion(t.dataSource, '09', { name: 'Bayern' });
    await makeRegion(t.dataSource, '09184', { level: 'kreis', name: 'München', typeLabel: 'Landkreis' });
    for (const [i, key] of keys.entries()) {
      await makeRegion(t.dataSource, key, { name: names[i], population: population[i] });
    }
    const put = (key: string, code: string, body: object) =>
      request(t.app).put(`/api/municipalities/${key}/components/${code}`).set('Authorization', admin).send(body);
    for (const key of keys.slice(0, 4)) {
      expect(
        (await put(key, 'epayment', { status: 'in-use', operator: { name: 'KDO', type: 'municipal-provider' } }))
          .status,
      ).toBeLessThan(300);
    }
    await put(keys[0], 'form-server', {
      status: 'in-use',
      operator: { name: 'Formular GmbH', type: 'private-provider' },
    });
    await put(keys[1], 'form-server', { status: 'not-used' });
    await makeUser(t.dataSource, 'kreis', 'reader');
  });
  afterAll(() => t.close());

  /** The Gemeinden of the matrix table, in order. */
  function matrixRows(page: string): string[] {
    const table = /<table class="matrix">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? '';
    return [...table.matchAll(/<th scope="row"><a href="\/kommunen\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
  }

  it('filters the matrix by component and status with query parameters, in an accessible GET form', async () => {
    const agent = await signedInAgent(t.app, 'kreis');
    const all = await agent.get('/gebiete/09184');
    expect(all.status).toBe(200);
    expect(matrixRows(all.text)).toEqual(names);
    expect(all.text).toMatch(/<form method="get" action="\/gebiete\/09184#matrix-filter"/);
    for (const field of ['komponente', 'status', 'betreiber', 'sortierung']) {
      expect(all.text).toContain(`<label for="m-${field}">`);
      expect(all.text).toContain(`<select id="m-${field}" name="${field}">`);
    }
    expect(all.text).toContain('<legend>Matrix filtern und sortieren</legend>');

    // "Who has no form server": everyone but Aschheim, whether recorded as not used or not at all.
    const none = await agent.get('/gebiete/09184?komponente=form-server&status=ohne');
    expect(matrixRows(none.text)).toEqual(names.slice(1));
    expect(none.text).toContain(
      '<strong>Filter:</strong> Formularserver nicht im Einsatz oder nichts erfasst – 5 von 6 Gemeinden.',
    );
    expect(none.text).toContain('<option value="form-server" selected>');
    // Recorded as missing: Baierbrunn only.
    expect(matrixRows((await agent.get('/gebiete/09184?komponente=form-server&status=fehlt')).text)).toEqual([
      'Baierbrunn',
    ]);
    // Larger Gemeinden first, among those with E-Payment in use.
    const sorted = await agent.get(
      '/gebiete/09184?komponente=epayment&status=im-einsatz&sortierung=einwohner-absteigend',
    );
    expect(matrixRows(sorted.text)).toEqual(['Garching', 'Aschheim', 'Feldkirchen', 'Baierbrunn']);
    // By operator, whichever component.
    const kdo = /<option value="(\d+)">KDO<\/option>/.exec(all.text)?.[1];
    expect(kdo).toBeDefined();
    expect(matrixRows((await agent.get(`/gebiete/09184?betreiber=${kdo}`)).text)).toEqual(names.slice(0, 4));
    // Unknown values are ignored rather than failing the page.
    const odd = await agent.get('/gebiete/09184?komponente=gibt-es-nicht&status=%3Cx%3E&sortierung=x');
    expect(odd.status).toBe(200);
    expect(matrixRows(odd.text)).toEqual(names);
    expect(odd.text).not.toContain('<strong>Filter:</strong>');
  });

  it('spreads the strongest suggestions over the components instead of filling them with one', async () => {
    const report = await buildOpportunitiesReport(t.dataSource.manager, '09184', { strongest: 2 });
    expect(report.opportunities.map((o) => o.component).sort()).toEqual(['epayment', 'form-server']);
    const form = report.opportunities.find((o) => o.component === 'form-server');
    expect(form?.operator?.name).toBe('Formular GmbH');
    // The biggest Gemeinde without a form server (Haar) comes first among the form-server suggestions.
    expect(form?.municipality.name).toBe('Haar');
    // The summary still counts every gap with an operator to share.
    expect(report.summary.gapsWithOperatorSuggestion).toBe(7);
  });

  it('can show the suggestions as one compact table grouped by component, each row saying what differs', async () => {
    const report = await buildOpportunitiesReport(t.dataSource.manager, '09184', { strongest: 25 });
    const table = opportunitiesTable(report.opportunities).value;
    const groups = [...table.matchAll(/<th scope="rowgroup" colspan="6">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(groups.sort()).toEqual(['E-Payment', 'Formularserver']);
    expect(table).toContain('7 in 2 Komponenten');
    // Haar (24.000, nothing recorded) could share Formular GmbH, which serves Aschheim (9.000).
    expect(table).toMatch(
      /<a href="\/kommunen\/09184114">Haar<\/a><\/th>\s*<td class="num">24.000<\/td><td>nichts erfasst<\/td><td>Formular GmbH <span class="meta">\(privatwirtschaftlicher Dienstleister\)<\/span><\/td>\s*<td>1 von 6 im Kreis<\/td><td class="num">9.000<\/td>/,
    );
    // KDO serves four Gemeinden with 9.000 + 3.000 + 7.000 + 18.000 people.
    expect(table).toMatch(/<td>4 von 6 im Kreis<\/td><td class="num">37.000<\/td>/);
  });

  it('prints a matrix of up to 60 Gemeinden, and for more the totals with a note where the full matrix is', async () => {
    const report = await buildLandscapeReport(t.dataSource.manager, '09184');
    const short = filteredMatrix(report, {}, '09184').value;
    expect(short).not.toContain('Matrix nicht gedruckt');
    expect(short).not.toContain('<div class="no-print">');
    const many = Array.from({ length: 61 }, (_, i) => ({ ...report.municipalities[i % 6], key: `0918490${i}` }));
    const long = filteredMatrix({ ...report, municipalities: many }, {}, '09184').value;
    expect(long).toContain('<div class="no-print"><p class="scroll-hint">');
    expect(long).toContain('<strong>Matrix nicht gedruckt:</strong> 61 Gemeinden füllen zu viele Seiten.');
    expect(long).toContain('/api/reports/landscape?area=09184&amp;format=csv');
    // Filtered down to 60 rows or fewer, it prints again.
    const filtered = filteredMatrix(
      { ...report, municipalities: many },
      { komponente: 'form-server', status: 'fehlt' },
      '09184',
    );
    expect(filtered.value).not.toContain('Matrix nicht gedruckt');
  });

  it('takes items from sorted lists in turns, strongest list first', () => {
    const byValue = (a: number, b: number) => a - b;
    expect(takeInTurns([[5, 6, 7], [1, 2, 3, 4], [9]], 5, byValue)).toEqual([1, 5, 9, 2, 6]);
    expect(
      takeInTurns(
        [
          [5, 6],
          [1, 2],
        ],
        10,
        byValue,
      ),
    ).toEqual([1, 5, 2, 6]);
    expect(takeInTurns([[], [3]], 0, byValue)).toEqual([]);
  });
});
