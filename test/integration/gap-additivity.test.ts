/**
 * Property-style: on a generated Land of several Kreise with random offerings and components,
 * every count of the gap report adds up across areas — the Land is the sum of its Kreise, the
 * Kreis the sum of its units — because every unit belongs to exactly one Kreis. One Kreis has a
 * Verwaltungsgemeinschaft that runs the Bürgeramt of three members, another a Große Kreisstadt
 * that is its own Bauaufsicht, so delegated tasks are counted once too.
 */
import { DEFAULT_TARGET } from '../../lib/maturity';
import { buildGapReport, type GapReport } from '../../reports/gaps/report';
import { buildUnitReport } from '../../reports/ozg-unit/report';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { makeRegion } from '../helpers/factories';
import { makeLeistung, makeOffering, makeOzgLeistung, setRules, useComponents } from '../helpers/ozg-factories';

/** A small seeded generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPONENTS = ['form-server', 'service-account', 'eid', 'epayment', 'mailbox'];
const TYPES = ['1', '2', '2/3', '4', '5', '1, 2/3'];

describe('gap report counts add up across areas', () => {
  let db: TestDatabase;
  const kreise = ['08111', '08115', '08116', '08117'];
  const units: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const next = random(20261201);
    const ds = db.dataSource;
    const ids: Record<string, number> = {};
    ids['08'] = (await makeRegion(ds, '08', { name: 'Testland' })).id;
    await makeRegion(ds, '081', { name: 'Bezirk' });
    ids['08111'] = (await makeRegion(ds, '08111', { name: 'Stadt Eins', textCode: '41' })).id;
    ids['08111000'] = (await makeRegion(ds, '08111000', { name: 'Stadt Eins', textCode: '61' })).id;
    units.push('08111000');
    for (const kreis of kreise.slice(1)) {
      ids[kreis] = (await makeRegion(ds, kreis, { name: `Kreis ${kreis}`, textCode: '44' })).id;
      units.push(kreis);
      const verband = kreis === '08116' ? `${kreis}5001` : null;
      if (verband) {
        ids[verband] = (
          await makeRegion(ds, verband, { name: 'VVG Test', textCode: '54', level: 'gemeindeverband' })
        ).id;
        units.push(verband);
      }
      for (let g = 1; g <= 5; g++) {
        const key = `${kreis}${String(g).padStart(3, '0')}`;
        const member = verband !== null && g <= 3;
        const textCode = kreis === '08117' && g === 1 ? '67' : '64';
        ids[key] = (
          await makeRegion(ds, key, {
            name: `Gemeinde ${key}`,
            textCode,
            ...(member ? { verbandKey: verband } : {}),
          })
        ).id;
        units.push(key);
      }
    }
    const leistungIds: number[] = [];
    for (let o = 0; o < 6; o++) {
      const ozgId = 10300 + o;
      await makeOzgLeistung(ds, ozgId, `OZG-Leistung ${o}`);
      for (let l = 0; l < 3; l++) {
        const typ = TYPES[Math.floor(next() * TYPES.length)];
        const fee = next() < 0.3 ? null : next() < 0.5;
        const leistung = await makeLeistung(ds, `99${String(o * 10 + l).padStart(12, '0')}`, ozgId, typ, {
          feeBearing: fee,
          vertrauensniveau: next() < 0.3 ? '30' : null,
        });
        leistungIds.push(leistung.id);
      }
    }
    await setRules(
      ds,
      [
        { typ: '1', level: 'bund' },
        { typ: '2', level: 'land' },
        { typ: '2/3', level: 'kreis', taskGroup: 'kreis-sonstige' },
        { typ: '4', level: 'kreis', taskGroup: 'bauaufsicht' },
        { typ: '5', level: 'gemeinde', taskGroup: 'buergeramt' },
      ],
      [
        { landKey: '08', unitType: '54', taskGroup: 'buergeramt', carrier: 'verband', reason: 'Test', source: '' },
        {
          landKey: '08',
          unitType: 'grosse-kreisstadt',
          taskGroup: 'bauaufsicht',
          carrier: 'stadt',
          reason: 'Test',
          source: '',
        },
      ],
    );
    for (const unit of units) {
      await useComponents(
        ds,
        ids[unit],
        COMPONENTS.filter(() => next() < 0.5),
      );
      for (const leistungId of leistungIds) {
        if (next() < 0.45) {
          await makeOffering(ds, ids[unit], leistungId, {
            level: Math.floor(next() * 5),
            source: next() < 0.5 ? 'manual' : 'dashboard',
          });
        }
      }
    }
    // A Kreis-wide, flächendeckend offering and a Land-wide one are inherited by their units.
    await makeOffering(ds, ids['08115'], leistungIds[0], { level: 4, flaechendeckend: true, source: 'fim' });
    await makeOffering(ds, ids['08'], leistungIds[5], { level: 3, flaechendeckend: true });
  });
  afterAll(() => db.close());

  const report = (area: string): Promise<GapReport> =>
    buildGapReport(db.dataSource.manager, area, { target: DEFAULT_TARGET });

  function sumOf(reports: GapReport[], ozgId: number, pick: (r: GapReport['ozgLeistungen'][number]) => number): number {
    return reports.reduce((sum, r) => sum + pick(r.ozgLeistungen.find((x) => x.ozgId === ozgId) as never), 0);
  }

  it('Land = Σ Kreise = Σ units, for responsible, met and dashboard units and for every blocker', async () => {
    const land = await report('08');
    const byKreis = await Promise.all(kreise.map(report));
    const byUnit = await Promise.all(units.filter((u) => u.length === 8).map(report));
    expect(land.area.units).toBe(units.length);
    expect(byKreis.reduce((s, r) => s + r.area.units, 0)).toBe(units.length);
    for (const row of land.ozgLeistungen) {
      for (const pick of [
        (r: typeof row) => r.responsibleUnits,
        (r: typeof row) => r.metUnits,
        (r: typeof row) => r.dashboard.units,
        (r: typeof row) => r.responsibilitySources.typisierung + r.responsibilitySources.regel,
        (r: typeof row) => r.blockers.reduce((s, b) => s + b.units, 0),
      ]) {
        expect(sumOf(byKreis, row.ozgId, pick)).toBe(pick(row));
      }
    }
    // Gemeinde-level units alone: their counts are part of their Kreis's.
    for (const gemeinde of byUnit) {
      const kreis = byKreis.find((k) => gemeinde.area.key.startsWith(k.area.key)) as GapReport;
      for (const row of gemeinde.ozgLeistungen) {
        const inKreis = kreis.ozgLeistungen.find((x) => x.ozgId === row.ozgId) as typeof row;
        expect(row.metUnits).toBeLessThanOrEqual(inKreis.metUnits);
        expect(row.responsibleUnits).toBeLessThanOrEqual(inKreis.responsibleUnits);
      }
    }
    expect(land.totals.responsiblePairs).toBe(byKreis.reduce((s, r) => s + r.totals.responsiblePairs, 0));
    expect(land.totals.metPairs).toBe(byKreis.reduce((s, r) => s + r.totals.metPairs, 0));
    // Flächendeckend in the Land implies flächendeckend in every Kreis that has responsible units.
    for (const row of land.ozgLeistungen.filter((r) => r.flaechendeckend)) {
      for (const kreis of byKreis) {
        const inKreis = kreis.ozgLeistungen.find((x) => x.ozgId === row.ozgId) as typeof row;
        if (inKreis.responsibleUnits > 0) expect(inKreis.flaechendeckend).toBe(true);
      }
    }
    expect(land.totals.metPairs).toBeGreaterThan(0);
    expect(byKreis[2].area.units).toBe(1 + 1 + 5); // Landkreis, Verband, five Gemeinden
    // What the Verband runs for a member plus what the member keeps is what a Gemeinde on its own carries.
    const unit = (key: string) => buildUnitReport(db.dataSource.manager, key, DEFAULT_TARGET);
    const [verband, member, alone] = await Promise.all([unit('081165001'), unit('08116001'), unit('08116004')]);
    expect(verband.totals.responsible).toBeGreaterThan(0);
    expect(member.totals.carriedByVerband).toBe(verband.totals.responsible);
    expect(member.totals.responsible + verband.totals.responsible).toBe(alone.totals.responsible);
    // The Große Kreisstadt carries its Gemeinde tasks and the Kreis's Bauaufsicht (Typ 4 here).
    const [city, neighbour] = await Promise.all([unit('08117001'), unit('08117002')]);
    expect(city.totals.responsible).toBeGreaterThan(neighbour.totals.responsible);
    expect(land.totals.responsiblePairs).toBeGreaterThan(land.totals.metPairs);
  });
});
