import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnKit } from './migration-kit';

/**
 * Connectable services ("Connect, don't build", DOMAIN.md §5a, §6): the federal, Land and EfA
 * services a municipality connects to, and per municipality how far its connection has come.
 * The services themselves are shipped reference data, loaded at start-up from
 * `data/reference/anschliessbare-dienste.csv` (`importers/reference-data.ts`), not here.
 */
export class ConnectableServices1765300000000 implements MigrationInterface {
  name = 'ConnectableServices1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'connectable_services',
        columns: [
          c.id(),
          { ...c.varchar('code', 60), isUnique: true },
          c.varchar('name', 200),
          c.varchar('kind', 10),
          c.text('components', false),
          c.text('ozg_ids', false),
          c.text('land_keys', false),
          c.varchar('operator', 300),
          c.varchar('url', 500, true),
          c.varchar('maturity_model', 10, true),
          c.integer('maturity_level', true),
          c.text('source', false),
          c.text('note'),
          c.boolean('is_active', true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'service_connections',
        columns: [
          c.id(),
          c.integer('region_id'),
          c.integer('service_id'),
          c.varchar('status', 20),
          c.text('note'),
          c.timestamp('updated_at'),
          c.varchar('updated_by', 200),
        ],
        indices: [
          new TableIndex({
            name: 'uq_service_connections_region_service',
            columnNames: ['region_id', 'service_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_service_connections_service_id', columnNames: ['service_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['region_id'],
            referencedTableName: 'regions',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            columnNames: ['service_id'],
            referencedTableName: 'connectable_services',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('service_connections');
    await queryRunner.dropTable('connectable_services');
  }
}
