import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FimDataElement } from './fim-data-element.entity';

/**
 * One `struktur` entry of a schema or group: at `position`, the parent contains the child
 * (a group or a field) `anzahl` times (`min_count`..`max_count`; `max_count` null = unbounded).
 */
@Entity({ name: 'fim_data_structure' })
@Index('uq_fim_data_structure_position', ['parentId', 'position'], { unique: true })
export class FimDataStructure {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'parent_id', type: 'integer' })
  parentId!: number;

  @ManyToOne(() => FimDataElement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: FimDataElement;

  @Column({ type: 'integer' })
  position!: number;

  @Index('ix_fim_data_structure_child')
  @Column({ name: 'child_id', type: 'integer' })
  childId!: number;

  @ManyToOne(() => FimDataElement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id' })
  child?: FimDataElement;

  /** As written, e.g. `0:1`, `1:*`. */
  @Column({ type: 'varchar', length: 20 })
  anzahl!: string;

  @Column({ name: 'min_count', type: 'integer', nullable: true })
  minCount!: number | null;

  @Column({ name: 'max_count', type: 'integer', nullable: true })
  maxCount!: number | null;

  /** Legal references of this use (`bezug`). */
  @Column({ type: 'simple-json' })
  bezug!: { text: string; link?: string }[];
}
