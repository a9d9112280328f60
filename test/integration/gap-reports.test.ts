/**
 * The gap report rules on a small, hand-computed area (Land 09 with one kreisfreie Stadt and one
 * Landkreis of three Gemeinden), and the additivity of the counts across areas on a generated one.
 */
import { DEFAULT_TARGET } from '../../lib/maturity';
import { buildGapReport, type OzgGap } from '../../reports/gaps/report';
import { buildUnitReport } from '../../reports/ozg-unit/report';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { buildWorld } from '../helpers/ozg-world';

function row(report: { ozgLeistungen: OzgGap[] }, ozgId: number): OzgGap {
  const found = report.ozgLeistungen.find((r) => r.ozgId === ozgId);
  if (!found) throw new Error(`no row for ${ozgId}`);
  return found;
}

describe('gap reports', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await buildWorld(db.dataSource);
  });
  afterAll(() => db.close());

  it('counts the right denominator: Gemeinde tasks for Gemeinden and kreisfreie Städte, Kreis tasks for Kreise', async () => {
    const report = await buildGapReport(db.dataSource.manager, '09', { target: DEFAULT_TARGET });
    expect(report.area).toMatchObject({ key: '09', units: 5 });
    expect(row(report, 10119).responsibleUnits).toBe(4); // A: 09162000 and the three Gemeinden; B (Bund): nobody
    expect(row(report, 10200).responsibleUnits).toBe(2); // C, D: the kreisfreie Stadt and the Landkreis
    expect(row(report, 10160).responsibleUnits).toBe(4);
    expect(row(report, 10119).responsibilitySources).toEqual({ zustaendigkeit: 0, regel: 4, typisierung: 0 });
    expect(row(report, 10200).responsibilitySources).toEqual({ zustaendigkeit: 0, regel: 4, typisierung: 0 });
  });

  it('meets an OZG-Leistung only when every responsible Leistung reaches the target; flächendeckend vs at least one', async () => {
    const report = await buildGapReport(db.dataSource.manager, '09', { target: DEFAULT_TARGET });
    expect(row(report, 10119)).toMatchObject({ metUnits: 2, flaechendeckend: false, inAtLeastOne: true });
    expect(row(report, 10119).metShare).toBeCloseTo(0.5);
    // 09184 has C at 3 but D only at 1; 09162000 has C at RGM 2.0 level 6 (= 1.1 level 4) and D at 3.
    expect(row(report, 10200)).toMatchObject({ metUnits: 1, flaechendeckend: false, inAtLeastOne: true });
    // The Land's flächendeckend EfA service covers all four Gemeinde units.
    expect(row(report, 10160)).toMatchObject({ metUnits: 4, flaechendeckend: true });
    expect(report.totals).toMatchObject({ ozgLeistungen: 3, relevant: 3, flaechendeckend: 1, inAtLeastOne: 3 });
  });

  it('shows the dashboard rule (one Leistung at level 2) beside it', async () => {
    const report = await buildGapReport(db.dataSource.manager, '09', { target: DEFAULT_TARGET });
    expect(row(report, 10119).dashboard).toEqual({ units: 3, flaechendeckend: false, inAtLeastOne: true });
    expect(row(report, 10200).dashboard).toEqual({ units: 2, flaechendeckend: true, inAtLeastOne: true });
    expect(report.totals).toMatchObject({ dashboardFlaechendeckend: 2, dashboardInAtLeastOne: 3 });
  });

  it('names what the data say is missing, apart from what has no data and what depends on an unknown requirement', async () => {
    const report = await buildGapReport(db.dataSource.manager, '09', { target: DEFAULT_TARGET });
    // A misses the target in 09184002 and 09184003 (09162000 and 09184001 meet it).
    // 09184002 records all five as not used: Online-Antrag (cap 1) and Nutzerkonto (cap 2) are missing;
    // A's fee and Vertrauensniveau are unknown, so ePayment and eID "depend". The Postfach caps at 3: no blocker.
    // 09184003 runs form server, account, ePayment and records nothing on eID: no data, not missing.
    expect(
      row(report, 10119).blockers.map((b) => [b.criterion, b.units, b.noDataUnits, b.unknownRequirementUnits]),
    ).toEqual([
      ['antragsprozess', 1, 0, 0],
      ['nutzerkonto', 1, 0, 0],
      ['authentifizierung', 0, 1, 1],
      ['bezahlprozess', 0, 0, 1],
    ]);
    expect(row(report, 10119).unmetUnits).toEqual({ blocked: 1, noData: 1, unknownRequirement: 0, offeringMissing: 0 });
    // 09184 lacks nothing that D (free, Vertrauensniveau 20) needs for level 3: the offering is at 1.
    expect(row(report, 10200).blockers).toEqual([]);
    expect(row(report, 10200).unmetUnits).toEqual({ blocked: 0, noData: 0, unknownRequirement: 0, offeringMissing: 1 });
    // Units with component data: 09184002, 09184003, 09184 (the Gemeinden inherit no Kreis record: none serves members).
    expect(report.totals).toMatchObject({ units: 5, unitsWithComponentData: 3, componentDataShare: 0.6 });
    expect(report.totals.unmetPairs).toEqual({ blocked: 1, noData: 1, unknownRequirement: 0, offeringMissing: 1 });
  });

  it('raises the target: nothing short of level 4 counts', async () => {
    const report = await buildGapReport(db.dataSource.manager, '09', { target: { model: 'RGM-1.1', level: 4 } });
    expect(row(report, 10119).metUnits).toBe(1); // only 09184001 (A at 4)
    expect(row(report, 10200).metUnits).toBe(0); // 09162000's D is at 3
    expect(report.target.text).toBe('RGM-1.1:4');
  });

  it('filters by Themenfeld and OZG-ID', async () => {
    const mobil = await buildGapReport(db.dataSource.manager, '09', {
      target: DEFAULT_TARGET,
      filter: { themenfeld: 'Mobilität & Reisen' },
    });
    expect(mobil.ozgLeistungen.map((r) => r.ozgId)).toEqual([10200]);
    const one = await buildGapReport(db.dataSource.manager, '09184', {
      target: DEFAULT_TARGET,
      filter: { ozgId: 10160 },
    });
    expect(one.ozgLeistungen).toHaveLength(1);
    expect(one.area.units).toBe(4);
    expect(mobil.leistungen).toBeUndefined();
  });

  it('drills down to the Leistungen of one OZG-Leistung', async () => {
    const report = await buildGapReport(db.dataSource.manager, '09', {
      target: DEFAULT_TARGET,
      filter: { ozgId: 10119 },
    });
    expect(report.leistungen).toEqual([
      expect.objectContaining({
        schluessel: '99000000000001',
        responsibility: [
          expect.objectContaining({ landKey: '09', level: 'gemeinde', taskGroup: 'buergeramt', source: 'regel' }),
        ],
        responsibleUnits: 4,
        onlineUnits: 3,
        metUnits: 2,
      }),
      expect.objectContaining({
        schluessel: '99000000000002',
        responsibility: [expect.objectContaining({ landKey: '09', level: 'bund', source: 'typisierung' })],
        responsibleUnits: 0,
        onlineUnits: 0,
        metUnits: 0,
      }),
    ]);
  });

  it('reports a municipality unit by unit: responsibility, offering, attainable level, reasons, reuse hints', async () => {
    const report = await buildUnitReport(db.dataSource.manager, '09184002', DEFAULT_TARGET);
    expect(report.leistungen.filter((l) => l.responsible).map((l) => l.schluessel)).toEqual([
      '99000000000001',
      '99000000000005',
    ]);
    const a = report.leistungen.find((l) => l.schluessel === '99000000000001');
    expect(a).toMatchObject({
      responsible: true,
      meetsTarget: false,
      offering: { status: 'online', level: 2, source: 'manual', inheritedFrom: null },
      attainable: { level: 1, worstCase: 1 },
      requirements: { feeBearing: null, vertrauensniveau: null },
      responsibility: { level: 'gemeinde', source: 'regel', reason: expect.stringContaining('Personalausweis') },
    });
    expect(a?.reasons[0]).toBe('Das Angebot erreicht Reifegrad 2.');
    expect(a?.reasons).toEqual([
      'Das Angebot erreicht Reifegrad 2.',
      'Online-Antrag: ohne Formularserver höchstens Reifegrad 1.',
      'Nutzerkonto: ohne Servicekonto höchstens Reifegrad 2.',
      'Authentifizierung (Vertrauensniveau): hängt davon ab, welches Vertrauensniveau sie verlangt (unbekannt); eID-Funktion ist nicht im Einsatz.',
      'Bezahlung: hängt davon ab, ob Gebühren anfallen (unbekannt); E-Payment ist nicht im Einsatz.',
    ]);
    // Aschheim (same Kreis) offers A at level 4; the kreisfreie Stadt is not in the Kreis.
    // The hint names the neighbour, not its address: its service serves its own citizens only.
    expect(a?.reuse).toEqual([expect.objectContaining({ kind: 'nachbar', key: '09184001', level: 4, url: null })]);
    const e = report.leistungen.find((l) => l.schluessel === '99000000000005');
    expect(e).toMatchObject({ meetsTarget: true, offering: { inheritedFrom: { key: '09' } } });
    // No single component lifts A to level 3 (form server and Nutzerkonto are both missing); the form server lifts it most.
    expect(report.unlocks).toEqual([
      expect.objectContaining({
        component: 'form-server',
        leistungen: 0,
        raised: 1,
        sentence: expect.stringMatching(/^Formularserver ergänzen: 1 Leistung könnte höher kommen/),
      }),
    ]);
  });

  it('says which single component unlocks the most', async () => {
    const report = await buildUnitReport(db.dataSource.manager, '09184', DEFAULT_TARGET);
    // The Landkreis runs form server and service account; D (free, Vertrauensniveau 20) needs nothing
    // more: its offering is what falls short.
    expect(report.totals).toMatchObject({ responsible: 2, meetsTarget: 1 });
    expect(report.leistungen.map((l) => l.schluessel)).toEqual(['99000000000003', '99000000000004']);
    const d = report.leistungen.find((l) => l.schluessel === '99000000000004');
    expect(d?.reasons).toEqual([
      'Das Angebot erreicht Reifegrad 1.',
      'Die vorhandenen Basiskomponenten erlauben Reifegrad 3.',
    ]);
  });
});
