import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { columnKit } from './migration-kit';

/**
 * Fokusleistung and EfA flags per OZG-Leistung, each with the source that set it, and the
 * history of catalogue updates (issue 13): which OZG-Leistungen an import run added, changed,
 * deactivated or reactivated. Until now a newer catalogue overwrote the old one without a trace.
 */
export class OzgCatalogueFlagsHistory1765700000000 implements MigrationInterface {
  name = 'OzgCatalogueFlagsHistory1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.addColumns('ozg_leistungen', [
      new TableColumn({ ...c.boolean('fokus'), isNullable: true }),
      new TableColumn(c.varchar('fokus_source', 300, true)),
      new TableColumn({ ...c.boolean('efa'), isNullable: true }),
      new TableColumn(c.varchar('efa_source', 300, true)),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'ozg_catalogue_changes',
        columns: [
          c.id(),
          c.integer('import_run_id'),
          c.integer('ozg_id'),
          c.varchar('change', 20),
          c.text('fields', true),
          c.timestamp('changed_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_ozg_catalogue_changes_ozg', columnNames: ['ozg_id', 'changed_at'] }),
          new TableIndex({ name: 'ix_ozg_catalogue_changes_run', columnNames: ['import_run_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ozg_catalogue_changes');
    for (const column of ['efa_source', 'efa', 'fokus_source', 'fokus']) {
      await queryRunner.dropColumn('ozg_leistungen', column);
    }
  }
}
