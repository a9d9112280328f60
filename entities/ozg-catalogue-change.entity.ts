import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a catalogue import did to one OZG-Leistung. */
export type OzgCatalogueChangeKind = 'added' | 'changed' | 'deactivated' | 'reactivated';

/**
 * One line of the catalogue's history: which import run added, changed, deactivated or
 * reactivated an OZG-Leistung, when, and (for changes) each field's old and new value.
 */
@Entity({ name: 'ozg_catalogue_changes' })
@Index('ix_ozg_catalogue_changes_ozg', ['ozgId', 'changedAt'])
export class OzgCatalogueChange {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('ix_ozg_catalogue_changes_run')
  @Column({ name: 'import_run_id', type: 'integer' })
  importRunId!: number;

  @Column({ name: 'ozg_id', type: 'integer' })
  ozgId!: number;

  @Column({ type: 'varchar', length: 20 })
  change!: OzgCatalogueChangeKind;

  /** Changed fields: `{ name: { from, to } }`; null for added and deactivated. */
  @Column({ type: 'simple-json', nullable: true })
  fields!: Record<string, { from: unknown; to: unknown }> | null;

  @Column({ name: 'changed_at', type: Date })
  changedAt!: Date;
}
