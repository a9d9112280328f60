import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { rawQuery } from './raw-query';

/** The SQL of a lookup and, per column, how to turn the raw value into the entity's. */
interface Lookup {
  sql: string;
  columns: { property: string; alias: string; hydrate: ((value: unknown) => unknown) | null }[];
}

const lookups = new WeakMap<object, Map<string, Lookup>>();

/** Column types the driver hands back as they are (no transformer): text and numbers. */
const PLAIN_TYPES = new Set<unknown>(['varchar', 'character varying', 'text', 'integer', 'int', String, Number]);

function buildLookup(manager: EntityManager, target: EntityTarget<ObjectLiteral>, property: string): Lookup {
  const metadata = manager.connection.getMetadata(target);
  const qb = manager.createQueryBuilder(target, 'e').select([]);
  for (const column of metadata.columns) qb.addSelect(`e.${column.propertyName}`, column.databaseName);
  // A string placeholder value, because TypeORM inlines numeric literals on SQLite.
  const [sql] = qb.where(`e.${property} = :value`, { value: 'placeholder' }).limit(1).getQueryAndParameters();
  const driver = manager.connection.driver;
  const plain = (column: ColumnMetadata) => PLAIN_TYPES.has(column.type) && !column.transformer;
  return {
    sql,
    columns: metadata.columns.map((column) => ({
      property: column.propertyName,
      alias: column.databaseName,
      hydrate: plain(column) ? null : (value: unknown) => driver.prepareHydratedValue(value, column),
    })),
  };
}

/**
 * Finds one entity by the value of a single column, like `manager.findOneBy`, but with the
 * SQL built once per database and hydrated with the driver's own converters.
 *
 * NOTE: TypeORM builds and parses the query anew on every `findOneBy`; on the hot read paths
 * (a municipality looked up on every inventory request) that cost more than the query itself.
 * Text and number columns, which the driver returns unchanged, skip its converter.
 */
export async function findOneByColumn<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  property: keyof T & string,
  value: string | number,
): Promise<T | null> {
  const metadata = manager.connection.getMetadata(target);
  let byProperty = lookups.get(manager.connection);
  if (!byProperty) {
    byProperty = new Map();
    lookups.set(manager.connection, byProperty);
  }
  const cacheKey = `${metadata.tableName}.${property}`;
  let lookup = byProperty.get(cacheKey);
  if (!lookup) {
    lookup = buildLookup(manager, target as EntityTarget<ObjectLiteral>, property);
    byProperty.set(cacheKey, lookup);
  }
  const rows = await rawQuery<Record<string, unknown>>(manager, lookup.sql, [value]);
  if (rows.length === 0) return null;
  const entity = metadata.create() as Record<string, unknown>;
  const row = rows[0];
  for (const column of lookup.columns) {
    const raw = row[column.alias];
    entity[column.property] = column.hydrate ? column.hydrate(raw) : raw;
  }
  return entity as T;
}
