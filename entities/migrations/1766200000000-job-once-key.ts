import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columnKit } from './migration-kit';

/**
 * The once-key of a job (issue 15): the scheduled syncs and the monthly snapshots are queued by
 * a timer on every instance; the unique key (kind and fire time, or the month) lets the first
 * instance queue the run and every later one find it, on SQLite and PostgreSQL alike.
 */
export class JobOnceKey1766200000000 implements MigrationInterface {
  name = 'JobOnceKey1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.addColumn('jobs', new TableColumn(c.varchar('once_key', 200, true)));
    await queryRunner.createIndex(
      'jobs',
      new TableIndex({ name: 'ux_jobs_once_key', columnNames: ['once_key'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('jobs', 'ux_jobs_once_key');
    await queryRunner.dropColumn('jobs', 'once_key');
  }
}
