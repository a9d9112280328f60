import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { SqlRunner } from './database-sql';

/** The SQL of a lookup and, per column, how to turn the raw value into the entity's. */
interface Lookup {
  sql: string;
  columns: { property: string; alias: string; hydrate: ((value: unknown) => unknown) | null }[];
}

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
 * `findOneBy` on a single column for a {@link Database}: the SQL is built once per entity and
 * column and hydrated with the driver's own converters.
 *
 * NOTE: TypeORM builds and parses the query anew on every `findOneBy`; on the hot read paths
 * (a municipality looked up on every inventory request) that cost more than the query itself.
 * Text and number columns, which the driver returns unchanged, skip its converter. The reader
 * and the writer connection share the lookups: same driver, same SQL.
 */
export class EntityLookups {
  private readonly lookups = new Map<string, Lookup>();

  constructor(private readonly sql: SqlRunner) {}

  /** The entity whose `property` equals `value`, read on the manager's connection, or null. */
  async findOneBy<T extends ObjectLiteral>(
    manager: EntityManager,
    target: EntityTarget<T>,
    property: keyof T & string,
    value: string | number,
  ): Promise<T | null> {
    const metadata = manager.connection.getMetadata(target);
    const cacheKey = `${metadata.tableName}.${property}`;
    let lookup = this.lookups.get(cacheKey);
    if (!lookup) {
      lookup = buildLookup(manager, target as EntityTarget<ObjectLiteral>, property);
      this.lookups.set(cacheKey, lookup);
    }
    const rows = await this.sql.rows<Record<string, unknown>>(manager, lookup.sql, [value]);
    if (rows.length === 0) return null;
    const entity = metadata.create() as Record<string, unknown>;
    const row = rows[0];
    for (const column of lookup.columns) {
      const raw = row[column.alias];
      entity[column.property] = column.hydrate ? column.hydrate(raw) : raw;
    }
    return entity as T;
  }
}
