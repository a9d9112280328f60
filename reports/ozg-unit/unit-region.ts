import type { EntityManager } from 'typeorm';
import { Region } from '../../entities';
import { findOneByColumn } from '../../entities/fast-find';
import { findMunicipality } from '../../services/region.service';
import { isKreisfreieStadt } from '../gaps/area';

/** The region whose unit report to show, or the key of the Gemeinde that carries it instead. */
export type UnitRegion = { region: Region; gemeindeKey?: undefined } | { region?: undefined; gemeindeKey: string };

/**
 * The region of a unit report: a Gemeinde, a Gemeindeverband (for the tasks it runs for its
 * members) or a Landkreis; 404 for anything else. A kreisfreie Stadt's Kreis record names its
 * Gemeinde instead, which carries its Kreis tasks.
 */
export async function findUnitRegion(manager: EntityManager, ags: string): Promise<UnitRegion> {
  const region = await findMunicipality(manager, ags);
  if (isKreisfreieStadt(region)) {
    const city = await findOneByColumn(manager, Region, 'key', `${region.key}000`);
    if (city) return { gemeindeKey: city.key };
  }
  return { region };
}
