import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { columnKit } from './migration-kit';

/**
 * The position of each synchronisation with a public source (issue 13: dashboard data API,
 * PVOG Bereitstelldienst, FIM Portal), so an interrupted sync resumes where it stopped.
 */
export class SyncStates1765600000000 implements MigrationInterface {
  name = 'SyncStates1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'sync_states',
        columns: [
          c.id(),
          c.varchar('source', 30),
          c.varchar('scope', 300),
          c.varchar('status', 20),
          c.integer('next_index'),
          c.text('next_url'),
          c.integer('pages_done'),
          c.integer('pages_total', true),
          c.timestamp('started_at'),
          c.timestamp('updated_at'),
          c.timestamp('finished_at', true),
          c.text('last_error'),
          c.text('import_run_ids', false),
        ],
        indices: [
          new TableIndex({ name: 'ux_sync_states_source_scope', columnNames: ['source', 'scope'], isUnique: true }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sync_states');
  }
}
