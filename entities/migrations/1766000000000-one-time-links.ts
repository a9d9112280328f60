import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { columnKit } from './migration-kit';

/**
 * One-time links (issue 14): the setup link that creates the first admin in the browser, and
 * invitation links with which invited users set their own password.
 */
export class OneTimeLinks1766000000000 implements MigrationInterface {
  name = 'OneTimeLinks1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'one_time_links',
        columns: [
          c.id(),
          c.varchar('token_hash', 64),
          c.varchar('purpose', 20),
          c.integer('user_id', true),
          c.varchar('created_by', 200),
          c.createdAt(),
          c.timestamp('expires_at'),
          c.timestamp('used_at', true),
        ],
        indices: [
          { name: 'ux_one_time_links_token_hash', columnNames: ['token_hash'], isUnique: true },
          { name: 'ix_one_time_links_user_id', columnNames: ['user_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('one_time_links');
  }
}
