import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column definitions that differ between SQLite and PostgreSQL, so each migration is
 * written once for both. They match what TypeORM derives from the entities, which the
 * drift test (`test/integration/migrations.test.ts`) checks.
 */
export function columnKit(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.driver.options.type === 'postgres';
  // NOTE: TypeORM maps a `Date` column to `datetime` on SQLite and to `timestamp` (without
  // time zone) on PostgreSQL; ormconfig.ts makes the latter hold UTC.
  const timestampType = postgres ? 'timestamp' : 'datetime';
  const nowDefault = postgres ? 'now()' : "datetime('now')";
  return {
    id: (): TableColumnOptions => ({
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    timestamp: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: timestampType,
      isNullable: nullable,
    }),
    createdAt: (name = 'created_at'): TableColumnOptions => ({ name, type: timestampType, default: nowDefault }),
    varchar: (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    text: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    integer: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
    boolean: (name: string, defaultValue?: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      ...(defaultValue === undefined ? {} : { default: postgres ? String(defaultValue) : defaultValue ? 1 : 0 }),
    }),
    date: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable }),
  };
}

/**
 * Inserts plain rows with raw, parameterised SQL. Migrations must not go through entity
 * metadata: entities change later, a migration's data must not.
 */
export async function insertRows(
  queryRunner: QueryRunner,
  table: string,
  rows: Record<string, string | number | boolean | null>[],
): Promise<void> {
  const postgres = queryRunner.connection.driver.options.type === 'postgres';
  for (const row of rows) {
    const columns = Object.keys(row);
    const placeholders = columns.map((_, i) => (postgres ? `$${i + 1}` : '?'));
    await queryRunner.query(
      `INSERT INTO "${table}" (${columns.map((col) => `"${col}"`).join(', ')}) VALUES (${placeholders.join(', ')})`,
      columns.map((col) => row[col]),
    );
  }
}
