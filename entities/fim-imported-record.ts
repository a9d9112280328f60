import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * The bookkeeping every record taken from an XZuFi message carries (Leistung, Onlinedienst,
 * Zuständigkeit): a content hash that tells an unchanged re-import from an update, the
 * soft deactivation a `loesche` or a full transfer without it causes, and the run that wrote it.
 */
export abstract class FimImportedRecord {
  /** Hash of the record's content, to tell an unchanged re-import from an update. */
  @Column({ name: 'content_sha256', type: 'varchar', length: 64 })
  contentSha256!: string;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ name: 'deactivated_at', type: Date, nullable: true })
  deactivatedAt!: Date | null;

  /** The import run that last wrote it. */
  @Column({ name: 'import_run_id', type: 'integer', nullable: true })
  importRunId!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
