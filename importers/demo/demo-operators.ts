import { In, type EntityManager } from 'typeorm';
import { Operator } from '../../entities';
import { searchKey } from '../../lib/text';
import type { OperatorType } from '../../lib/vocabulary';
import type { DemoOperatorSlot } from './demo-generator';

/**
 * Operators for the demo data. Real reference operators (seeded from
 * `data/reference/kommunale_it_dienstleister_de.csv`, origin `reference`) are reused where they
 * fit the Land: its municipal IT providers, its state provider. Everything else — own IT
 * departments, private providers, a federal operator and any missing provider — is a
 * demo-only operator: its name ends in " (Demo)", its note starts with "Demodaten", and
 * `demo clear` deletes it once no record uses it.
 */
export const DEMO_NAME_SUFFIX = ' (Demo)';
export const DEMO_OPERATOR_NOTE =
  'Demodaten: synthetischer Betreiber aus „demo load“; „demo clear“ entfernt ihn, sobald ihn kein Eintrag mehr nutzt.';

/** Fictitious private providers (names chosen not to match real companies). */
export const DEMO_PRIVATE_PROVIDERS = [
  'Digitalwerk Muster GmbH',
  'AppKommunal Beispiel AG',
  'Chatwerk Beispiel GmbH',
  'Formularservice Muster GmbH',
] as const;

/** Umbrella bodies in the reference list (KDN, 4IT, Vitako) run nothing themselves. */
const UMBRELLA = /dachverband|trägerverband|gesamtzweckverband|bundes-arbeitsgemeinschaft/i;

/** Operator ids for every slot the generator can produce. */
export interface OperatorPool {
  municipal: number[];
  private: number[];
  state: number;
  federal: number;
  ownIt: Map<string, number>;
  /** Demo-only operators created by this run. */
  created: number;
}

/** The id of the operator behind a slot. */
export function operatorIdFor(pool: OperatorPool, slot: DemoOperatorSlot): number {
  switch (slot.type) {
    case 'own-it':
      return pool.ownIt.get(slot.regionKey) as number;
    case 'municipal-provider':
      return pool.municipal[slot.index];
    case 'private-provider':
      return pool.private[slot.index];
    case 'state':
      return pool.state;
    case 'federal':
      return pool.federal;
  }
}

async function referenceOperators(tx: EntityManager, type: OperatorType, landKey: string): Promise<number[]> {
  const candidates = await tx.find(Operator, { where: { origin: 'reference', type }, order: { id: 'ASC' } });
  return candidates
    .filter((o) => (o.landKeys ?? []).includes(landKey) && !UMBRELLA.test(`${o.name} ${o.note ?? ''}`))
    .map((o) => o.id);
}

/** The ids of operators with these names, creating the missing ones as demo-only operators. */
async function ensureDemoOperators(
  tx: EntityManager,
  wanted: Map<string, OperatorType>,
): Promise<{ ids: Map<string, number>; created: number }> {
  const names = [...wanted.keys()];
  const byKey = new Map<string, number>();
  const load = async () => {
    for (let i = 0; i < names.length; i += 500) {
      const found = await tx.find(Operator, {
        select: { id: true, nameKey: true },
        where: { nameKey: In(names.slice(i, i + 500).map(searchKey)) },
      });
      for (const o of found) byKey.set(o.nameKey, o.id);
    }
  };
  await load();
  const missing = names.filter((name) => !byKey.has(searchKey(name)));
  const rows = missing.map((name) => ({
    name,
    nameKey: searchKey(name),
    shortName: null,
    type: wanted.get(name) as OperatorType,
    website: null,
    landKeys: null,
    note: DEMO_OPERATOR_NOTE,
    origin: 'user' as const,
  }));
  // NOTE: chunked because SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 300) await tx.insert(Operator, rows.slice(i, i + 300));
  if (missing.length > 0) await load();
  return { ids: new Map(names.map((name) => [name, byKey.get(searchKey(name)) as number])), created: missing.length };
}

/** The name of a demo-only own IT department (one per municipality, like `ownItOperatorName`). */
export function demoOwnItName(region: { key: string; name: string }): string {
  return `Eigene IT: ${region.name} (${region.key})${DEMO_NAME_SUFFIX}`;
}

/** The reference operators that fit a Land (ids, in seeding order). */
export interface ReferenceProviders {
  municipal: number[];
  state: number[];
}

/** Finds the Land's municipal IT providers and state provider among the reference operators. */
export async function findReferenceProviders(tx: EntityManager, landKey: string): Promise<ReferenceProviders> {
  return {
    municipal: await referenceOperators(tx, 'municipal-provider', landKey),
    state: await referenceOperators(tx, 'state', landKey),
  };
}

/**
 * Builds the operator pool for a Land: reference providers where they exist, demo-only
 * operators for the rest, and an own IT department for each region that needs one.
 */
export async function prepareOperatorPool(
  tx: EntityManager,
  land: { key: string; name: string },
  references: ReferenceProviders,
  ownItRegions: { key: string; name: string }[],
): Promise<OperatorPool> {
  const { municipal, state } = references;
  const wanted = new Map<string, OperatorType>();
  const municipalName = `Kommunaler IT-Dienstleister ${land.name}${DEMO_NAME_SUFFIX}`;
  const stateName = `Landesportal ${land.name}${DEMO_NAME_SUFFIX}`;
  const federalName = `Bund – BundID-Betrieb${DEMO_NAME_SUFFIX}`;
  if (municipal.length === 0) wanted.set(municipalName, 'municipal-provider');
  if (state.length === 0) wanted.set(stateName, 'state');
  wanted.set(federalName, 'federal');
  for (const name of DEMO_PRIVATE_PROVIDERS) wanted.set(`${name}${DEMO_NAME_SUFFIX}`, 'private-provider');
  for (const region of ownItRegions) wanted.set(demoOwnItName(region), 'own-it');
  const { ids, created } = await ensureDemoOperators(tx, wanted);
  return {
    municipal: municipal.length > 0 ? municipal : [ids.get(municipalName) as number],
    private: DEMO_PRIVATE_PROVIDERS.map((name) => ids.get(`${name}${DEMO_NAME_SUFFIX}`) as number),
    state: state.length > 0 ? state[0] : (ids.get(stateName) as number),
    federal: ids.get(federalName) as number,
    ownIt: new Map(ownItRegions.map((r) => [r.key, ids.get(demoOwnItName(r)) as number])),
    created,
  };
}

/** Deletes demo-only operators that no record uses any more; returns how many. */
export async function deleteUnusedDemoOperators(tx: EntityManager): Promise<number> {
  const result = await tx
    .createQueryBuilder()
    .delete()
    .from(Operator)
    .where('name LIKE :suffix', { suffix: `%${DEMO_NAME_SUFFIX}` })
    .andWhere('note = :note', { note: DEMO_OPERATOR_NOTE })
    .andWhere('id NOT IN (SELECT cr.operator_id FROM component_records cr WHERE cr.operator_id IS NOT NULL)')
    .execute();
  return result.affected ?? 0;
}
