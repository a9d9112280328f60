import type { DataSource } from 'typeorm';
import { makeRegion } from './factories';
import { makeLeistung, makeOffering, makeOzgLeistung, setRules, useComponents } from './ozg-factories';

/** Ids of the regions and Leistungen of {@link buildWorld}, by key and by letter. */
export interface World {
  regions: Record<string, number>;
  leistungen: Record<string, number>;
}

/**
 * The rules of the test world, as an administrator would set them: Typ 1 Bund and Typ 5 Gemeinde
 * as fallbacks, Personalausweis A by its Leistungsschlüssel to the Bürgeramt, OZG 10200 to the Kreis.
 */
export const WORLD_RULES: Parameters<typeof setRules>[1] = [
  { typ: '1', level: 'bund' },
  { typ: '5', level: 'gemeinde', taskGroup: 'selbstverwaltung' },
  {
    leistungsschluessel: '99000000000001',
    ozgId: 10119,
    level: 'gemeinde',
    taskGroup: 'buergeramt',
    reason: 'Personalausweisbehörde ist die Gemeinde (§ 8 PAuswG).',
  },
  { ozgId: 10200, level: 'kreis', taskGroup: 'verkehr' },
];

/**
 * The regions of {@link buildWorld}: Land 09 with Regierungsbezirk 091, the kreisfreie Stadt
 * 09162 (Gemeinde 09162000) and the Landkreis 09184 with Gemeinden 09184001–003. Returns their ids by key.
 */
export async function buildWorldRegions(dataSource: DataSource): Promise<Record<string, number>> {
  const regions: Record<string, number> = {};
  const region = async (key: string, overrides: Record<string, unknown> = {}) =>
    (regions[key] = (await makeRegion(dataSource, key, overrides)).id);
  await region('09', { name: 'Freistaat Testland' });
  await region('091', { name: 'Oberland' });
  await region('09162', { name: 'München', textCode: '41', typeLabel: 'Kreisfreie Stadt' });
  await region('09162000', { name: 'München, Landeshauptstadt', textCode: '61' });
  await region('09184', { name: 'München', textCode: '44', typeLabel: 'Landkreis' });
  for (const [key, name] of [
    ['09184001', 'Aschheim'],
    ['09184002', 'Baierbrunn'],
    ['09184003', 'Brunnthal'],
  ]) {
    await region(key, { name, textCode: '64' });
  }
  return regions;
}

/**
 * Land 09: kreisfreie Stadt 09162 (one unit, Gemeinde 09162000) and Landkreis 09184 with three
 * Gemeinden. OZG 10119 (Personalausweis): A (Typ 2/3, a rule for its Leistungsschlüssel gives it
 * to the Gemeinde's Bürgeramt), B (Typ 1: Bund by the Typ fallback). OZG 10200: C and D (Typ 2/3
 * and 4, a rule for the OZG-Leistung gives both to the Kreis; D is free of charge at Vertrauensniveau
 * code 20, no eID). OZG 10160: E (Typ 5: Gemeinde). Fee and Vertrauensniveau of A, B, C, E are unknown.
 */
export async function buildWorld(dataSource: DataSource): Promise<World> {
  const regions = await buildWorldRegions(dataSource);
  await makeOzgLeistung(dataSource, 10119, 'Personalausweis');
  await makeOzgLeistung(dataSource, 10200, 'Kfz-Zulassung', { themenfeld: 'Mobilität & Reisen', themenfeldId: 9 });
  await makeOzgLeistung(dataSource, 10160, 'Hundehaltung', { themenfeld: 'Engagement & Hobby', themenfeldId: 5 });
  const leistungen: Record<string, number> = {};
  leistungen.A = (await makeLeistung(dataSource, '99000000000001', 10119, '2/3')).id;
  leistungen.B = (await makeLeistung(dataSource, '99000000000002', 10119, '1')).id;
  leistungen.C = (await makeLeistung(dataSource, '99000000000003', 10200, '2/3')).id;
  leistungen.D = (
    await makeLeistung(dataSource, '99000000000004', 10200, '4', { feeBearing: false, vertrauensniveau: '20' })
  ).id;
  leistungen.E = (await makeLeistung(dataSource, '99000000000005', 10160, '5')).id;
  await setRules(dataSource, WORLD_RULES);

  const o = (region: string, leistung: string, overrides: Parameters<typeof makeOffering>[3] = {}) =>
    makeOffering(dataSource, regions[region], leistungen[leistung], overrides);
  await o('09162000', 'A', { level: 3 });
  await o('09184001', 'A', { level: 4 });
  await o('09184002', 'A', { level: 2 });
  await o('09162000', 'C', { level: 6, model: 'RGM-2.0' });
  await o('09162000', 'D', { level: 3 });
  await o('09184', 'C', { level: 3 });
  await o('09184', 'D', { level: 1 });
  // The Land's EfA service for E covers every Gemeinde: flächendeckend.
  await o('09', 'E', { level: 3, flaechendeckend: true });
  // Baierbrunn records every component of the cap table as not used; Brunnthal records three in
  // use and nothing on eID and Postfach; the others record nothing (no data).
  await useComponents(
    dataSource,
    regions['09184002'],
    ['form-server', 'service-account', 'eid', 'epayment', 'mailbox'],
    'not-used',
  );
  await useComponents(dataSource, regions['09184003'], ['form-server', 'service-account', 'epayment']);
  await useComponents(dataSource, regions['09184'], ['form-server', 'service-account']);
  return { regions, leistungen };
}
