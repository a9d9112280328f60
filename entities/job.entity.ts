import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Where a job stands: waiting, being run by one runner, or finished either way. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * A background job (`jobs/`): a web import now, anything the job kinds of `jobs/kinds.ts` run.
 * Persisted so a restart does not lose a queued job; the runner that claims it marks it
 * `running` with its claim token and a heartbeat, so a job left running by a crashed process
 * is found and queued again. The uploaded bytes sit in `job_payloads` (one row per job, a
 * BLOB on SQLite and a BYTEA on PostgreSQL — a type TypeORM cannot declare once for both),
 * read and written only by `jobs/job-store.ts`.
 */
@Entity({ name: 'jobs' })
@Index('ix_jobs_status_id', ['status', 'id'])
export class Job {
  @PrimaryGeneratedColumn()
  id!: number;

  /** A key of `JOB_KINDS`, e.g. `import.inventory`. */
  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  /** The kind's options besides the bytes (file names, dry run, the actor), as JSON. */
  @Column({ type: 'simple-json' })
  options!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 10 })
  status!: JobStatus;

  /** How often a runner claimed it; a job that keeps crashing its process is given up. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** What the run returned (for an import the `ImportReport`), as JSON. */
  @Column({ type: 'simple-json', nullable: true })
  result!: unknown;

  /** Why it failed, in German, for the page that shows the job. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The web user who queued it (only they see it); null for jobs of the service itself. */
  @Index('ix_jobs_owner_id')
  @Column({ name: 'owner_id', type: 'integer', nullable: true })
  ownerId!: number | null;

  /** Who queued it, as in the audit log. */
  @Column({ name: 'queued_by', type: 'varchar', length: 200 })
  queuedBy!: string;

  /** The job this one continues (the real import after its dry run): at most one per job. */
  @Index('ux_jobs_follows_id', { unique: true })
  @Column({ name: 'follows_id', type: 'integer', nullable: true })
  followsId!: number | null;

  /**
   * At most one job per key: a scheduled run (`sync.pvog@<fire time>`, `snapshots.monthly@<month>`)
   * is queued by the first instance whose timer fires; the others find it.
   */
  @Index('ux_jobs_once_key', { unique: true })
  @Column({ name: 'once_key', type: 'varchar', length: 200, nullable: true })
  onceKey!: string | null;

  /** Set with each claim; only the runner holding it may finish the job. */
  @Column({ name: 'claim', type: 'varchar', length: 40, nullable: true })
  claim!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: Date, nullable: true })
  startedAt!: Date | null;

  /** Renewed by the running runner; an old one means the process died. */
  @Column({ name: 'heartbeat_at', type: Date, nullable: true })
  heartbeatAt!: Date | null;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;
}
