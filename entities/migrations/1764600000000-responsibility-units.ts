import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { columnKit } from './migration-kit';

/**
 * Administrative units and editable responsibility (issue 10): rules per Leistungsschlüssel as
 * well as per OZG-Leistung and Typ, with task group and source; Land law on Verband and city
 * delegation; city statuses the Gemeindeverzeichnis does not carry; Länder whose Zuständigkeit
 * data are complete; Kreis component records that serve the Kreis's Gemeinden.
 *
 * The shipped default rules of the first release (a Typ table plus nine OZG-Leistungen) are
 * removed: the reviewed table in `data/reference/zustaendigkeitsregeln.csv` replaces them at the
 * next start (`importers/reference-data.ts`), which also rebuilds the derived responsibility.
 * Rules an administrator set (origin `user`) are kept; one that named a Typ and an OZG-Leistung
 * becomes a rule for the OZG-Leistung (a rule now names one scope), and where two such rules
 * named the same OZG-Leistung and Land the older one stays.
 */
export class ResponsibilityUnits1764600000000 implements MigrationInterface {
  name = 'ResponsibilityUnits1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.query(`DELETE FROM "responsibility_rules" WHERE "origin" = 'default'`);
    await queryRunner.dropIndex('responsibility_rules', 'ix_responsibility_rules_typ');
    await queryRunner.addColumns('responsibility_rules', [
      new TableColumn({ ...c.varchar('leistungsschluessel', 14), default: "''" }),
      new TableColumn({ ...c.integer('ozg_scope'), default: 0 }),
      new TableColumn({ ...c.varchar('task_group', 20), default: "''" }),
      new TableColumn({ ...c.text('source', false), default: "''" }),
    ]);
    await queryRunner.query(
      `DELETE FROM "responsibility_rules" WHERE "ozg_id" IS NOT NULL AND "id" NOT IN (
         SELECT MIN("id") FROM "responsibility_rules" WHERE "ozg_id" IS NOT NULL GROUP BY "ozg_id", "land_key")`,
    );
    await queryRunner.query(
      `UPDATE "responsibility_rules" SET "typ" = '', "ozg_scope" = "ozg_id" WHERE "ozg_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE "responsibility_rules" SET "task_group" = 'selbstverwaltung' WHERE "level" = 'gemeinde'`,
    );
    await queryRunner.query(
      `UPDATE "responsibility_rules" SET "task_group" = 'kreis-sonstige' WHERE "level" = 'kreis'`,
    );
    await queryRunner.createIndex(
      'responsibility_rules',
      new TableIndex({
        name: 'uq_responsibility_rules_scope',
        columnNames: ['leistungsschluessel', 'ozg_scope', 'typ', 'land_key'],
        isUnique: true,
      }),
    );
    await queryRunner.addColumn(
      'leistung_responsibilities',
      new TableColumn({ ...c.varchar('task_group', 20), default: "''" }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'task_delegation_rules',
        columns: [
          c.id(),
          c.varchar('land_key', 2),
          c.varchar('unit_type', 40),
          c.varchar('task_group', 20),
          c.varchar('carrier', 10),
          c.text('reason', false),
          { ...c.text('source', false), default: "''" },
          { ...c.varchar('origin', 10), default: "'default'" },
        ],
        indices: [
          new TableIndex({
            name: 'uq_task_delegation_rules',
            columnNames: ['land_key', 'unit_type', 'task_group'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'city_statuses',
        columns: [
          c.id(),
          { ...c.varchar('ags', 8), isUnique: true },
          c.varchar('status', 40),
          { ...c.text('source', false), default: "''" },
          { ...c.varchar('origin', 10), default: "'default'" },
        ],
      }),
    );
    await queryRunner.addColumn('component_records', new TableColumn(c.boolean('serves_members', false)));
    await queryRunner.createTable(
      new Table({
        name: 'complete_zustaendigkeit_laender',
        columns: [
          c.id(),
          { ...c.varchar('land_key', 2), isUnique: true },
          c.varchar('marked_by', 200),
          c.createdAt('marked_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['complete_zustaendigkeit_laender', 'city_statuses', 'task_delegation_rules']) {
      await queryRunner.dropTable(table);
    }
    await queryRunner.dropColumn('component_records', 'serves_members');
    await queryRunner.dropColumn('leistung_responsibilities', 'task_group');
    await queryRunner.dropIndex('responsibility_rules', 'uq_responsibility_rules_scope');
    // Leistungsschlüssel rules have no place in the old table.
    await queryRunner.query(`DELETE FROM "responsibility_rules" WHERE "leistungsschluessel" <> ''`);
    for (const column of ['source', 'task_group', 'ozg_scope', 'leistungsschluessel']) {
      await queryRunner.dropColumn('responsibility_rules', column);
    }
    await queryRunner.createIndex(
      'responsibility_rules',
      new TableIndex({ name: 'ix_responsibility_rules_typ', columnNames: ['typ', 'land_key'] }),
    );
  }
}
