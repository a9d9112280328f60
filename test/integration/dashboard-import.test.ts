/**
 * The federal OZG dashboard's data API as delivered (test/fixtures/dashboard, built from the
 * published `DvDataDto` fields with keys of the shipped reference data): the three records the
 * issue quotes, a paged response, what each value becomes, the gap report under the dashboard
 * rule and under a Reifegrad target, and old ARS that follow their successor.
 */
import request from 'supertest';
import { Offering } from '../../entities';
import { importOfferings } from '../../importers/offerings/offerings.importer';
import { actor, AVERLAK, BUCHHOLZ, buildDashboardWorld, edition2026, fixture } from '../helpers/dashboard-world';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signedInAgent } from '../helpers/web';

const ELTERNGELD_BEWILLIGUNG = '99041006017000';
const PERSONALAUSWEIS = '99008001000000';
const HUNDESTEUER = '99102013000000';

interface Problem {
  severity: string;
  row?: number;
  column?: string;
  pointer?: string;
  detail: string;
}

describe('offerings import: the OZG dashboard data API as delivered', () => {
  let t: TestApp;
  let admin: string;
  let reader: string;

  const post = (body: Buffer, type = 'application/json', dryRun = false) =>
    request(t.app)
      .post(`/api/imports/offerings?dryRun=${dryRun}`)
      .set('Authorization', admin)
      .set('Content-Type', type)
      // A string: superagent would serialise a Buffer sent as JSON as `{ type: 'Buffer', data }`.
      .send(type === 'application/json' ? body.toString('utf8') : body);
  const get = (path: string) => request(t.app).get(path).set('Authorization', reader);
  const offering = async (regionKey: string, schluessel: string) =>
    t.dataSource
      .getRepository(Offering)
      .createQueryBuilder('o')
      .innerJoin('o.leistung', 'l')
      .innerJoin('o.region', 'r')
      .where('r.key = :regionKey AND l.schluessel = :schluessel AND o.source = :source', {
        regionKey,
        schluessel,
        source: 'dashboard',
      })
      .getOne();

  beforeAll(async () => {
    t = await createTestApp();
    await buildDashboardWorld(t.dataSource);
    admin = await t.bearer('admin');
    reader = await t.bearer('reader');
  });
  afterAll(() => t.close());

  it('imports the three records of the issue, one page as delivered, without a problem', async () => {
    const res = await post(fixture('three-records.json'));
    expect(res.body.errors ?? []).toEqual([]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'succeeded',
      problems: [],
      counts: { rows: 3, created: 3, areas: 2 },
      details: { format: 'json', page: { number: 0, totalElements: 3, totalPages: 1, last: true } },
    });
    expect(await offering('01051', ELTERNGELD_BEWILLIGUNG)).toMatchObject({
      status: 'online',
      flaechendeckend: true,
      coverageRaw: 'landesweit flächendeckend',
      maturityLevel: null,
      note: null,
      url: 'https://www.elterngeld-digital.de/ams/Elterngeld/wizardng/FFE7CD?v=1631864309988',
    });
    expect(await offering('01051', PERSONALAUSWEIS)).toMatchObject({ flaechendeckend: true });
    expect(await offering('01051044', HUNDESTEUER)).toMatchObject({
      status: 'online',
      flaechendeckend: false,
      coverageRaw: 'in mind. einer Kommune verfügbar',
    });
  });

  it('re-importing the page changes nothing; the records as a plain array are the same', async () => {
    const again = await post(fixture('three-records.json'));
    expect(again.body).toMatchObject({ status: 'succeeded', unchanged: true, counts: { created: 0, updated: 0 } });
    const content = (JSON.parse(fixture('three-records.json').toString('utf8')) as { content: unknown[] }).content;
    const array = await post(Buffer.from(JSON.stringify(content)));
    expect(array.body).toMatchObject({ status: 'succeeded', unchanged: true, problems: [] });
  });

  it('the gap report counts them under the dashboard rule, not under the Reifegrad target, and says why', async () => {
    const res = await get('/api/reports/gaps?area=01051&target=RGM-1.1:3');
    expect(res.status).toBe(200);
    const row = (ozgId: number) => res.body.ozgLeistungen.find((r: { ozgId: number }) => r.ozgId === ozgId);
    // Elterngeld: the Kreis is the one responsible unit, its offering counts for the dashboard rule.
    expect(row(10000)).toMatchObject({
      responsibleUnits: 1,
      metUnits: 0,
      dashboard: { units: 1, flaechendeckend: true },
    });
    // Personalausweis: the Kreis-wide offering covers every responsible unit of the Kreis.
    const ausweis = row(10119);
    expect(ausweis.responsibleUnits).toBeGreaterThan(1);
    expect(ausweis).toMatchObject({
      metUnits: 0,
      dashboard: { units: ausweis.responsibleUnits, flaechendeckend: true },
    });
    // Hundesteuer: only in Heide.
    expect(row(10160)).toMatchObject({
      metUnits: 0,
      dashboard: { units: 1, flaechendeckend: false, inAtLeastOne: true },
    });
    expect(res.body.totals).toMatchObject({
      metPairs: 0,
      flaechendeckend: 0,
      inAtLeastOne: 0,
      dashboardFlaechendeckend: 2,
      dashboardInAtLeastOne: 3,
    });
    // Online without a Reifegrad: Elterngeld at the Kreis, Hundesteuer in Heide, the Kreis-wide Personalausweis in every unit.
    expect(res.body.totals.onlineWithoutMaturityPairs).toBe(2 + ausweis.responsibleUnits);
    expect(res.body.definitions.join(' ')).toMatch(/Daten des OZG-Dashboards haben keinen Reifegrad/);
    await makeUser(t.dataSource, 'leser', 'reader');
    const agent = await signedInAgent(t.app, 'leser');
    const page = (await agent.get('/gebiete/01051/ozg?ziel=RGM-1.1:3')).text.replace(/\s+/g, ' ');
    expect(page).toContain('<strong>Ohne Reifegrad:</strong>');
    expect(page).toContain('Sie zählen für die Dashboard-Regel, für das Ziel RGM-1.1:3 nicht');
  });

  it('with a Reifegrad from another source the same Leistung meets the target', async () => {
    const before = await get('/api/reports/gaps?area=01051&target=RGM-1.1:3');
    // Heide records the Reifegrad by hand (source manual), beside the dashboard's offering.
    const put = await request(t.app)
      .put(`/api/municipalities/01051044/offerings/${HUNDESTEUER}`)
      .set('Authorization', admin)
      .set('If-None-Match', '*')
      .send({ url: 'https://www.heide.de/hundesteuer', status: 'online', maturity: { model: 'RGM-1.1', level: 3 } });
    expect(put.status).toBe(201);
    const after = await get('/api/reports/gaps?area=01051&target=RGM-1.1:3&ozgId=10160');
    const hundesteuer = after.body.leistungen.find((l: { schluessel: string }) => l.schluessel === HUNDESTEUER);
    expect(hundesteuer).toMatchObject({ onlineUnits: 1, metUnits: 1 });
    expect(after.body.totals.metPairs).toBe(1);
    const all = await get('/api/reports/gaps?area=01051&target=RGM-1.1:3');
    expect(all.body.totals.onlineWithoutMaturityPairs).toBe(before.body.totals.onlineWithoutMaturityPairs - 1);
    expect(after.body.sources.metOfferings).toMatchObject({ manual: 1, dashboard: 0 });
  });

  it('imports a paged response page by page, each value mapped as documented', async () => {
    const first = await post(fixture('page-0.json'));
    expect(first.body).toMatchObject({
      status: 'succeeded',
      // Heide's Hundesteuer came with the three records already, unchanged.
      counts: { rows: 4, created: 3, unchanged: 1 },
      details: { page: { number: 0, size: 4, totalElements: 7, totalPages: 2, last: false } },
    });
    const warnings = first.body.problems as Problem[];
    expect(warnings.map((p) => [p.severity, p.pointer])).toEqual([
      ['warning', '#/content/2/online_status'],
      ['warning', '#/content/3/aktiv'],
    ]);
    // The Land-wide Elterngeld (bundesweit flächendeckend) counts for every Gemeinde of the Land.
    expect(await offering('01', '99041006000000')).toMatchObject({ status: 'online', flaechendeckend: true });
    // online_status „nicht ok“: the link check failed; the offering stays online and is marked.
    expect(await offering('01051011', PERSONALAUSWEIS)).toMatchObject({
      status: 'online',
      note: 'Dashboard: Link nicht funktionsfähig (online_status „nicht ok“).',
    });
    // aktiv „nein“: not online; „nicht in Auswertung berücksichtigt“: not flächendeckend.
    expect(await offering('01051', '99102013002000')).toMatchObject({
      status: 'offline',
      flaechendeckend: false,
      coverageRaw: 'nicht in Auswertung berücksichtigt',
      note: 'Dashboard: OZG-Leistung nicht aktiv (aktiv „nein“).',
    });
    const second = await post(fixture('page-1.json'));
    expect(second.body).toMatchObject({
      status: 'succeeded',
      problems: [],
      counts: { rows: 3, created: 3, updated: 0 },
    });
    expect(second.body.details.page).toMatchObject({ number: 1, last: true });
    const again = await post(fixture('page-0.json'));
    expect(again.body).toMatchObject({ status: 'succeeded', unchanged: true });
  });

  it('a repaired link clears its mark, a note of the file stays', async () => {
    const page = JSON.parse(fixture('page-0.json').toString('utf8'));
    page.content = [{ ...page.content[2], online_status: 'ok' }];
    const res = await importOfferings(t.dataSource, {
      buffer: Buffer.from(JSON.stringify(page)),
      sourceName: 'dashboard page 0',
      actor,
    });
    expect(res).toMatchObject({ status: 'succeeded', counts: { updated: 1 }, problems: [] });
    expect(await offering('01051011', PERSONALAUSWEIS)).toMatchObject({ status: 'online', note: null });
  });

  it('warns on names that do not match the directory, and refuses other JSON objects', async () => {
    const page = JSON.parse(fixture('three-records.json').toString('utf8'));
    page.content = [{ ...page.content[2], ars_name: 'Husum', ars_federal_state: '02', bundesland: 'Hamburg' }];
    const res = await post(Buffer.from(JSON.stringify(page)), 'application/json', true);
    expect(res.body.status).toBe('succeeded');
    expect((res.body.problems as Problem[]).map((p) => [p.severity, p.column, p.detail])).toEqual([
      ['warning', 'ars_name', expect.stringContaining('laut Gemeindeverzeichnis Heide, Stadt (01051044)')],
      ['warning', 'ars_federal_state', expect.stringContaining('Bundeslandcode 02')],
      ['warning', 'bundesland', expect.stringContaining('Land Schleswig-Holstein')],
    ]);
    const other = await post(Buffer.from('{"error":"Internal Server Error","status":500}'), 'application/json', true);
    expect(other.status).toBe(422);
    expect(other.body.errors[0].detail).toContain('Objekt mit „content“');
  });

  it('an old ARS and a retired Gemeinde follow their successor, with a warning per row', async () => {
    await edition2026(t.dataSource);
    const res = await post(fixture('old-ars.json'));
    expect(res.body).toMatchObject({ status: 'succeeded', counts: { rows: 2, created: 2 } });
    expect((res.body.problems as Problem[]).map((p) => [p.severity, p.pointer, p.detail])).toEqual([
      [
        'warning',
        '#/content/0/ars',
        'Der ARS 010515163003 ist veraltet: Averlak (01051003) hat jetzt den ARS 010515166003; das Angebot wird dort gespeichert.',
      ],
      [
        'warning',
        '#/content/1/ars',
        'Brickeln (01051010) wird im aktuellen Gemeindeverzeichnis nicht mehr geführt; das Angebot wird beim ' +
          'Nachfolgegebiet Buchholz (01051012) gespeichert.',
      ],
    ]);
    expect(await offering(AVERLAK, HUNDESTEUER)).toMatchObject({ status: 'online' });
    expect(await offering(BUCHHOLZ, HUNDESTEUER)).toMatchObject({ status: 'online' });
    const again = await post(fixture('old-ars.json'));
    expect(again.body).toMatchObject({ status: 'succeeded', unchanged: true });
  });
});
