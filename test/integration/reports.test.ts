import ExcelJS from 'exceljs';
import request from 'supertest';
import { ComponentRecord, InventoryConfirmation, type Operator } from '../../entities';
import { cliPrincipal } from '../../lib/principal';
import { buildBenchmarkReport } from '../../reports/benchmark/report';
import { buildFragmentationReport } from '../../reports/fragmentation/report';
import { buildKreisOverview } from '../../reports/kreis-overview/report';
import { buildLandscapeReport } from '../../reports/landscape/report';
import { buildOpportunitiesReport, byStrength, takeInTurns } from '../../reports/opportunities/report';
import { DEMO_NOTE } from '../../reports/common/wording';
import { confirmInventory } from '../../services/confirmation.service';
import type { ComponentStatus } from '../../lib/vocabulary';
import { componentsByCode } from '../../services/component.service';
import { makeOperator, makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * A small, realistic area: Baden-Württemberg with the Landkreise Esslingen (5 Gemeinden, one
 * without data) and Böblingen (4 Gemeinden, one with stale data), operators of every type.
 */
describe('reports API', () => {
  let t: TestApp;
  let reader: string;
  const op: Record<string, Operator> = {};
  const twoYearsAgo = new Date(Date.now() - 2 * 365 * 86_400_000);

  async function record(
    ags: string,
    code: string,
    status: ComponentStatus,
    operator: Operator | null,
    product: string | null = null,
    updatedAt = new Date(),
  ) {
    const region = await t.dataSource.getRepository('Region').findOneByOrFail({ key: ags });
    const component = (await componentsByCode(t.dataSource.manager)).get(code);
    await t.dataSource.getRepository(ComponentRecord).insert({
      regionId: (region as { id: number }).id,
      componentId: component?.id,
      status,
      operatorId: operator?.id ?? null,
      product,
      source: 'api',
      updatedAt,
    });
  }

  async function buildArea(): Promise<void> {
    await makeRegion(t.dataSource, '08', { name: 'Baden-Württemberg' });
    await makeRegion(t.dataSource, '081', { name: 'Reg.-Bez. Stuttgart' });
    await makeRegion(t.dataSource, '08116', { name: 'Esslingen', typeLabel: 'Landkreis' });
    await makeRegion(t.dataSource, '08115', { name: 'Böblingen', typeLabel: 'Landkreis' });
    const gemeinden: [string, string, number][] = [
      ['08116019', 'Esslingen am Neckar, Stadt', 94_000],
      ['08116015', 'Denkendorf', 11_000],
      ['08116006', 'Altbach', 6_200],
      ['08116004', 'Aichwald', 7_600],
      ['08116008', 'Baltmannsweiler', 5_700],
      ['08115010', 'Böblingen, Stadt', 51_000],
      ['08115045', 'Sindelfingen, Stadt', 64_000],
      ['08115001', 'Aidlingen', 9_200],
      ['08115002', 'Altdorf', 4_700],
    ];
    for (const [key, name, population] of gemeinden) await makeRegion(t.dataSource, key, { name, population });
    await makeRegion(t.dataSource, '08116999', {
      name: 'Gemeindefreies Gebiet (Test)',
      population: null,
      isUnincorporated: true,
    });

    op.komm = await makeOperator(t.dataSource, { name: 'Komm.ONE', type: 'municipal-provider' });
    op.ownEsslingen = await makeOperator(t.dataSource, { name: 'Eigene IT: Esslingen am Neckar', type: 'own-it' });
    op.ownBoeblingen = await makeOperator(t.dataSource, { name: 'Eigene IT: Böblingen', type: 'own-it' });
    op.ownAltbach = await makeOperator(t.dataSource, { name: 'Eigene IT: Altbach', type: 'own-it' });
    op.ownAidlingen = await makeOperator(t.dataSource, { name: 'Eigene IT: Aidlingen', type: 'own-it' });
    op.app = await makeOperator(t.dataSource, { name: 'AppWerk GmbH', type: 'private-provider' });
    op.land = await makeOperator(t.dataSource, { name: 'Land Baden-Württemberg (service-bw)', type: 'state' });
    op.bund = await makeOperator(t.dataSource, { name: 'Bund (BundID)', type: 'federal' });

    await record('08116019', 'form-server', 'in-use', op.komm, 'Form-Solutions');
    await record('08116019', 'epayment', 'in-use', op.ownEsslingen, 'ePayBL');
    await record('08116019', 'search', 'in-use', op.ownEsslingen);
    await record('08116019', 'service-account', 'in-use', op.bund, 'BundID');
    await record('08116019', 'mobile-app', 'in-use', op.app, '=1+2');
    await record('08116015', 'form-server', 'in-use', op.komm, 'Form-Solutions');
    await record('08116015', 'epayment', 'in-use', op.komm, 'ePayBL');
    await record('08116015', 'search', 'in-use', op.komm);
    await record('08116006', 'form-server', 'in-use', op.komm, 'Form-Solutions');
    await record('08116006', 'epayment', 'planned', null);
    await record('08116006', 'search', 'in-use', op.ownAltbach);
    await record('08116004', 'epayment', 'not-used', null);
    for (const [code, operator, product] of [
      ['form-server', op.ownBoeblingen, 'KoFoS'],
      ['epayment', op.komm, null],
      ['search', op.komm, null],
      ['chatbot', op.app, null],
    ] as const) {
      await record('08115010', code, 'in-use', operator, product, twoYearsAgo);
    }
    await record('08115045', 'form-server', 'in-use', op.komm, 'form-solutions ');
    await record('08115045', 'epayment', 'in-use', op.komm);
    await record('08115045', 'service-account', 'in-use', op.land, 'service-bw');
    await record('08115001', 'form-server', 'in-use', op.komm, 'cit intelliForm');
    await record('08115001', 'search', 'in-use', op.ownAidlingen);
    await record('08115002', 'form-server', 'in-use', op.komm);
    await record('08115002', 'search', 'in-use', null);
    await record('08116', 'form-server', 'in-use', op.komm, 'Form-Solutions');
  }

  beforeAll(async () => {
    t = await createTestApp();
    await buildArea();
    reader = await t.bearer('reader');
  });
  afterAll(() => t.close());

  const get = (path: string) => request(t.app).get(path).set('Authorization', reader);

  describe('landscape', () => {
    it('shows a Kreis as a matrix of its Gemeinden, the Landkreis’s own records apart, with totals', async () => {
      const res = await get('/api/reports/landscape?area=08116');
      expect(res.status).toBe(200);
      expect(res.body.area).toEqual({
        key: '08116',
        kind: 'kreis',
        name: 'Esslingen',
        label: 'Landkreis Esslingen',
        municipalityCount: 5,
        population: 124_500,
      });
      expect(res.body.municipalities.map((m: { key: string }) => m.key)).toEqual([
        '08116004',
        '08116006',
        '08116008',
        '08116015',
        '08116019',
      ]);
      const esslingen = res.body.municipalities.find((m: { key: string }) => m.key === '08116019');
      expect(esslingen.inUseCount).toBe(5);
      expect(esslingen.cells['form-server']).toMatchObject({
        status: 'in-use',
        statusLabel: 'im Einsatz',
        operator: {
          id: op.komm.id,
          name: 'Komm.ONE',
          type: 'municipal-provider',
          typeLabel: 'kommunaler IT-Dienstleister',
        },
        product: 'Form-Solutions',
      });
      expect(esslingen.cells.chatbot).toBeNull();
      expect(res.body.administrations).toHaveLength(1);
      expect(res.body.administrations[0]).toMatchObject({ key: '08116', level: 'kreis', inUseCount: 1 });
      const formServer = res.body.componentTotals.find((c: { component: string }) => c.component === 'form-server');
      expect(formServer.counts).toEqual({
        'in-use': 3,
        planned: 0,
        'not-used': 0,
        retired: 0,
        unknown: 0,
        'not-recorded': 2,
      });
      const epayment = res.body.componentTotals.find((c: { component: string }) => c.component === 'epayment');
      expect(epayment.counts).toMatchObject({ 'in-use': 2, planned: 1, 'not-used': 1, 'not-recorded': 1 });
      expect(res.body.operatorTotals[0]).toMatchObject({
        operator: { name: 'Komm.ONE' },
        municipalities: 3,
        inUse: 5,
        components: { 'form-server': 3, epayment: 1, search: 1 },
      });
      expect(res.body.notes.join(' ')).toMatch(/Kreisen und Gemeindeverbänden.*gesondert/);
    });

    it('covers an operator’s service area: the Gemeinden with at least one of its records', async () => {
      const res = await get(`/api/reports/landscape?area=operator:${op.komm.id}`);
      expect(res.status).toBe(200);
      expect(res.body.area).toMatchObject({
        kind: 'operator',
        label: 'Versorgungsgebiet Komm.ONE',
        municipalityCount: 7,
      });
      expect(res.body.municipalities.map((m: { key: string }) => m.key)).not.toContain('08116004');
      expect(res.body.administrations.map((a: { key: string }) => a.key)).toEqual(['08116']);
    });

    it('downloads CSV for German Excel: BOM, semicolons, German headers, neutralised formulas', async () => {
      const res = await get('/api/reports/landscape?area=08116&format=csv').buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename=Komponentenlandschaft_Landkreis-Esslingen_\d{4}-\d{2}-\d{2}\.csv$/,
      );
      const text: string = res.text;
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const lines = text.slice(1).split('\r\n');
      expect(
        lines[0].startsWith(
          'Ebene;Schlüssel;Name;Einwohner;Komponenten im Einsatz;Formularserver: Status;Formularserver: Betreiber',
        ),
      ).toBe(true);
      const esslingen = lines.find((l) => l.startsWith('Gemeinde;08116019;')) as string;
      expect(esslingen).toContain(
        'Esslingen am Neckar, Stadt;94000;5;im Einsatz;Komm.ONE;kommunaler IT-Dienstleister;Form-Solutions',
      );
      expect(esslingen).toContain(";'=1+2;");
      expect(lines.some((l) => l.startsWith('Kreis;08116;'))).toBe(true);
    });

    it('downloads XLSX that reads back with exceljs: bold frozen header, numbers as numbers, neutralised text', async () => {
      const res = await get('/api/reports/landscape?area=08116&format=xlsx')
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename=Komponentenlandschaft_Landkreis-Esslingen_[\d-]+\.xlsx$/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ExcelJS.Buffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        'Matrix',
        'Summen je Komponente',
        'Summen je Betreiber',
        'Hinweise',
      ]);
      const sheet = workbook.getWorksheet('Matrix') as ExcelJS.Worksheet;
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      const header = sheet.getRow(1).values as unknown[];
      const row = sheet.getRows(2, sheet.rowCount - 1)?.find((r) => r.getCell(2).value === '08116019') as ExcelJS.Row;
      expect(row.getCell(header.indexOf('Einwohner')).value).toBe(94_000);
      expect(row.getCell(header.indexOf('Mobile App: Produkt')).value).toBe("'=1+2");
    });
  });

  describe('per-Kreis overview (large areas)', () => {
    it('summarises each Kreis: share in use among Gemeinden with data, the dominant operator type', async () => {
      const overview = await buildKreisOverview(t.dataSource.manager, '08');
      expect(overview.kreise.map((k) => [k.key, k.label, k.municipalities, k.withData])).toEqual([
        ['08115', 'Landkreis Böblingen', 4, 4],
        ['08116', 'Landkreis Esslingen', 5, 4],
      ]);
      const [boeblingen, esslingen] = overview.kreise;
      expect(esslingen.cells['form-server']).toEqual({
        inUse: 3,
        share: 75,
        dominantType: 'municipal-provider',
        dominantTypeLabel: 'kommunaler IT-Dienstleister',
        dominantCount: 3,
        demo: false,
      });
      // Böblingen's search: Komm.ONE, own IT, no operator recorded – one each; the first type wins the tie.
      expect(boeblingen.cells.search).toMatchObject({ inUse: 3, share: 75, dominantType: 'own-it', dominantCount: 1 });
      expect(boeblingen.cells['de-mail']).toMatchObject({ inUse: 0, share: 0, dominantType: null });
      // The same totals as the full matrix, from two aggregate queries.
      const landscape = await buildLandscapeReport(t.dataSource.manager, '08');
      expect(overview.componentTotals).toEqual(landscape.componentTotals);
      expect(overview.demoData).toBe(false);
    });
  });

  describe('fragmentation', () => {
    it('counts operators and products per component and highlights small Gemeinden running it alone', async () => {
      const res = await get('/api/reports/fragmentation?area=08');
      expect(res.status).toBe(200);
      expect(res.body.smallPopulation).toBe(10_000);
      const byCode = (code: string) => res.body.components.find((c: { component: string }) => c.component === code);
      expect(byCode('form-server')).toMatchObject({
        municipalitiesInUse: 7,
        populationInUse: 240_100,
        operatorCount: 2,
        productCount: 3,
        smallInUse: 3,
        smallSeparate: { municipalities: 0, population: 0 },
        highlighted: false,
        administrationsInUse: 1,
      });
      expect(byCode('form-server').operators[0]).toMatchObject({ operator: { name: 'Komm.ONE' }, municipalities: 6 });
      expect(byCode('form-server').products).toEqual([
        { product: 'Form-Solutions', municipalities: 4, population: 175_200 },
        { product: 'KoFoS', municipalities: 1, population: 51_000 },
        { product: 'cit intelliForm', municipalities: 1, population: 9_200 },
      ]);
      expect(res.body.demoData).toBe(false);
      expect(byCode('form-server').demoRecords).toBe(0);
      expect(byCode('search')).toMatchObject({
        municipalitiesInUse: 6,
        operatorCount: 4,
        smallInUse: 3,
        smallSeparate: { municipalities: 3, population: 20_100 },
        highlighted: true,
      });
      expect(byCode('search').assessment).toMatch(
        /^Auffällig – Suchfunktion: 6 Gemeinden .* 3 Gemeinden unter 10\.000 Einwohnern \(zusammen 20\.100 Einwohner\) betreiben die Komponente jeweils für sich allein\.$/,
      );
    });

    it('exports the population served per product: a column in the CSV, a sheet in the XLSX', async () => {
      const csv = await get('/api/reports/fragmentation?area=08&format=csv').buffer(true);
      const lines = csv.text.slice(1).split('\r\n');
      expect(lines[0]).toMatch(/;Einschätzung;Produkte \(Gemeinden, Einwohner\);davon Demodaten \(erfunden\)$/);
      const formServer = lines.find((l) => l.startsWith('Formularserver;')) as string;
      expect(formServer).toContain(
        ';"Form-Solutions (4 Gemeinden, 175.200 Einwohner); KoFoS (1 Gemeinde, 51.000 Einwohner); ' +
          'cit intelliForm (1 Gemeinde, 9.200 Einwohner)";0',
      );
      const xlsx = await get('/api/reports/fragmentation?area=08&format=xlsx')
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
      const sheet = workbook.getWorksheet('Produkte je Komponente') as ExcelJS.Worksheet;
      expect(sheet.getRow(1).values).toEqual([undefined, 'Komponente', 'Produkt', 'Gemeinden', 'Einwohner']);
      expect(sheet.getRow(2).values).toEqual([undefined, 'Formularserver', 'Form-Solutions', 4, 175_200]);
    });

    it('takes the small-municipality threshold from the query', async () => {
      const res = await get('/api/reports/fragmentation?area=08&smallPopulation=5000');
      const search = res.body.components.find((c: { component: string }) => c.component === 'search');
      expect(search).toMatchObject({
        smallInUse: 1,
        smallSeparate: { municipalities: 1, population: 4_700 },
        highlighted: false,
      });
    });
  });

  describe('opportunities', () => {
    it('suggests the operator that already serves most neighbours, with a German reason', async () => {
      const res = await get('/api/reports/opportunities?area=08116');
      expect(res.status).toBe(200);
      // 5 Gemeinden × 8 proposable components (De-Mail is never a gap) minus what is in use.
      expect(res.body.summary).toMatchObject({ gaps: 30 });
      expect(res.body.opportunities.map((o: { component: string }) => o.component)).not.toContain('de-mail');
      const forAichwald = res.body.opportunities.filter(
        (o: { municipality: { key: string } }) => o.municipality.key === '08116004',
      );
      const formServer = forAichwald.filter((o: { component: string }) => o.component === 'form-server');
      expect(formServer).toHaveLength(1);
      expect(formServer[0]).toMatchObject({
        status: 'not-recorded',
        rank: 1,
        kind: 'operator',
        service: null,
        operator: { name: 'Komm.ONE' },
        scope: 'kreis',
        servedInKreis: 3,
        kreisMunicipalities: 5,
        populationServedInKreis: 111_200,
        servedInLand: 6,
      });
      expect(formServer[0].reason).toBe(
        'Komm.ONE betreibt den Formularserver bereits für 3 von 5 Gemeinden im Landkreis Esslingen ' +
          '(zusammen 111.200 Einwohner); Aichwald hat keinen Formularserver (nichts erfasst).',
      );
      // Federal and Land operators are services to connect to, not operators serving some neighbours
      // (no connectable services are loaded here, so the operators' names stand for them).
      const account = forAichwald.filter((o: { component: string }) => o.component === 'service-account');
      expect(
        account.map((o: { rank: number; kind: string; service: unknown; operator: { name: string } }) => [
          o.rank,
          o.kind,
          o.service,
          o.operator.name,
        ]),
      ).toEqual([
        [1, 'connect', null, 'Bund (BundID)'],
        [2, 'connect', null, 'Land Baden-Württemberg (service-bw)'],
      ]);
      expect(account[0]).toMatchObject({ scope: 'land', servedInKreis: 1, servedInLand: 1 });
      expect(account[1].reason).toBe(
        'Aichwald hat kein Servicekonto (nichts erfasst): an das Angebot von Land Baden-Württemberg (service-bw) ' +
          'anschließen (Landeslösung, für jede Kommune in Baden-Württemberg).',
      );
      const planned = res.body.opportunities.find(
        (o: { municipality: { key: string }; component: string }) =>
          o.municipality.key === '08116006' && o.component === 'epayment',
      );
      expect(planned).toMatchObject({ status: 'planned', statusLabel: 'geplant', operator: { name: 'Komm.ONE' } });
      expect(planned.reason).toMatch(/Altbach hat kein E-Payment \(erst geplant\)\.$/);
      const types = res.body.opportunities.map((o: { operator: { type: string } | null }) => o.operator?.type);
      expect(types).not.toContain('own-it');
      expect(
        res.body.opportunities.filter(
          (o: { kind: string; operator: { type: string } }) =>
            o.kind === 'operator' && ['federal', 'state'].includes(o.operator.type),
        ),
      ).toEqual([]);
      expect(res.body.consolidation).toEqual([]);
    });

    it('lists consolidation candidates where one operator already serves most', async () => {
      const res = await get('/api/reports/opportunities?area=08&candidates=1');
      expect(res.status).toBe(200);
      expect(res.body.candidatesPerGap).toBe(1);
      expect(
        res.body.consolidation.map(
          (c: { scope: string; region: { key: string }; component: string }) =>
            `${c.scope} ${c.region.key} ${c.component}`,
        ),
      ).toEqual(['kreis 08115 form-server', 'land 08 form-server', 'land 08 epayment']);
      expect(res.body.consolidation[0]).toMatchObject({
        municipalitiesInUse: 4,
        operatorCount: 2,
        leaderMunicipalities: 3,
        leaderShare: 0.75,
      });
      expect(res.body.consolidation[0].reason).toBe(
        'Im Landkreis Böblingen nutzen 4 Gemeinden den Formularserver, betrieben von 2 verschiedenen Betreibern; ' +
          'Komm.ONE versorgt davon bereits 3 (75 %). Die übrige Gemeinde könnte sich ihm anschließen.',
      );
    });

    it('keeps only the strongest best operator suggestions when asked, with the summary of all', async () => {
      const all = await buildOpportunitiesReport(t.dataSource.manager, '08');
      const strongest = await buildOpportunitiesReport(t.dataSource.manager, '08', { strongest: 4 });
      // The best neighbours' operator of each gap; services to connect to are summed up in connectOptions.
      const firstOperator = all.opportunities.filter(
        (o, i, list) =>
          o.kind === 'operator' &&
          list.findIndex(
            (p) => p.kind === 'operator' && p.municipality.key === o.municipality.key && p.component === o.component,
          ) === i,
      );
      // Spread over the components in turns (issue 14): the best of each component first.
      const byComponent = new Map<string, typeof firstOperator>();
      for (const o of [...firstOperator].sort(byStrength)) {
        byComponent.set(o.component, [...(byComponent.get(o.component) ?? []), o]);
      }
      expect(strongest.opportunities).toEqual(takeInTurns([...byComponent.values()], 4, byStrength));
      expect(new Set(strongest.opportunities.map((o) => o.component)).size).toBe(Math.min(4, byComponent.size));
      expect(all.summary.gapsWithOperatorSuggestion).toBe(firstOperator.length);
      expect(strongest.summary).toEqual(all.summary);
      expect(strongest.opportunities[0]).toMatchObject({ scope: 'kreis', servedInKreis: 3 });
      expect((await buildOpportunitiesReport(t.dataSource.manager, '08', { strongest: 0 })).opportunities).toEqual([]);
    });

    it('downloads the suggestions as CSV with the reason column', async () => {
      const res = await get('/api/reports/opportunities?area=08116&format=csv').buffer(true);
      expect(res.status).toBe(200);
      const lines = res.text.slice(1).split('\r\n');
      expect(lines[0]).toBe(
        'AGS;Gemeinde;Einwohner;Komponente;Stand;Rang;Betreiber;Betreibertyp;Ebene;versorgte Gemeinden im Kreis;Gemeinden im Kreis;' +
          'versorgte Einwohner im Kreis;versorgte Gemeinden im Land;versorgte Einwohner im Land;Begründung;' +
          'Demodaten (erfunden);Art;Dienst;Dienstart;erfasster Anschluss',
      );
      expect(res.headers['content-disposition']).toMatch(/filename=Chancen_Landkreis-Esslingen_/);
      // Umlauts in the file name travel as RFC 5987 filename* with an ASCII fallback.
      const boeblingen = await get('/api/reports/opportunities?area=08115&format=csv');
      expect(boeblingen.headers['content-disposition']).toMatch(
        /^attachment; filename="Chancen_Landkreis-B\?blingen_[\d-]+\.csv"; filename\*=UTF-8''Chancen_Landkreis-B%C3%B6blingen_[\d-]+\.csv$/,
      );
    });
  });

  describe('benchmark', () => {
    it('compares with the survey over Gemeinden with data and counts missing and stale data', async () => {
      const res = await get('/api/reports/benchmark?area=08');
      expect(res.status).toBe(200);
      expect(res.body.survey.figures).toMatchObject({
        none: { value: 16, derived: false },
        oneToTwo: { value: 32, derived: false },
        threePlus: { value: 52, derived: true },
      });
      expect(res.body.total).toMatchObject({
        municipalities: 9,
        withData: 8,
        noData: 1,
        stale: 1,
        none: 1,
        oneToTwo: 3,
        threePlus: 4,
        wellPositioned: 4,
        shares: { none: 12.5, oneToTwo: 37.5, threePlus: 50 },
      });
      expect(
        res.body.byKreis.map((k: { key: string; shares: unknown; stale: number; noData: number }) => [
          k.key,
          k.shares,
          k.stale,
          k.noData,
        ]),
      ).toEqual([
        ['08115', { none: 0, oneToTwo: 50, threePlus: 50 }, 1, 0],
        ['08116', { none: 25, oneToTwo: 25, threePlus: 50 }, 0, 1],
      ]);
      expect(res.body.byLand).toEqual([]);
      // KGSt size classes: Esslingen, Böblingen, Sindelfingen in GK 4 (one stale), Denkendorf in
      // GK 6, the five Gemeinden under 10.000 in GK 7 (Baltmannsweiler without data).
      expect(
        res.body.bySizeClass.map((r: { key: string; municipalities: number; withData: number; shares: unknown }) => [
          r.key,
          r.municipalities,
          r.withData,
          r.shares,
        ]),
      ).toEqual([
        ['gk1', 0, 0, null],
        ['gk2', 0, 0, null],
        ['gk3', 0, 0, null],
        ['gk4', 3, 3, { none: 0, oneToTwo: 0, threePlus: 100 }],
        ['gk5', 0, 0, null],
        ['gk6', 1, 1, { none: 0, oneToTwo: 0, threePlus: 100 }],
        ['gk7', 5, 4, { none: 25, oneToTwo: 75, threePlus: 0 }],
      ]);
      expect(res.body.bySizeClass[3]).toMatchObject({ scope: 'sizeClass', stale: 1, threePlus: 3 });
      const search = res.body.operatorTypes.find((o: { component: string }) => o.component === 'search');
      expect(search.inUse).toBe(6);
      expect(search.types['own-it']).toEqual({ count: 3, share: 50 });
      expect(search.types.unknown).toEqual({ count: 1, share: 16.7 });
      expect(res.body.summary).toMatch(
        /^Von 9 Gemeinden in Baden-Württemberg haben 8 Angaben \(1 ohne Angaben, 1 seit mehr als 12 Monaten/,
      );
    });

    it('takes the stale period from the query', async () => {
      const res = await get('/api/reports/benchmark?area=08115&staleMonths=36');
      expect(res.body.total).toMatchObject({ municipalities: 4, stale: 0 });
      expect(res.body.staleMonths).toBe(36);
    });

    it('downloads CSV with the survey figures beside the area’s (decimal comma)', async () => {
      const res = await get('/api/reports/benchmark?area=08&format=csv').buffer(true);
      const lines = res.text.slice(1).split('\r\n');
      expect(lines[0]).toContain('keine (%);Umfrage 2019: keine (%)');
      expect(lines[0]).toContain('drei oder mehr (%);Umfrage 2019: drei oder mehr (%, abgeleitet)');
      expect(lines[1]).toBe('Gebiet;08;Baden-Württemberg;9;8;1;1;1;3;4;12,5;16;37,5;32;50;52;0');
      // After the Kreise, one row per size class, each beside the survey's total figures.
      expect(lines).toContain('Größenklasse;gk7;GK 7: unter 10.000 Einwohner;5;4;1;0;1;3;0;25;16;75;32;0;52;0');
    });
  });

  describe('stale data and confirmations', () => {
    let s: TestApp;

    beforeAll(async () => {
      s = await createTestApp();
      await makeRegion(s.dataSource, '10', { name: 'Saarland' });
      await makeRegion(s.dataSource, '10041', { name: 'Saarbrücken', typeLabel: 'Regionalverband' });
      const epayment = (await componentsByCode(s.dataSource.manager)).get('epayment');
      const months = (n: number) => new Date(Date.now() - n * 30.5 * 86_400_000);
      for (const [key, updated] of [
        ['10041100', months(20)],
        ['10041111', months(20)],
        ['10041112', months(1)],
      ] as const) {
        const region = await makeRegion(s.dataSource, key);
        await s.dataSource.getRepository(ComponentRecord).insert({
          regionId: region.id,
          componentId: epayment?.id,
          status: 'in-use',
          source: 'api',
          updatedAt: updated,
        });
      }
      // 10041100: confirmed through the service ("Daten vollständig bestätigen") just now;
      // 10041111: confirmed, but 14 months ago – that does not make old data current.
      await confirmInventory(s.dataSource, { key: '10041100', actor: { principal: cliPrincipal(), requestId: null } });
      const old = await s.dataSource.getRepository('Region').findOneByOrFail({ key: '10041111' });
      await s.dataSource.getRepository(InventoryConfirmation).insert({
        regionId: (old as { id: number }).id,
        confirmedAt: months(14),
        confirmedBy: 'Test',
        landscapeEtag: 'x',
      });
    });
    afterAll(() => s.close());

    it('counts data as current when the last change or the last confirmation is recent', async () => {
      const res = await request(s.app)
        .get('/api/reports/benchmark?area=10041&format=csv')
        .set('Authorization', await s.bearer('reader'));
      const lines = res.text.slice(1).split('\r\n');
      // Gebiet;Schlüssel;Name;Gemeinden;mit Angaben;ohne Angaben;veraltet …
      expect(lines[1].split(';').slice(3, 7)).toEqual(['3', '3', '0', '1']);
      const report = await buildBenchmarkReport(s.dataSource.manager, '10041');
      expect(report.total).toMatchObject({ withData: 3, stale: 1 });
      expect(report.notes.join(' ')).toMatch(/als vollständig und aktuell bestätigt/);
      const longer = await buildBenchmarkReport(s.dataSource.manager, '10041', { staleMonths: 15 });
      expect(longer.total.stale).toBe(0);
      const shorter = await buildBenchmarkReport(s.dataSource.manager, '10041', {
        staleMonths: 12,
        now: new Date(Date.now() + 13 * 30.5 * 86_400_000),
      });
      expect(shorter.total.stale).toBe(3);
    });
  });

  describe('demo data', () => {
    let d: TestApp;
    let ego: Operator;

    beforeAll(async () => {
      d = await createTestApp();
      await makeRegion(d.dataSource, '10', { name: 'Saarland' });
      await makeRegion(d.dataSource, '10041', { name: 'Saarbrücken', typeLabel: 'Regionalverband' });
      // A real reference operator, as `demo load` reuses it for the Land's demo records.
      ego = await makeOperator(d.dataSource, {
        name: 'eGo-Saar',
        type: 'municipal-provider',
        origin: 'reference',
        landKeys: ['10'],
      });
      const catalogue = await componentsByCode(d.dataSource.manager);
      const insert = async (key: string, code: string, source: 'demo' | 'api', product: string | null) => {
        const region = await d.dataSource.getRepository('Region').findOneByOrFail({ key });
        await d.dataSource.getRepository(ComponentRecord).insert({
          regionId: (region as { id: number }).id,
          componentId: catalogue.get(code)?.id,
          status: 'in-use',
          operatorId: ego.id,
          product,
          source,
        });
      };
      await makeRegion(d.dataSource, '10041100', { name: 'Saarbrücken, Landeshauptstadt', population: 180_000 });
      await makeRegion(d.dataSource, '10041111', { name: 'Friedrichsthal, Stadt', population: 10_000 });
      await makeRegion(d.dataSource, '10041112', { name: 'Großrosseln', population: 8_000 });
      await insert('10041100', 'form-server', 'demo', 'Form-Solutions');
      await insert('10041100', 'epayment', 'demo', 'ePayBL');
      await insert('10041111', 'epayment', 'api', 'ePayBL');
    });
    afterAll(() => d.close());

    it('flags demo cells, rows and whole reports, and says the assignment of real operators is invented', async () => {
      const landscape = await buildLandscapeReport(d.dataSource.manager, '10041');
      expect(landscape.demoData).toBe(true);
      expect(landscape.notes[0]).toBe(DEMO_NOTE);
      expect(landscape.notes[0]).toMatch(/echte Betreiber .* Zuordnung zu Gemeinden erfunden/);
      const [saarbruecken, friedrichsthal] = landscape.municipalities;
      expect(saarbruecken.cells['form-server']).toMatchObject({ demo: true, operator: { name: 'eGo-Saar' } });
      expect(friedrichsthal.cells.epayment).toMatchObject({ demo: false, operator: { name: 'eGo-Saar' } });

      const csv = await request(d.app)
        .get('/api/reports/landscape?area=10041&format=csv')
        .set('Authorization', await d.bearer('reader'))
        .buffer(true);
      const lines = csv.text.slice(1).split('\r\n');
      expect(lines[0]).toMatch(/;Demodaten \(erfunden\)$/);
      expect(lines.find((l) => l.startsWith('Gemeinde;10041100;'))).toMatch(/;ja$/);
      expect(lines.find((l) => l.startsWith('Gemeinde;10041111;'))).toMatch(/;nein$/);
    });

    it('marks suggestions and candidates that rest on demo data, in JSON, CSV and the sentence', async () => {
      const report = await buildOpportunitiesReport(d.dataSource.manager, '10041');
      expect(report.demoData).toBe(true);
      const forGrossrosseln = report.opportunities.filter((o) => o.municipality.key === '10041112');
      const formServer = forGrossrosseln.find((o) => o.component === 'form-server');
      expect(formServer).toMatchObject({ demo: true, operator: { name: 'eGo-Saar' }, servedInKreis: 1 });
      expect(formServer?.reason).toMatch(
        /\(nichts erfasst\)\. Achtung, Demodaten: .*Zuordnung der Betreiber ist erfunden\.$/,
      );
      // Real and demo records mixed: the suggestion still rests partly on invented data.
      expect(forGrossrosseln.find((o) => o.component === 'epayment')?.demo).toBe(true);
      const csv = await request(d.app)
        .get('/api/reports/opportunities?area=10041&format=csv')
        .set('Authorization', await d.bearer('reader'))
        .buffer(true);
      expect(csv.text.slice(1).split('\r\n')[1]).toMatch(/;ja;Betreiber mitnutzen;;;$/);

      const fragmentation = await buildFragmentationReport(d.dataSource.manager, '10041');
      const epayment = fragmentation.components.find((c) => c.component === 'epayment');
      expect(epayment).toMatchObject({ municipalitiesInUse: 2, demoRecords: 1 });
      expect(epayment?.products).toEqual([{ product: 'ePayBL', municipalities: 2, population: 190_000 }]);
      expect(fragmentation.notes[0]).toBe(DEMO_NOTE);

      const benchmark = await buildBenchmarkReport(d.dataSource.manager, '10041');
      expect(benchmark.total).toMatchObject({ withData: 2, demoMunicipalities: 1 });
      expect(benchmark.summary).toMatch(/Die Angaben von 1 Gemeinde davon sind Demodaten/);
    });

    it('says nothing about demo data where there is none', async () => {
      const real = await buildOpportunitiesReport(t.dataSource.manager, '08');
      expect(real.demoData).toBe(false);
      expect(real.notes).not.toContain(DEMO_NOTE);
      expect(real.opportunities.some((o) => o.demo || o.reason.includes('Demodaten'))).toBe(false);
      expect((await buildBenchmarkReport(t.dataSource.manager, '08')).summary).not.toMatch(/Demodaten/);
    });
  });

  describe('areas and access', () => {
    it('answers 404 for unknown areas and 400 for malformed ones', async () => {
      for (const area of ['99', '08999', '089', `operator:999999`]) {
        const res = await get(`/api/reports/landscape?area=${area}`);
        expect([area, res.status, res.headers['content-type']]).toEqual([
          area,
          404,
          expect.stringContaining('application/problem+json'),
        ]);
      }
      for (const area of ['123456', 'abc', 'operator:x', '']) {
        const res = await get(`/api/reports/opportunities?area=${area}`);
        expect([area, res.status]).toEqual([area, 400]);
      }
      const missing = await get('/api/reports/benchmark');
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ parameter: 'area' })]);
      expect((await get('/api/reports/landscape?area=08&format=pdf')).status).toBe(400);
    });

    it('needs a token (401 without)', async () => {
      for (const kind of ['landscape', 'fragmentation', 'opportunities', 'benchmark']) {
        const res = await request(t.app).get(`/api/reports/${kind}?area=08`);
        expect(res.status).toBe(401);
      }
    });

    it('covers a Regierungsbezirk and all of Germany', async () => {
      const rb = await get('/api/reports/benchmark?area=081');
      expect(rb.body.total).toMatchObject({ municipalities: 9, withData: 8 });
      const de = await get('/api/reports/benchmark?area=DE');
      expect(de.body.area).toMatchObject({ kind: 'germany', label: 'Deutschland', municipalityCount: 9 });
      expect(de.body.byLand.map((l: { key: string }) => l.key)).toEqual(['08']);
    });
  });
});
