import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { columnKit } from './migration-kit';

/**
 * Failed sign-ins per account and per client, shared by every instance on the database
 * (issue 12): the in-memory counters they replace were per process and per address, so a
 * second instance or a changing `X-Forwarded-For` started them afresh.
 */
export class LoginThrottle1765400000000 implements MigrationInterface {
  name = 'LoginThrottle1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          { ...c.varchar('key', 300), isPrimary: true },
          c.integer('failures'),
          { name: 'window_start', type: 'bigint', isNullable: false },
          { name: 'locked_until', type: 'bigint', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('login_throttle');
  }
}
