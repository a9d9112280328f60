import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Kinds of XDatenfelder elements stored in `fim_data_elements`. */
export type FimDataElementKind = 'stammdatenschema' | 'datenfeldgruppe' | 'datenfeld' | 'regel';

/**
 * One version of an XDatenfelder element: a Stammdatenschema, a Datenfeldgruppe, a Datenfeld or
 * a Regel. (id, version) identifies content: an imported version never changes, except for
 * its status and dates (`status_*`, `content.letzteAenderung` …), which FIM updates in place.
 * The tree of a schema or group is in `fim_data_structure`.
 */
@Entity({ name: 'fim_data_elements' })
@Index('uq_fim_data_elements_id_version', ['fimId', 'version'], { unique: true })
export class FimDataElement {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('ix_fim_data_elements_kind')
  @Column({ type: 'varchar', length: 20 })
  kind!: FimDataElementKind;

  /** FIM id, e.g. `S00000000364`, `G60000000088`, `F60000000319`. */
  @Column({ name: 'fim_id', type: 'varchar', length: 40 })
  fimId!: string;

  /** Version as written (`1.0`, `1.0.0`); empty when XDatenfelder 2.0 gave none. */
  @Column({ type: 'varchar', length: 20 })
  version!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  name!: string | null;

  /** XDatenfelder version of the message it came from (`2.0`, `3.0.0`). */
  @Column({ name: 'xdf_version', type: 'varchar', length: 10 })
  xdfVersion!: string;

  /** `freigabestatus` (3.0, codes 1–8) or `status` (2.0). */
  @Column({ name: 'status_list', type: 'varchar', length: 20, nullable: true })
  statusList!: string | null;

  @Column({ name: 'status_code', type: 'varchar', length: 40, nullable: true })
  statusCode!: string | null;

  @Column({ name: 'status_label', type: 'varchar', length: 80, nullable: true })
  statusLabel!: string | null;

  /** The element as parsed (without its tree), for the API. */
  @Column({ type: 'simple-json' })
  content!: Record<string, unknown>;

  /** Hash of the immutable part of the content (everything but status and dates). */
  @Column({ name: 'content_sha256', type: 'varchar', length: 64 })
  contentSha256!: string;

  /** Hash of the mutable part (status and dates), to tell an update from no change. */
  @Column({ name: 'meta_sha256', type: 'varchar', length: 64 })
  metaSha256!: string;

  @Column({ name: 'import_run_id', type: 'integer', nullable: true })
  importRunId!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
