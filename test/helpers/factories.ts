import type { DataSource, EntityManager } from 'typeorm';
import { Operator, Region } from '../../entities';
import { levelOfKey, type RegionLevel } from '../../lib/keys';
import { searchKey } from '../../lib/text';
import type { OperatorType } from '../../lib/vocabulary';

let sequence = 0;

/**
 * Creates a region (and nothing else). Ancestor keys are derived from the key the way the
 * Gemeindeverzeichnis builds them; pass `verbandKey` to place a Gemeinde in a Verband. Pass a
 * transaction's EntityManager to create it inside that transaction.
 */
export async function makeRegion(
  dataSource: DataSource | EntityManager,
  key: string,
  overrides: Partial<Region> = {},
): Promise<Region> {
  const level = (overrides.level ?? levelOfKey(key)) as RegionLevel;
  const name = overrides.name ?? `Testgebiet ${key}`;
  const isMunicipality = level === 'gemeinde';
  return dataSource.getRepository(Region).save({
    key,
    level,
    name,
    nameSearch: searchKey(name),
    seat: null,
    textCode: null,
    typeLabel: null,
    ars: isMunicipality ? `${key.slice(0, 5)}${overrides.verbandKey?.slice(5, 9) ?? '0000'}${key.slice(5, 8)}` : null,
    parentKey: key.length > 2 ? key.slice(0, key.length >= 8 ? 5 : 2) : null,
    landKey: key.slice(0, 2),
    rbKey: key.length >= 3 ? key.slice(0, 3) : null,
    kreisKey: key.length >= 5 ? key.slice(0, 5) : null,
    verbandKey: null,
    population: isMunicipality ? 1000 : null,
    areaHa: null,
    postcode: null,
    isUnincorporated: false,
    isCurrent: true,
    gebietsstand: '2025-08-31',
    retiredGebietsstand: null,
    successorKey: null,
    ...overrides,
  });
}

/** Creates an operator with a unique name unless one is given. */
export async function makeOperator(
  dataSource: DataSource,
  overrides: Partial<Operator> & { type?: OperatorType } = {},
): Promise<Operator> {
  sequence += 1;
  const name = overrides.name ?? `Test-Dienstleister ${sequence}`;
  return dataSource.getRepository(Operator).save({
    name,
    nameKey: searchKey(name),
    shortName: null,
    type: 'municipal-provider',
    website: null,
    landKeys: null,
    note: null,
    origin: 'user',
    ...overrides,
  });
}
