import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { columnKit } from './migration-kit';

/**
 * Leistungsmerkmale as editable rules (issue 11): online relevance per Leistungsschlüssel or
 * Verrichtung, fee and Vertrauensniveau per Leistungsschlüssel, each with a reason and a source.
 * The shipped table (`data/reference/leistungsmerkmale.csv`) is loaded at the next start.
 */
export class LeistungTraits1765000000000 implements MigrationInterface {
  name = 'LeistungTraits1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'leistung_traits',
        columns: [
          c.id(),
          { ...c.varchar('leistungsschluessel', 14), default: "''" },
          { ...c.varchar('verrichtung', 3), default: "''" },
          { ...c.boolean('online_relevant'), isNullable: true },
          { ...c.boolean('fee_bearing'), isNullable: true },
          c.varchar('vertrauensniveau', 40, true),
          c.text('reason', false),
          { ...c.text('source', false), default: "''" },
          { ...c.varchar('origin', 10), default: "'default'" },
        ],
        indices: [
          new TableIndex({
            name: 'uq_leistung_traits_scope',
            columnNames: ['leistungsschluessel', 'verrichtung'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('leistung_traits');
  }
}
