/**
 * Who must offer what, on the shipped reference data (GV100AD 31.08.2025, OZG catalogue 2019, the
 * shipped rule tables): hand-checked cases, one per kind of rule, each with the law it rests on
 * (DOMAIN.md §5a; the rule rows cite their sources in data/reference/zustaendigkeitsregeln.csv and
 * aufgabenuebertragung.csv).
 */
import { Component, ComponentRecord, Region } from '../../entities';
import { bufferSource } from '../../importers/fim/fim-sources';
import { importFim } from '../../importers/fim/fim.importer';
import { ensureReferenceData } from '../../importers/reference-data';
import { cliPrincipal } from '../../lib/principal';
import { DEFAULT_TARGET } from '../../lib/maturity';
import { buildGapReport } from '../../reports/gaps/report';
import { buildUnitReport, type UnitReport } from '../../reports/ozg-unit/report';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { makeOffering } from '../helpers/ozg-factories';

/** Responsible Leistungen of one OZG-Leistung in a unit report (0 when the unit carries none). */
function responsibleFor(report: UnitReport, ozgId: number): number {
  return report.ozgLeistungen.find((o) => o.ozgId === ozgId)?.responsible ?? 0;
}

describe('responsibility by administrative unit, on the shipped data', () => {
  let db: TestDatabase;
  const unit = (key: string) => buildUnitReport(db.dataSource.manager, key, DEFAULT_TARGET);

  beforeAll(async () => {
    db = await createTestDatabase();
    await ensureReferenceData(db.dataSource, { info: () => undefined });
  }, 120_000);
  afterAll(() => db.close());

  it('Gemeinde task: the Gewerbeanzeige falls to the verbandsfreie Gemeinde, not to the Landkreis (§ 14 GewO)', async () => {
    const garching = await unit('09184119');
    expect(garching.unit).toMatchObject({ kind: 'gemeinde', verband: null });
    expect(garching.leistungen.find((l) => l.schluessel === '99050012104000')).toMatchObject({
      responsible: true,
      responsibility: { level: 'gemeinde', taskGroup: 'ordnung', source: 'regel' },
    });
    const landkreis = await unit('09184');
    expect(landkreis.leistungen.some((l) => l.schluessel === '99050012104000' && l.responsible)).toBe(false);
    // The rest of OZG-Leistung 10294 (permits) is mostly the Kreis's.
    expect(responsibleFor(landkreis, 10294)).toBeGreaterThan(responsibleFor(garching, 10294));
  });

  it('Kreis task: Kfz-Kennzeichen fall to the Landkreis, not to its Gemeinden (§ 46 FZV)', async () => {
    expect(responsibleFor(await unit('09184'), 10436)).toBeGreaterThan(0);
    expect(responsibleFor(await unit('09184119'), 10436)).toBe(0);
  });

  it('Verband task: the VGem runs the Melderegister for its member Halsbach (Art. 4 VGemO)', async () => {
    const halsbach = await unit('09171119');
    expect(halsbach.unit.verband).toEqual({ key: '091715102', name: 'Kirchweidach (VGem)' });
    expect(responsibleFor(halsbach, 10559)).toBe(0);
    const carried = halsbach.leistungen.filter((l) => l.ozgId === 10559);
    expect(carried.length).toBeGreaterThan(0);
    expect(carried.every((l) => l.carriedBy?.key === '091715102' && !l.responsible)).toBe(true);
    expect(halsbach.totals.carriedByVerband).toBeGreaterThan(0);
    const vgem = await unit('091715102');
    expect(vgem.unit.kind).toBe('verband');
    expect(responsibleFor(vgem, 10559)).toBe(carried.length);
  });

  it("counts an offering recorded for a member (the dashboard's Gemeinde ARS) as its Verband's", async () => {
    const manager = db.dataSource.manager;
    const halsbach = await manager.findOneByOrFail(Region, { key: '09171119' });
    const schluessel = (await unit('091715102')).leistungen.find((l) => l.ozgId === 10559 && l.responsible)
      ?.schluessel as string;
    const [leistung] = (await manager.query(
      `SELECT l."id" AS "id" FROM "leistungen" l WHERE l."schluessel" = '${schluessel}'`,
    )) as {
      id: number;
    }[];
    await makeOffering(db.dataSource, halsbach.id, Number(leistung.id), { level: 3 });
    const vgem = await unit('091715102');
    expect(vgem.leistungen.find((l) => l.schluessel === schluessel)).toMatchObject({
      responsible: true,
      meetsTarget: true,
      offering: { level: 3 },
    });
    const report = await buildGapReport(db.dataSource.manager, '09171', {
      target: DEFAULT_TARGET,
      filter: { ozgId: 10559 },
    });
    expect(report.leistungen?.find((l) => l.schluessel === schluessel)?.metUnits).toBe(1);
  });

  it('Baden-Württemberg: a member of a Gemeindeverwaltungsverband keeps its Bürgeramt (§ 61 GemO BW)', async () => {
    const aidlingen = await unit('08115001');
    expect(aidlingen.unit.verband?.key).toBe('081155001');
    expect(responsibleFor(aidlingen, 10119)).toBeGreaterThan(0);
    expect(responsibleFor(await unit('081155001'), 10119)).toBe(0);
  });

  it('Große Kreisstadt: Dachau is its own Bauaufsicht, the Landkreis stays it for the rest (GrKrV § 1)', async () => {
    const permit = (r: UnitReport) => r.leistungen.find((l) => l.schluessel === '99012008000000')?.responsible;
    expect(permit(await unit('09174115'))).toBe(true);
    expect(permit(await unit('09174'))).toBe(true);
    expect(permit(await unit('09174113'))).toBeFalsy(); // Bergkirchen: no Große Kreisstadt
  });

  it('kreisfreie Stadt: München carries Gemeinde and Kreis tasks, about the 1,400 a study found', async () => {
    const muenchen = await unit('09162000');
    expect(muenchen.unit.kind).toBe('kreisfreie-stadt');
    expect(muenchen.totals.responsible).toBeGreaterThan(1_300);
    expect(muenchen.totals.responsible).toBeLessThan(1_700);
    expect(responsibleFor(muenchen, 10436)).toBeGreaterThan(0);
    expect(responsibleFor(muenchen, 10119)).toBeGreaterThan(0);
  });

  it('not municipal: Einkommensteuer (Finanzamt), Kindergeld (Familienkasse) leave every municipal denominator', async () => {
    const muenchen = await unit('09162000');
    expect(responsibleFor(muenchen, 10077)).toBe(0);
    expect(responsibleFor(muenchen, 10005)).toBe(0);
    const report = await buildGapReport(db.dataSource.manager, '09', { target: DEFAULT_TARGET });
    expect(report.ozgLeistungen.find((o) => o.ozgId === 10077)?.responsibleUnits ?? 0).toBe(0);
  });

  it('Stadtstaat: Hamburg carries Gemeinde, Kreis and Land tasks', async () => {
    const hamburg = await unit('02000000');
    expect(hamburg.unit.kind).toBe('stadtstaat');
    expect(responsibleFor(hamburg, 10077)).toBeGreaterThan(0);
    expect(responsibleFor(hamburg, 10119)).toBeGreaterThan(0);
  });

  it('Land law: Elterngeld is the ZBFS in Bayern, the Kreis in Nordrhein-Westfalen (§ 12 BEEG)', async () => {
    const elterngeld = await unit('09184');
    expect(responsibleFor(elterngeld, 10000)).toBe(0);
    const rule = elterngeld.leistungen.find((l) => l.ozgId === 10000);
    expect(rule).toBeUndefined();
    const mettmann = await unit('05158');
    expect(responsibleFor(mettmann, 10000)).toBeGreaterThan(0);
    expect(mettmann.leistungen.find((l) => l.ozgId === 10000)?.responsibility.legalSource).toMatch(/BEEG/);
  });

  it('components recorded for a Verband count for its members, and say so; an own record overrides', async () => {
    const manager = db.dataSource.manager;
    const vgem = await manager.findOneByOrFail(Region, { key: '091715102' });
    const halsbachRegion = await manager.findOneByOrFail(Region, { key: '09171119' });
    const record = async (regionId: number, code: string, status: 'in-use' | 'not-used') => {
      const component = await manager.findOneByOrFail(Component, { code });
      await manager.save(ComponentRecord, {
        regionId,
        componentId: component.id,
        status,
        operatorId: null,
        product: null,
        validFrom: null,
        validTo: null,
        note: null,
        source: 'api',
      });
    };
    for (const code of ['form-server', 'service-account', 'epayment', 'mailbox']) await record(vgem.id, code, 'in-use');
    await record(halsbachRegion.id, 'mailbox', 'not-used');
    const halsbach = await unit('09171119');
    expect(halsbach.componentsInUse).toEqual(['epayment', 'form-server', 'service-account']);
    expect(halsbach.componentSources).toContainEqual({
      component: 'form-server',
      inheritedFrom: { key: '091715102', name: 'Kirchweidach (VGem)', via: 'verband' },
    });
  });

  it('counts the Verband as a unit of its Kreis, and the population once', async () => {
    const report = await buildGapReport(db.dataSource.manager, '09171', { target: DEFAULT_TARGET });
    const melde = report.ozgLeistungen.find((o) => o.ozgId === 10559);
    // Landkreis Altötting (GV100AD 31.08.2025): 11 verbandsfreie Gemeinden and 5 Verwaltungsgemeinschaften
    // (Emmerting, Kirchweidach, Marktl, Reischach, Unterneukirchen) carry it; their 13 members do not.
    expect(melde?.responsibleUnits).toBe(16);
    expect(report.area.units).toBe(1 + 24 + 5); // the Landkreis, 24 Gemeinden, 5 Verbände
    const people = await db.dataSource.query(
      `SELECT SUM("population") AS "p" FROM "regions" WHERE "kreis_key" = '09171' AND "level" = 'gemeinde' AND "is_current" = TRUE`,
    );
    expect(report.area.population).toBe(Number(people[0].p));
  });

  it('Zuständigkeit data for one Landkreis leave every other Kreis of the Land with the Leistung', async () => {
    const kennzeichen = async (key: string) =>
      (await unit(key)).leistungen.find((l) => l.schluessel === '99036009000000');
    expect((await kennzeichen('09184'))?.responsible).toBe(true);
    // A Landesredaktion publishes the Zuständigkeit of the Zulassungsstelle Altötting only.
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<xzufi:xzufi.transfer xmlns:xzufi="http://xoev.de/schemata/xzufi/2_2_0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xzufiVersion="2.2.0">
  <xzufi:nachrichtenkopf><xzufi:nachrichtUUID>0d6b1c52-1f7e-4b1e-9c55-3a8f0e2b7c11</xzufi:nachrichtUUID></xzufi:nachrichtenkopf>
  <xzufi:schreibe><xzufi:leistung>
    <xzufi:id schemeAgencyID="L100009">KFZ-1</xzufi:id>
    <xzufi:referenzLeiKa listURI="urn:de:fim:leika:leistung"><code>99036009000000</code></xzufi:referenzLeiKa>
  </xzufi:leistung></xzufi:schreibe>
  <xzufi:schreibe><xzufi:zustaendigkeitTransferObjekt>
    <xzufi:uebergeordnetesObjektID schemeAgencyID="L100009">OE-AOE</xzufi:uebergeordnetesObjektID>
    <xzufi:zustaendigkeit xsi:type="xzufi:ZustaendigkeitOrganisationseinheit">
      <xzufi:id schemeAgencyID="L100009">Z-AOE</xzufi:id>
      <xzufi:leistungID schemeAgencyID="L100009">KFZ-1</xzufi:leistungID>
      <xzufi:gebietID schemeID="urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs">091710000000</xzufi:gebietID>
    </xzufi:zustaendigkeit>
  </xzufi:zustaendigkeitTransferObjekt></xzufi:schreibe>
</xzufi:xzufi.transfer>`;
    const report = await importFim(db.dataSource, {
      sources: [bufferSource('zulassung.xml', Buffer.from(xml))],
      maxBytes: 1 << 20,
      actor: { principal: cliPrincipal(), requestId: null },
    });
    expect(report.status).toBe('succeeded');
    expect(await kennzeichen('09171')).toMatchObject({
      responsible: true,
      responsibility: { source: 'zustaendigkeit' },
    });
    expect(await kennzeichen('09184')).toMatchObject({ responsible: true, responsibility: { source: 'regel' } });
    const bayern = await buildGapReport(db.dataSource.manager, '09', {
      target: DEFAULT_TARGET,
      filter: { ozgId: 10436 },
    });
    const row = bayern.leistungen?.find((l) => l.schluessel === '99036009000000');
    // 71 Landkreise and 25 kreisfreie Städte in Bayern (GV100AD 31.08.2025), Altötting among them.
    expect(row?.responsibleUnits).toBe(96);
  });
});
