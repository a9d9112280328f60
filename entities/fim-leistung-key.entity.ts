import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FimLeistung } from './fim-leistung.entity';

/** A Leistungsschlüssel of a FIM Leistung description, in document order (position 1 = primary). */
@Entity({ name: 'fim_leistung_keys' })
@Index('uq_fim_leistung_keys_position', ['fimLeistungId', 'position'], { unique: true })
export class FimLeistungKey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'fim_leistung_id', type: 'integer' })
  fimLeistungId!: number;

  @ManyToOne(() => FimLeistung, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fim_leistung_id' })
  fimLeistung?: FimLeistung;

  @Index('ix_fim_leistung_keys_schluessel')
  @Column({ type: 'varchar', length: 14 })
  schluessel!: string;

  @Column({ type: 'integer' })
  position!: number;
}
