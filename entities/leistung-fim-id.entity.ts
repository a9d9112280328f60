import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Leistung } from './leistung.entity';

/**
 * The id a FIM Redaktion uses for a Leistung. XZuFi ids are unique only together with
 * the Redaktion (`schemeAgencyID`), and one Leistung is described by many Redaktionen.
 */
@Entity({ name: 'leistung_fim_ids' })
@Index('uq_leistung_fim_ids_redaktion_id', ['redaktion', 'fimId'], { unique: true })
export class LeistungFimId {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('ix_leistung_fim_ids_leistung')
  @Column({ name: 'leistung_id', type: 'integer' })
  leistungId!: number;

  @ManyToOne(() => Leistung, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'leistung_id' })
  leistung?: Leistung;

  /** The Redaktion (schemeAgencyID), e.g. a Land's editorial office. */
  @Column({ type: 'varchar', length: 100 })
  redaktion!: string;

  @Column({ name: 'fim_id', type: 'varchar', length: 200 })
  fimId!: string;

  /** False after a `loesche` from this Redaktion. */
  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;
}
