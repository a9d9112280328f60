import type { EntityManager } from 'typeorm';
import { Operator, ProductSuggestion, type Region } from '../entities';

/** At most this many operator names are suggested (the reference list is about 200). */
const OPERATOR_SUGGESTIONS = 300;

/**
 * Operator names worth suggesting when a municipality's record is edited: the reference list
 * and the shared operators already serving its Kreis (never the municipalities' own IT
 * departments, one per municipality), alphabetically.
 */
export async function operatorNameSuggestions(
  manager: EntityManager,
  region: Pick<Region, 'kreisKey'>,
): Promise<string[]> {
  const qb = manager
    .createQueryBuilder(Operator, 'o')
    .select('o.name', 'name')
    .where("o.type <> 'own-it'")
    .orderBy('o.name', 'ASC')
    .limit(OPERATOR_SUGGESTIONS);
  if (region.kreisKey) {
    qb.andWhere(
      "(o.origin = 'reference' OR o.id IN (SELECT cr.operator_id FROM component_records cr JOIN regions r ON r.id = cr.region_id WHERE r.kreis_key = :kreis))",
      { kreis: region.kreisKey },
    );
  } else {
    qb.andWhere("o.origin = 'reference'");
  }
  return (await qb.getRawMany<{ name: string }>()).map((r) => r.name);
}

/** The product names suggested for a component, alphabetically. */
export async function productNameSuggestions(manager: EntityManager, componentId: number): Promise<string[]> {
  const rows = await manager.find(ProductSuggestion, { where: { componentId }, order: { name: 'ASC' } });
  return rows.map((p) => p.name);
}
