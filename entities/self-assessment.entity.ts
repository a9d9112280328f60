import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Region } from './region.entity';

/**
 * The latest self-assessment of a municipality (Gemeinde, Verband or Kreis): its answers to the
 * questionnaire in the version they were given in (`data/reference/selbstauskunft-v{N}.json`).
 * Every change is also an audit event (`self-assessment.updated`) with before and after, which
 * keeps the earlier answers, as the inventory's history does.
 */
@Entity({ name: 'self_assessments' })
export class SelfAssessment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'region_id', type: 'integer', unique: true })
  regionId!: number;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  /** The questionnaire version the answers were given in; a newer version does not change it. */
  @Column({ name: 'questionnaire_version', type: 'integer' })
  questionnaireVersion!: number;

  /** Question code → option value (single choice) or values (multiple choice). */
  @Column({ type: 'simple-json' })
  answers!: Record<string, string | string[]>;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;

  /** Display name of the principal, as in the audit log (a round link: `runde:{id}:{ags}`). */
  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy!: string;
}
