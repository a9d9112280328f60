import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { columnKit } from './migration-kit';

/**
 * Persisted background jobs (issue 15): the `jobs` table of `entities/job.entity.ts` and the
 * uploaded bytes of each job in `job_payloads`, binary on both databases.
 */
export class Jobs1766100000000 implements MigrationInterface {
  name = 'Jobs1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'jobs',
        columns: [
          c.id(),
          c.varchar('kind', 40),
          c.text('options', false),
          c.varchar('status', 10),
          { name: 'attempts', type: 'integer', default: 0 },
          c.text('result'),
          c.text('error'),
          c.integer('owner_id', true),
          c.varchar('queued_by', 200),
          c.integer('follows_id', true),
          c.varchar('claim', 40, true),
          c.createdAt(),
          c.timestamp('started_at', true),
          c.timestamp('heartbeat_at', true),
          c.timestamp('finished_at', true),
        ],
        indices: [
          { name: 'ix_jobs_status_id', columnNames: ['status', 'id'] },
          { name: 'ix_jobs_owner_id', columnNames: ['owner_id'] },
          { name: 'ux_jobs_follows_id', columnNames: ['follows_id'], isUnique: true },
        ],
      }),
    );
    // No entity: TypeORM has no binary type for both databases, and the bytes are only ever
    // written once and read by the runner (`jobs/job-store.ts`).
    await queryRunner.createTable(
      new Table({
        name: 'job_payloads',
        columns: [
          { name: 'job_id', type: 'integer', isPrimary: true },
          { name: 'data', type: postgres ? 'bytea' : 'blob' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('job_payloads');
    await queryRunner.dropTable('jobs');
  }
}
