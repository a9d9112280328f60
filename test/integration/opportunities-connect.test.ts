import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ComponentRecord, type Operator } from '../../entities';
import { inTransaction } from '../../entities/transaction';
import { ensureConnectableServices } from '../../importers/connectable-services-defaults';
import { REFERENCE_FILES } from '../../importers/reference-data';
import type { ConnectionStatus } from '../../lib/connections';
import { referenceDataDir } from '../../lib/paths';
import { cliPrincipal, SYSTEM_PRINCIPAL } from '../../lib/principal';
import type { ComponentStatus } from '../../lib/vocabulary';
import { buildOpportunitiesReport, type Opportunity } from '../../reports/opportunities/report';
import { componentsByCode } from '../../services/component.service';
import { putConnection } from '../../services/connectable-services';
import { makeOperator, makeRegion } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * Three Gemeinden of the Landkreis München with the shipped connectable services: Garching
 * records BundID as its service account, Grasbrunn the BayernID and a live BundID connection,
 * Haar its own form server and a BundID contract. All three run De-Mail.
 */
describe('opportunities: connect, don’t build', () => {
  let t: TestApp;
  const op: Record<string, Operator> = {};
  const actor = { principal: cliPrincipal(), requestId: null };

  async function record(ags: string, code: string, status: ComponentStatus, operator: Operator) {
    const region = await t.dataSource.getRepository('Region').findOneByOrFail({ key: ags });
    const component = (await componentsByCode(t.dataSource.manager)).get(code);
    await t.dataSource.getRepository(ComponentRecord).insert({
      regionId: (region as { id: number }).id,
      componentId: component?.id,
      status,
      operatorId: operator.id,
      product: null,
      source: 'api',
    });
  }

  const connect = (ags: string, service: string, status: ConnectionStatus) =>
    inTransaction(t.dataSource, (tx) =>
      putConnection(tx, { key: ags, code: service, input: { status }, actor, precondition: {} }),
    );

  beforeAll(async () => {
    t = await createTestApp();
    await ensureConnectableServices(
      t.dataSource,
      { name: 'shipped', buffer: readFileSync(join(referenceDataDir, REFERENCE_FILES.connectableServices)) },
      { principal: SYSTEM_PRINCIPAL, requestId: null },
    );
    await makeRegion(t.dataSource, '09', { name: 'Bayern' });
    await makeRegion(t.dataSource, '09184', { name: 'München', level: 'kreis', typeLabel: 'Landkreis' });
    for (const [key, name, population] of [
      ['09184112', 'Garching b.München, St', 18_000],
      ['09184113', 'Grasbrunn', 7_000],
      ['09184118', 'Haar', 24_000],
    ] as const) {
      await makeRegion(t.dataSource, key, { name, population });
    }
    op.bund = await makeOperator(t.dataSource, { name: 'Bund (BundID)', type: 'federal' });
    op.bayern = await makeOperator(t.dataSource, { name: 'Freistaat Bayern (BayernID)', type: 'state' });
    op.akdb = await makeOperator(t.dataSource, { name: 'AKDB', type: 'municipal-provider' });
    op.telekom = await makeOperator(t.dataSource, { name: 'Telekom', type: 'private-provider' });
    op.haar = await makeOperator(t.dataSource, { name: 'Eigene IT: Haar', type: 'own-it' });

    await record('09184112', 'service-account', 'in-use', op.bund);
    await record('09184112', 'form-server', 'in-use', op.akdb);
    await record('09184112', 'de-mail', 'in-use', op.akdb);
    await record('09184113', 'service-account', 'in-use', op.bayern);
    await record('09184113', 'form-server', 'in-use', op.akdb);
    await record('09184113', 'de-mail', 'in-use', op.akdb);
    await record('09184118', 'form-server', 'in-use', op.haar);
    await record('09184118', 'de-mail', 'in-use', op.telekom);
    await connect('09184113', 'bundid', 'live');
    await connect('09184118', 'bundid', 'contract');
  });
  afterAll(() => t.close());

  const of = (report: { opportunities: Opportunity[] }, ags: string, component: string) =>
    report.opportunities.filter((o) => o.municipality.key === ags && o.component === component);

  it('names BundID, the Organisationskonto and the BayernID as services to connect to, federal first', async () => {
    const report = await buildOpportunitiesReport(t.dataSource.manager, '09184');
    const account = of(report, '09184118', 'service-account');
    expect(account.map((o) => [o.rank, o.kind, o.service?.code, o.operator?.name ?? null, o.connectionStatus])).toEqual(
      [
        [1, 'connect', 'bundid', 'Bund (BundID)', 'contract'],
        [2, 'connect', 'mein-unternehmenskonto', null, null],
        [3, 'connect', 'bayernid', 'Freistaat Bayern (BayernID)', null],
      ],
    );
    expect(account[0].reason).toBe(
      'Haar hat kein Servicekonto (nichts erfasst): an BundID anschließen (Bundesdienst, für jede Kommune in Bayern). ' +
        'Erfasster Anschluss: Vertrag geschlossen.',
    );
    expect(account[0]).toMatchObject({ scope: 'land', servedInKreis: 1, kreisMunicipalities: 3 });
    expect(account[0].reason).not.toMatch(/betreibt|von 3 Gemeinden/);
    const epayment = of(report, '09184118', 'epayment');
    expect(epayment.map((o) => o.service?.code)).toEqual(['epaybl']);
    expect(epayment[0].reason).toBe(
      'Haar hat kein E-Payment (nichts erfasst): an ePayBL (E-Payment Bund-Länder) anschließen ' +
        '(Landesdienst, für jede Kommune in Bayern).',
    );
  });

  it('never proposes De-Mail, and counts no gap that a live connection closes', async () => {
    const report = await buildOpportunitiesReport(t.dataSource.manager, '09184');
    expect(report.opportunities.filter((o) => o.component === 'de-mail')).toEqual([]);
    expect(report.consolidation.map((c) => `${c.scope} ${c.region.key} ${c.component}`)).toEqual([
      'kreis 09184 form-server',
    ]);
    // Garching 6 (E-Payment, eID, Postfach, Suche, App, Chatbot), Grasbrunn 4 (eID and Postfach
    // come through its live BundID connection), Haar 7 (also the service account).
    expect(report.summary.gaps).toBe(17);
    expect(of(report, '09184113', 'eid')).toEqual([]);
    expect(of(report, '09184113', 'mailbox')).toEqual([]);
    expect(report.opportunities.some((o) => o.kind === 'operator' && o.operator?.type === 'federal')).toBe(false);
  });

  it('tells, per service, how many gaps of the area it could close and who is connected', async () => {
    const report = await buildOpportunitiesReport(t.dataSource.manager, '09184');
    const options = Object.fromEntries(
      report.connectOptions.map((c) => [
        c.service.code,
        [c.components.map((k) => k.code).join(' '), c.gaps, c.municipalities, c.connected, c.connecting],
      ]),
    );
    expect(options).toEqual({
      bundid: ['service-account eid mailbox', 5, 2, 1, 1],
      'mein-unternehmenskonto': ['service-account mailbox', 3, 2, 0, 0],
      bayernid: ['service-account eid mailbox', 5, 2, 0, 0],
      epaybl: ['epayment', 3, 3, 0, 0],
      'formularserver-bayern': ['search', 3, 3, 0, 0],
    });
    expect(report.connectOptions[0].service).toEqual({
      code: 'bundid',
      name: 'BundID',
      kind: 'bund',
      kindLabel: 'Bundesdienst',
    });
  });

  it('sends the same through the API, valid against its schema, and as CSV columns', async () => {
    const reader = await t.bearer('reader');
    const res = await request(t.app).get('/api/reports/opportunities?area=09184').set('Authorization', reader);
    expect(res.status).toBe(200);
    expect(res.body.summary.connectSuggestions).toBeGreaterThan(0);
    const csv = await request(t.app)
      .get('/api/reports/opportunities?area=09184&format=csv')
      .set('Authorization', reader)
      .buffer(true);
    const line = csv.text
      .slice(1)
      .split('\r\n')
      .find((l) => l.startsWith('09184118;Haar;24000;Servicekonto') && l.includes(';1;Bund (BundID);'));
    expect(line).toMatch(/;nein;anschließen;BundID;Bundesdienst;Vertrag geschlossen$/);
  });
});
