import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Database } from './database';

/**
 * Finds one entity by the value of a single column, like `manager.findOneBy`, but with the
 * SQL built once per database and hydrated with the driver's own converters (see
 * `entities/database-lookup.ts` for why).
 *
 * An entry point kept for existing callers: new code calls `db.findOneBy(target, property,
 * value, manager)` on the {@link Database} it was handed.
 */
export function findOneByColumn<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  property: keyof T & string,
  value: string | number,
): Promise<T | null> {
  return Database.of(manager.connection).findOneBy(target, property, value, manager);
}
