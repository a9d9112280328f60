import { type MigrationInterface, type QueryRunner, Table, TableForeignKey } from 'typeorm';
import { columnKit } from './migration-kit';

/** Web interface: users, server-side sessions, inventory confirmations, generated secrets. */
export class UsersSessions1764300000000 implements MigrationInterface {
  name = 'UsersSessions1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          { ...c.varchar('user_name', 80), isUnique: true },
          c.varchar('display_name', 120),
          c.varchar('password_hash', 200),
          c.varchar('role', 20),
          c.text('scopes', false),
          c.createdAt(),
          c.timestamp('password_changed_at'),
          c.timestamp('disabled_at', true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { ...c.varchar('sid_hash', 64), isPrimary: true },
          c.integer('user_id', true),
          c.text('data', false),
          c.timestamp('expires_at'),
        ],
        indices: [
          { name: 'ix_sessions_user_id', columnNames: ['user_id'] },
          { name: 'ix_sessions_expires_at', columnNames: ['expires_at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'inventory_confirmations',
        columns: [
          c.id(),
          { ...c.integer('region_id'), isUnique: true },
          c.timestamp('confirmed_at'),
          c.varchar('confirmed_by', 200),
          c.varchar('landscape_etag', 40),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['region_id'],
            referencedTableName: 'regions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'app_secrets',
        columns: [{ ...c.varchar('name', 60), isPrimary: true }, c.varchar('value', 200), c.createdAt()],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['app_secrets', 'inventory_confirmations', 'sessions', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}
