import type { DataSource } from 'typeorm';
import { Leistung, OzgLeistung, Region } from '../../../entities';
import { DEFAULT_TARGET } from '../../../lib/maturity';
import { takeSnapshot } from '../../../reports/gaps/snapshots';
import { makeLeistung, makeOffering, makeOzgLeistung, rebuild } from '../../helpers/ozg-factories';

/** What the OZG browser tests look at: the Kreis, one of its Gemeinden, a Leistung of the catalogue. */
export interface OzgSeed {
  kreis: string;
  gemeinde: string;
  leistung: string;
  /** The OZG-ID of that Leistung. */
  ozgId: number;
}

async function regionId(dataSource: DataSource, key: string): Promise<number> {
  return (await dataSource.getRepository(Region).findOneByOrFail({ key })).id;
}

/** Leistungen a level carries in Land 09 (from the derived responsibility), in key order. */
async function leistungenOf(dataSource: DataSource, level: 'gemeinde' | 'kreis', limit: number): Promise<number[]> {
  const rows: { id: number }[] = await dataSource.query(
    `SELECT l.id AS "id" FROM leistungen l JOIN leistung_responsibilities lr ON lr.leistung_id = l.id
      WHERE lr.land_key = '09' AND lr.level = ? ORDER BY l.schluessel LIMIT ${limit}`,
    [level],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Hand-made offerings in the Landkreis München on top of the catalogue the service ships (or a
 * small hand-made catalogue when none was loaded): Garching (09184112, with form server, ePayment
 * and service account from the environment) offers Gemeinde Leistungen at levels 2–4, Grasbrunn
 * one at level 1, the Kreis some Kreis Leistungen, the Land one flächendeckend; and two monthly
 * snapshots of the Kreis, so the trend table appears.
 */
export async function seedOzg(dataSource: DataSource): Promise<OzgSeed> {
  if ((await dataSource.getRepository(OzgLeistung).count()) === 0) {
    await makeOzgLeistung(dataSource, 10119, 'Personalausweis');
    await makeOzgLeistung(dataSource, 10160, 'Hundehaltung', { themenfeld: 'Engagement & Hobby', themenfeldId: 5 });
    await makeOzgLeistung(dataSource, 10200, 'Kfz-Zulassung', { themenfeld: 'Mobilität & Reisen', themenfeldId: 9 });
    await makeLeistung(dataSource, '99000000000001', 10119, '2/3');
    await makeLeistung(dataSource, '99000000000005', 10160, '5');
    await makeLeistung(dataSource, '99000000000003', 10200, '2/3');
    await makeLeistung(dataSource, '99000000000004', 10200, '4');
  }
  await rebuild(dataSource);
  const garching = await regionId(dataSource, '09184112');
  const grasbrunn = await regionId(dataSource, '09184113');
  const kreis = await regionId(dataSource, '09184');
  const land = await regionId(dataSource, '09');
  const gemeinde = await leistungenOf(dataSource, 'gemeinde', 12);
  const kreisLeistungen = await leistungenOf(dataSource, 'kreis', 6);
  for (const [i, id] of gemeinde.entries()) {
    await makeOffering(dataSource, garching, id, {
      level: [4, 3, 3, 2][i % 4],
      url: `https://www.garching.example/service/${id}`,
    });
  }
  if (gemeinde[0] !== undefined) await makeOffering(dataSource, grasbrunn, gemeinde[0], { level: 1 });
  if (gemeinde[1] !== undefined) {
    await makeOffering(dataSource, land, gemeinde[1], {
      level: 3,
      flaechendeckend: true,
      url: 'https://www.freistaat.example/efa',
    });
  }
  for (const [i, id] of kreisLeistungen.entries()) await makeOffering(dataSource, kreis, id, { level: 1 + (i % 4) });
  await takeSnapshot(dataSource, '09184', DEFAULT_TARGET, new Date('2026-10-15T12:00:00Z'));
  await takeSnapshot(dataSource, '09184', DEFAULT_TARGET, new Date('2026-11-15T12:00:00Z'));
  const leistung = await dataSource.getRepository(Leistung).findOneByOrFail({ id: gemeinde[0] });
  return { kreis: '09184', gemeinde: '09184112', leistung: leistung.schluessel, ozgId: leistung.ozgId as number };
}
