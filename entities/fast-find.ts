import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { rawQuery } from './raw-query';

const sqlCache = new WeakMap<object, Map<string, string>>();

/**
 * Finds one entity by the value of a single column, like `manager.findOneBy`, but with the
 * SQL built once per database and hydrated with the driver's own converters.
 *
 * NOTE: TypeORM builds and parses the query anew on every `findOneBy`; on the hot read paths
 * (a municipality looked up on every inventory request) that cost more than the query itself.
 */
export async function findOneByColumn<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  property: keyof T & string,
  value: string | number,
): Promise<T | null> {
  const metadata = manager.connection.getMetadata(target);
  let byProperty = sqlCache.get(manager.connection);
  if (!byProperty) {
    byProperty = new Map();
    sqlCache.set(manager.connection, byProperty);
  }
  const cacheKey = `${metadata.tableName}.${property}`;
  let sql = byProperty.get(cacheKey);
  if (!sql) {
    const qb = manager.createQueryBuilder(target, 'e').select([]);
    for (const column of metadata.columns) qb.addSelect(`e.${column.propertyName}`, column.databaseName);
    // A string placeholder value, because TypeORM inlines numeric literals on SQLite.
    [sql] = qb.where(`e.${property} = :value`, { value: 'placeholder' }).limit(1).getQueryAndParameters();
    byProperty.set(cacheKey, sql);
  }
  const rows = await rawQuery<Record<string, unknown>>(manager, sql, [value]);
  if (rows.length === 0) return null;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    (entity as Record<string, unknown>)[column.propertyName] = manager.connection.driver.prepareHydratedValue(
      rows[0][column.databaseName],
      column,
    );
  }
  return entity;
}
