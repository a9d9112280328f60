import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnKit } from './migration-kit';

/** LeiKa-Leistungen (shared by the OZG catalogue and FIM imports), their FIM ids, OZG-Leistungen. */
export class Leistungen1764100000000 implements MigrationInterface {
  name = 'Leistungen1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'leistungen',
        columns: [
          c.id(),
          { ...c.varchar('schluessel', 14), isUnique: true },
          c.varchar('name', 500),
          c.varchar('name_search', 500),
          c.text('name2'),
          c.text('short_text'),
          c.varchar('typisierung', 20, true),
          c.varchar('typisierung_source', 20, true),
          c.varchar('vertrauensniveau', 40, true),
          { ...c.boolean('fee_bearing'), isNullable: true },
          c.integer('ozg_id', true),
          c.boolean('in_catalogue', false),
          c.boolean('from_fim', false),
          c.boolean('is_active', true),
          c.text('legal_basis'),
          { ...c.boolean('sdg_relevant'), isNullable: true },
          c.createdAt(),
          c.createdAt('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_leistungen_name_search', columnNames: ['name_search'] }),
          new TableIndex({ name: 'ix_leistungen_typisierung', columnNames: ['typisierung'] }),
          new TableIndex({ name: 'ix_leistungen_ozg_id', columnNames: ['ozg_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'leistung_fim_ids',
        columns: [
          c.id(),
          c.integer('leistung_id'),
          c.varchar('redaktion', 100),
          c.varchar('fim_id', 200),
          c.boolean('is_active', true),
        ],
        indices: [
          new TableIndex({
            name: 'uq_leistung_fim_ids_redaktion_id',
            columnNames: ['redaktion', 'fim_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_leistung_fim_ids_leistung', columnNames: ['leistung_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['leistung_id'],
            referencedTableName: 'leistungen',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ozg_leistungen',
        columns: [
          c.id(),
          { ...c.integer('ozg_id'), isUnique: true },
          c.varchar('name', 300),
          c.integer('themenfeld_id', true),
          c.varchar('themenfeld', 120, true),
          c.integer('lebenslage_id', true),
          c.varchar('lebenslage', 200, true),
          c.varchar('edition', 80),
          c.boolean('is_active', true),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ozg_leistungen');
    await queryRunner.dropTable('leistung_fim_ids');
    await queryRunner.dropTable('leistungen');
  }
}
