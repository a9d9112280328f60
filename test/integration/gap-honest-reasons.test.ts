/**
 * Why a service is missing, honestly (issue 11), on a small hand-computed world: known vs
 * missing vs no data, a fee and a Vertrauensniveau that are known or unknown, in-person-only
 * Leistungen left out of the strict rule, and the combination of components that unlocks.
 * Merkmale are set through the API, as an administrator would.
 *
 * The world: Land 09, Landkreis 09184 with three Gemeinden.
 * - 09184001 records nothing (no data).
 * - 09184002 runs form server and Postfach; records service account, eID and ePayment as not used.
 * - 09184003 runs form server, service account and Postfach; records eID and ePayment as not used.
 * OZG 10119 (Personalausweis): P1 99008001012000 "Ausstellung" (Verrichtung 012) and P2
 * 99008001040000 "Ausgabe" (040). OZG 10124 (Wohnsitz): W 99115005104000 "Anmeldung".
 * All three are Gemeinde tasks; no unit has an online offering.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ConnectableService } from '../../entities';
import { ensureConnectableServices } from '../../importers/connectable-services-defaults';
import { REFERENCE_FILES } from '../../importers/reference-data';
import { referenceDataDir } from '../../lib/paths';
import { SYSTEM_PRINCIPAL } from '../../lib/principal';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { buildGapReport, type OzgGap } from '../../reports/gaps/report';
import { buildUnitReport } from '../../reports/ozg-unit/report';
import { makeRegion } from '../helpers/factories';
import { makeLeistung, makeOffering, makeOzgLeistung, setRules, useComponents } from '../helpers/ozg-factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const P1 = '99008001012000';
const P2 = '99008001040000';
const W = '99115005104000';

function row(report: { ozgLeistungen: OzgGap[] }, ozgId: number): OzgGap {
  const found = report.ozgLeistungen.find((r) => r.ozgId === ozgId);
  if (!found) throw new Error(`no row for ${ozgId}`);
  return found;
}

describe('honest gap reasons', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, number> = {};
  const gaps = () => buildGapReport(t.dataSource.manager, '09184', { target: DEFAULT_TARGET });
  const putTrait = (body: object) => request(t.app).put('/api/leistung-traits').set('Authorization', admin).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.bearer('admin');
    for (const [key, extra] of [
      ['09', {}],
      ['091', {}],
      ['09184', { textCode: '44', typeLabel: 'Landkreis' }],
      ['09184001', { textCode: '64' }],
      ['09184002', { textCode: '64' }],
      ['09184003', { textCode: '64' }],
    ] as const) {
      ids[key] = (await makeRegion(t.dataSource, key, extra)).id;
    }
    await makeOzgLeistung(t.dataSource, 10119, 'Personalausweis');
    await makeOzgLeistung(t.dataSource, 10124, 'Wohnsitzanmeldung');
    await makeLeistung(t.dataSource, P1, 10119, '2/3', { name: 'Personalausweis Ausstellung' });
    ids.P2 = (await makeLeistung(t.dataSource, P2, 10119, '2/3', { name: 'Personalausweis Ausgabe' })).id;
    await makeLeistung(t.dataSource, W, 10124, '2/3', { name: 'Wohnsitz Anmeldung' });
    await setRules(t.dataSource, [
      { ozgId: 10119, level: 'gemeinde', taskGroup: 'buergeramt' },
      { ozgId: 10124, level: 'gemeinde', taskGroup: 'buergeramt' },
    ]);
    await useComponents(t.dataSource, ids['09184002'], ['form-server', 'mailbox']);
    await useComponents(t.dataSource, ids['09184002'], ['service-account', 'eid', 'epayment'], 'not-used');
    await useComponents(t.dataSource, ids['09184003'], ['form-server', 'service-account', 'mailbox']);
    await useComponents(t.dataSource, ids['09184003'], ['eid', 'epayment'], 'not-used');
  });
  afterAll(() => t.close());

  it('counts a unit without records as "no data", never as blocked by a missing component', async () => {
    const report = await gaps();
    const w = row(report, 10124);
    // Fee and Vertrauensniveau of W are unknown. 09184001: no data on anything.
    // 09184002: Nutzerkonto recorded missing (cap 2) → blocked; ePayment and eID "depend".
    // 09184003: its missing eID and ePayment matter only if W needs them: unknown requirement.
    expect(w.unmetUnits).toEqual({ blocked: 1, noData: 1, unknownRequirement: 1, offeringMissing: 0 });
    expect(w.blockers.map((b) => [b.criterion, b.units, b.noDataUnits, b.unknownRequirementUnits])).toEqual([
      ['nutzerkonto', 1, 1, 0],
      ['antragsprozess', 0, 1, 0],
      ['authentifizierung', 0, 1, 2],
      ['bezahlprozess', 0, 1, 2],
    ]);
    expect(report.totals).toMatchObject({ units: 4, unitsWithComponentData: 2, componentDataShare: 0.5 });
  });

  it('reads a known fee and Vertrauensniveau: a free Leistung at "hoch" is held back by the eID alone, not by ePayment', async () => {
    // The online Wohnsitzanmeldung: free (BMG § 24 Abs. 2), Vertrauensniveau hoch (BMG § 23a).
    const res = await putTrait({
      leistungsschluessel: W,
      feeBearing: false,
      vertrauensniveau: 'hoch',
      reason: 'gebührenfrei; elektronische Anmeldung mit eID',
      source: '§ 23a, § 24 Abs. 2 BMG',
    });
    expect(res.status).toBe(200);
    const w = row(await gaps(), 10124);
    // 09184002: Nutzerkonto and eID missing (both cap 2); 09184003: eID missing. Nobody: ePayment.
    expect(w.unmetUnits).toEqual({ blocked: 2, noData: 1, unknownRequirement: 0, offeringMissing: 0 });
    expect(w.blockers.map((b) => [b.criterion, b.units, b.noDataUnits, b.unknownRequirementUnits])).toEqual([
      ['authentifizierung', 2, 1, 0],
      ['nutzerkonto', 1, 1, 0],
      ['antragsprozess', 0, 1, 0],
    ]);
    const unit = await buildUnitReport(t.dataSource.manager, '09184003', DEFAULT_TARGET);
    const wohnsitz = unit.leistungen.find((l) => l.schluessel === W);
    expect(wohnsitz?.requirements).toEqual({
      feeBearing: false,
      feeOrigin: 'regel',
      vertrauensniveau: 'hoch',
      trustOrigin: 'regel',
    });
    expect(wohnsitz?.reasons).toEqual([
      'Kein Online-Angebot erfasst.',
      'Authentifizierung (Vertrauensniveau): ohne eID-Funktion höchstens Reifegrad 2.',
    ]);
    expect(unit.unlocks).toEqual([expect.objectContaining({ component: 'eid', leistungen: 1 })]);
  });

  it('says "depends on" for an unknown fee, and counts ePayment once the fee is known', async () => {
    const before = await buildUnitReport(t.dataSource.manager, '09184003', DEFAULT_TARGET);
    const p1 = before.leistungen.find((l) => l.schluessel === P1);
    expect(p1?.attainable).toMatchObject({ level: 4, worstCase: 2 });
    expect(p1?.reasons).toContain(
      'Bezahlung: hängt davon ab, ob Gebühren anfallen (unbekannt); E-Payment ist nicht im Einsatz.',
    );
    // P1 and P2 could reach 4 if neither fee nor eID is needed; W is held back by the eID for sure.
    expect(before.totals).toMatchObject({ attainable: 0, attainableIfUnknownsAllow: 2 });

    // The Personalausweis costs a fee (PAuswGebV § 1) and needs no eID to apply (basisregistrierung, for this test).
    await putTrait({
      leistungsschluessel: P1,
      feeBearing: true,
      vertrauensniveau: 'basisregistrierung',
      reason: 'Gebühr nach PAuswGebV',
      source: '§ 1 PAuswGebV',
    });
    const after = await buildUnitReport(t.dataSource.manager, '09184003', DEFAULT_TARGET);
    expect(after.leistungen.find((l) => l.schluessel === P1)?.reasons).toEqual([
      'Kein Online-Angebot erfasst.',
      'Bezahlung: ohne E-Payment höchstens Reifegrad 2.',
    ]);
    expect(row(await gaps(), 10119).blockers).toContainEqual(
      expect.objectContaining({ criterion: 'bezahlprozess', units: 2 }),
    );
  });

  it('names the combination that unlocks when no single component does', async () => {
    // 09184002 lacks both the Nutzerkonto and ePayment for P1 (fee, no eID needed): neither alone helps.
    const unit = await buildUnitReport(t.dataSource.manager, '09184002', DEFAULT_TARGET);
    expect(unit.unlocks.find((u) => u.component === 'epayment')).toBeUndefined();
    expect(unit.unlocks.find((u) => u.component === 'service-account')).toMatchObject({ leistungen: 0 });
    expect(unit.combinations).toContainEqual(
      expect.objectContaining({
        components: ['epayment', 'service-account'],
        leistungen: 1,
        sentence: expect.stringMatching(/^E-Payment \+ Servicekonto ergänzen: 1 Leistung könnte Reifegrad 3 erreichen/),
      }),
    );
    // In the area: P1 in 09184002 (ePayment + Servicekonto), P1 in 09184003 (ePayment), W in 09184002
    // (eID + Servicekonto), W in 09184003 (eID); 09184001 has no data and is in no combination.
    const combos = (await gaps()).combinations.map((c) => [c.components.join('+'), c.pairs, c.units]);
    expect(combos).toEqual(
      expect.arrayContaining([
        ['service-account+epayment', 1, 1],
        ['epayment', 1, 1],
        ['service-account+eid', 1, 1],
        ['eid', 1, 1],
      ]),
    );
  });

  it('leaves in-person-only Leistungen out of the strict rule, with the rule that says so', async () => {
    // Without a Merkmal, P2 (Ausgabe) counts: nobody can meet 10119 while the handover has no online service.
    await makeOffering(
      t.dataSource,
      ids['09184003'],
      (await t.dataSource.query(`SELECT id FROM leistungen WHERE schluessel = '${P1}'`))[0].id,
      { level: 3 },
    );
    expect(row(await gaps(), 10119).metUnits).toBe(0);
    const res = await putTrait({
      verrichtung: '040',
      onlineRelevant: false,
      reason: 'Ausgabe: Aushändigung bei der Behörde',
      source: 'BT-Drs. 19/26311',
    });
    expect(res.status).toBe(200);
    const report = await gaps();
    expect(row(report, 10119)).toMatchObject({ metUnits: 1, inPersonLeistungen: 1 });
    expect(report.totals.inPersonLeistungen).toBe(1);
    const drill = await buildGapReport(t.dataSource.manager, '09184', {
      target: DEFAULT_TARGET,
      filter: { ozgId: 10119 },
    });
    expect(drill.leistungen?.find((l) => l.schluessel === P2)).toMatchObject({
      onlineRelevant: false,
      relevanceRule: { reason: 'Ausgabe: Aushändigung bei der Behörde', source: 'BT-Drs. 19/26311' },
    });
    const unit = await buildUnitReport(t.dataSource.manager, '09184003', DEFAULT_TARGET);
    expect(unit.totals.inPersonOnly).toBe(1);
    expect(unit.ozgLeistungen.find((o) => o.ozgId === 10119)).toMatchObject({
      responsible: 1,
      met: 1,
      fulfilled: true,
    });
  });

  it('refuses a fee per Verrichtung (a guess) and imports Merkmale from CSV all-or-nothing', async () => {
    const guess = await putTrait({ verrichtung: '012', feeBearing: true, reason: 'alle Ausstellungen kosten' });
    expect(guess.status).toBe(422);
    expect(guess.body.errors).toContainEqual(expect.objectContaining({ pointer: '#/verrichtung' }));
    const csv =
      'leistungsschluessel,verrichtung,online_relevant,fee_bearing,vertrauensniveau,reason,source\n' +
      `,054,nein,,,Speicherung: Vorgang der Behörde,BT-Drs. 19/26311\n` +
      `${P1},,,vielleicht,,Gebühr,PAuswGebV\n`;
    const bad = await request(t.app)
      .post('/api/imports/responsibility-rules')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(bad.status).toBe(422);
    expect(bad.body.problems ?? bad.body.errors).toBeDefined();
    expect((await request(t.app).get('/api/leistung-traits').set('Authorization', admin)).body).not.toContainEqual(
      expect.objectContaining({ verrichtung: '054' }),
    );
    const good = csv.replace('vielleicht', 'ja');
    const first = await request(t.app)
      .post('/api/imports/responsibility-rules')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(good);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'leistung-traits', counts: expect.objectContaining({ created: 1 }) });
    const again = await request(t.app)
      .post('/api/imports/responsibility-rules')
      .set('Authorization', admin)
      .set('Content-Type', 'text/csv')
      .send(good);
    expect(again.body).toMatchObject({ unchanged: true });
  });

  describe("connect, don't build", () => {
    const connect = async (ags: string, code: string, status: string) => {
      const path = `/api/municipalities/${ags}/connections/${code}`;
      const current = await request(t.app).get(path).set('Authorization', admin);
      const req = request(t.app).put(path).set('Authorization', admin);
      if (current.status === 200) req.set('If-Match', current.headers.etag);
      return req.send({ status });
    };

    beforeAll(async () => {
      const name = `data/reference/${REFERENCE_FILES.connectableServices}`;
      const buffer = readFileSync(join(referenceDataDir, REFERENCE_FILES.connectableServices));
      await ensureConnectableServices(t.dataSource, { name, buffer }, { principal: SYSTEM_PRINCIPAL, requestId: null });
      // An EfA online service for the Wohnsitzanmeldung in Land 09, as a test row (the shipped table has none).
      await t.dataSource.getRepository(ConnectableService).save({
        code: 'efa-test-wohnsitz',
        name: 'Wohnsitz digital (EfA, Test)',
        kind: 'efa',
        components: [],
        ozgIds: [10124],
        landKeys: ['09'],
        operator: 'Testland',
        url: 'https://efa.example.de/wohnsitz',
        maturityModel: 'RGM-1.1',
        maturityLevel: 3,
        source: 'Test',
        note: null,
        isActive: true,
      });
    });

    it('names the service to connect to for a missing component, with the recorded status', async () => {
      // W needs an eID (hoch); 09184003 records its eID as not used. BundID (all Länder) and BayernID (Land 09) bring one.
      const unit = await buildUnitReport(t.dataSource.manager, '09184003', DEFAULT_TARGET);
      const w = unit.leistungen.find((l) => l.schluessel === W);
      expect(w?.connect.map((c) => [c.code, c.components, c.status])).toEqual([
        ['bundid', ['eid'], null],
        ['bayernid', ['eid'], null],
        ['efa-test-wohnsitz', [], null],
      ]);
      expect(w?.reasons).toContain('Anschließen statt selbst betreiben: BundID (Bundesdienst) bringt eID-Funktion.');
      expect(w?.reasons).toContain(
        'Nachnutzen statt selbst bauen: EfA-Dienst „Wohnsitz digital (EfA, Test)“ (Reifegrad 3) deckt OZG-Leistung 10124 ab.',
      );
      const area = row(await gaps(), 10124);
      expect(area.blockers.find((b) => b.criterion === 'authentifizierung')?.connectable.map((c) => c.code)).toEqual([
        'bundid',
        'bayernid',
      ]);
      expect((await connect('09184003', 'bundid', 'contract')).status).toBeLessThan(300);
      const contract = await buildUnitReport(t.dataSource.manager, '09184003', DEFAULT_TARGET);
      expect(contract.leistungen.find((l) => l.schluessel === W)?.reasons).toContain(
        'Anschließen statt selbst betreiben: BundID (Bundesdienst) bringt eID-Funktion. Erfasster Anschluss: Vertrag geschlossen, noch nicht in Betrieb.',
      );
    });

    it('counts the components of a live connection as in use, said to come from the connection', async () => {
      expect((await connect('09184003', 'bundid', 'live')).status).toBe(200);
      const unit = await buildUnitReport(t.dataSource.manager, '09184003', DEFAULT_TARGET);
      expect(unit.componentSources).toContainEqual({
        component: 'eid',
        inheritedFrom: { key: 'bundid', name: 'BundID', via: 'anschluss' },
      });
      // W (free, hoch) now has every component it needs: only the offering is missing.
      const w = unit.leistungen.find((l) => l.schluessel === W);
      expect(w?.attainable).toMatchObject({ level: 4, worstCase: 4 });
      expect(row(await gaps(), 10124).blockers.find((b) => b.criterion === 'authentifizierung')?.units).toBe(1);
    });

    it("counts a live connection to an EfA service as the unit's offering, at the service's Reifegrad", async () => {
      expect(row(await gaps(), 10124).metUnits).toBe(0);
      expect((await connect('09184002', 'efa-test-wohnsitz', 'live')).status).toBeLessThan(300);
      const report = await gaps();
      expect(row(report, 10124).metUnits).toBe(1);
      expect(report.sources.metOfferings.connection).toBe(1);
      const unit = await buildUnitReport(t.dataSource.manager, '09184002', DEFAULT_TARGET);
      expect(unit.leistungen.find((l) => l.schluessel === W)).toMatchObject({
        meetsTarget: true,
        offering: { source: 'connection', level: 3, inheritedFrom: { key: 'efa-test-wohnsitz' } },
        connect: [],
      });
    });
  });
});
