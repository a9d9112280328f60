import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FimDataElement } from './fim-data-element.entity';

/**
 * A Leistungsschlüssel an XDatenfelder element names. XDatenfelder has no element for it: it is
 * found in free text (`beschreibung`, `definition`, `bezug`), a heuristic that `source` records.
 */
@Entity({ name: 'fim_schema_leistungen' })
@Index('uq_fim_schema_leistungen', ['elementId', 'schluessel'], { unique: true })
export class FimSchemaLeistung {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'element_id', type: 'integer' })
  elementId!: number;

  @ManyToOne(() => FimDataElement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'element_id' })
  element?: FimDataElement;

  @Index('ix_fim_schema_leistungen_schluessel')
  @Column({ type: 'varchar', length: 14 })
  schluessel!: string;

  /** How it was found: `text` (free text). */
  @Column({ type: 'varchar', length: 10 })
  source!: string;

  /** The text field it was found in. */
  @Column({ type: 'varchar', length: 20 })
  field!: string;
}
