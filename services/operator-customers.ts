import type { EntityManager } from 'typeorm';
import { ComponentRecord, Region } from '../entities';
import type { ComponentStatus } from '../lib/vocabulary';

/** A municipality an operator runs components for, with those components. */
export interface OperatorCustomer {
  key: string;
  name: string;
  level: string;
  components: { code: string; label: string; status: ComponentStatus; product: string | null }[];
}

/** Municipalities listed per operator page; the count says how many there are in all. */
export const CUSTOMERS_SHOWN = 500;

/**
 * Whom an operator serves, from the component records naming it: the municipalities (by name,
 * the first {@link CUSTOMERS_SHOWN}) with the components it runs for each, and the total.
 */
export async function operatorCustomers(
  manager: EntityManager,
  operatorId: number,
): Promise<{ customers: OperatorCustomer[]; total: number }> {
  const rows: {
    key: string;
    name: string;
    level: string;
    code: string;
    label: string;
    status: ComponentStatus;
    product: string | null;
  }[] = await manager
    .createQueryBuilder(ComponentRecord, 'cr')
    .innerJoin('cr.region', 'r')
    .innerJoin('cr.component', 'c')
    .select('r.key', 'key')
    .addSelect('r.name', 'name')
    .addSelect('r.level', 'level')
    .addSelect('c.code', 'code')
    .addSelect('c.label', 'label')
    .addSelect('cr.status', 'status')
    .addSelect('cr.product', 'product')
    .where('cr.operatorId = :operatorId', { operatorId })
    .orderBy('r.nameSearch', 'ASC')
    .addOrderBy('r.key', 'ASC')
    .addOrderBy('c.sortOrder', 'ASC')
    .getRawMany();
  const byKey = new Map<string, OperatorCustomer>();
  for (const row of rows) {
    let customer = byKey.get(row.key);
    if (!customer) {
      customer = { key: row.key, name: row.name, level: row.level, components: [] };
      byKey.set(row.key, customer);
    }
    customer.components.push({ code: row.code, label: row.label, status: row.status, product: row.product });
  }
  const all = [...byKey.values()];
  return { customers: all.slice(0, CUSTOMERS_SHOWN), total: all.length };
}

/** Names of the Länder by key ("16" → "Thüringen"), for the keys given. */
export async function landNames(manager: EntityManager, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const lands = await manager
    .createQueryBuilder(Region, 'r')
    .select(['r.key', 'r.name'])
    .where("r.level = 'land'")
    .andWhere('r.key IN (:...keys)', { keys })
    .getMany();
  return new Map(lands.map((l) => [l.key, l.name]));
}
