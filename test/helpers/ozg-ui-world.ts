/**
 * The small, hand-computed OZG world of the web pages (the one of gap-reports.test.ts): Land 09
 * with the kreisfreie Stadt 09162 and the Landkreis 09184 of three Gemeinden; three
 * OZG-Leistungen. The same as in ui-ozg.test.ts, shared so other page tests check the same figures.
 */
import type { DataSource } from 'typeorm';
import { makeLeistung, makeOffering, makeOzgLeistung, setRules, useComponents } from './ozg-factories';
import { buildWorldRegions, WORLD_RULES } from './ozg-world';

/** Builds the world into a migrated database. */
export async function buildOzgUiWorld(dataSource: DataSource): Promise<void> {
  const regions = await buildWorldRegions(dataSource);
  await makeOzgLeistung(dataSource, 10119, 'Personalausweis');
  await makeOzgLeistung(dataSource, 10200, 'Kfz-Zulassung', {
    themenfeld: 'Mobilität & Reisen',
    themenfeldId: 9,
    lebenslage: 'Fahrzeug',
    lebenslageId: 21,
  });
  await makeOzgLeistung(dataSource, 10160, 'Hundehaltung <Steuer>', {
    themenfeld: 'Engagement & Hobby',
    themenfeldId: 5,
    lebenslage: 'Haustiere',
    lebenslageId: 30,
  });
  const leistungen: Record<string, number> = {};
  leistungen.A = (
    await makeLeistung(dataSource, '99000000000001', 10119, '2/3', { name: 'Personalausweis Ausstellung' })
  ).id;
  leistungen.B = (await makeLeistung(dataSource, '99000000000002', 10119, '1')).id;
  leistungen.C = (await makeLeistung(dataSource, '99000000000003', 10200, '2/3')).id;
  leistungen.D = (
    await makeLeistung(dataSource, '99000000000004', 10200, '4', { feeBearing: false, vertrauensniveau: '20' })
  ).id;
  leistungen.E = (await makeLeistung(dataSource, '99000000000005', 10160, '5', { name: 'Hundesteuer Anmeldung' })).id;
  await setRules(dataSource, WORLD_RULES);

  const o = (key: string, leistung: string, overrides: Parameters<typeof makeOffering>[3] = {}) =>
    makeOffering(dataSource, regions[key], leistungen[leistung], overrides);
  await o('09162000', 'A', { level: 3 });
  await o('09184001', 'A', { level: 4, url: 'https://aschheim.example.de/ausweis' });
  await o('09184002', 'A', { level: 2 });
  await o('09184003', 'A', { status: 'planned', url: 'javascript:alert(1)' });
  await o('09162000', 'C', { level: 6, model: 'RGM-2.0' });
  await o('09162000', 'D', { level: 3 });
  await o('09184', 'C', { level: 3 });
  await o('09184', 'D', { level: 1 });
  await o('09', 'E', { level: 3, flaechendeckend: true, url: 'https://land.example.de/hundesteuer' });
  // Baierbrunn records every component as not used; Aschheim and München record nothing (no data).
  await useComponents(
    dataSource,
    regions['09184002'],
    ['form-server', 'service-account', 'eid', 'epayment', 'mailbox'],
    'not-used',
  );
  await useComponents(dataSource, regions['09184003'], ['form-server', 'service-account', 'epayment']);
  await useComponents(dataSource, regions['09184'], ['form-server', 'service-account']);
}
