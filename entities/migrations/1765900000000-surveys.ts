import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnKit } from './migration-kit';

const regionKey = (onDelete: 'RESTRICT' | 'CASCADE') =>
  new TableForeignKey({
    columnNames: ['region_id'],
    referencedTableName: 'regions',
    referencedColumnNames: ['id'],
    onDelete,
  });

/**
 * Self-assessments and survey rounds (issue 17, DOMAIN.md §9): each municipality's answers to
 * the questionnaire in the version they were given in, the rounds a coordinator opens for an
 * area, and per municipality its personal link (only the token's hash) and how far it has come.
 */
export class Surveys1765900000000 implements MigrationInterface {
  name = 'Surveys1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'self_assessments',
        columns: [
          c.id(),
          { ...c.integer('region_id'), isUnique: true },
          c.integer('questionnaire_version'),
          c.text('answers', false),
          c.timestamp('updated_at'),
          c.varchar('updated_by', 200),
        ],
        foreignKeys: [regionKey('RESTRICT')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'survey_rounds',
        columns: [
          c.id(),
          c.varchar('area_key', 12),
          c.varchar('area_name', 120),
          c.varchar('title', 200),
          c.date('deadline'),
          c.date('links_valid_until'),
          c.integer('questionnaire_version'),
          c.varchar('status', 10),
          c.timestamp('opened_at'),
          c.varchar('opened_by', 200),
          c.timestamp('closed_at', true),
          c.varchar('closed_by', 200, true),
          c.text('snapshot'),
        ],
        indices: [new TableIndex({ name: 'ix_survey_rounds_area_key', columnNames: ['area_key'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'survey_round_members',
        columns: [
          c.id(),
          c.integer('round_id'),
          c.integer('region_id'),
          c.varchar('email', 300, true),
          { ...c.varchar('token_hash', 64, true), isUnique: true },
          c.varchar('token_prefix', 16, true),
          c.timestamp('link_issued_at', true),
          c.timestamp('link_expires_at', true),
          c.timestamp('revoked_at', true),
          c.timestamp('answered_at', true),
          c.timestamp('confirmed_at', true),
          c.timestamp('components_updated_at', true),
          c.timestamp('reminded_at', true),
          c.integer('reminders'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_survey_round_members_round_region',
            columnNames: ['round_id', 'region_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_survey_round_members_region_id', columnNames: ['region_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['round_id'],
            referencedTableName: 'survey_rounds',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          regionKey('RESTRICT'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['survey_round_members', 'survey_rounds', 'self_assessments']) {
      await queryRunner.dropTable(table);
    }
  }
}
