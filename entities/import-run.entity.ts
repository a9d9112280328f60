import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One run of an importer (also dry runs and rejected files), with its summary. */
@Entity({ name: 'import_runs' })
@Index('ix_import_runs_kind_started', ['kind', 'startedAt'])
export class ImportRun {
  @PrimaryGeneratedColumn()
  id!: number;

  /** `regions`, `inventory`, `reference`, … */
  @Column({ type: 'varchar', length: 30 })
  kind!: string;

  /** File name or other description of the source. */
  @Column({ name: 'source_name', type: 'varchar', length: 300 })
  sourceName!: string;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun!: boolean;

  /** `succeeded` (written or validated) or `rejected` (nothing written because of errors). */
  @Column({ type: 'varchar', length: 20 })
  status!: 'succeeded' | 'rejected';

  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ name: 'started_at', type: Date })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: Date })
  finishedAt!: Date;

  /** Counts and headline facts of the report (not every row problem). */
  @Column({ type: 'simple-json' })
  summary!: Record<string, unknown>;
}
