import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { MaturityModel, OfferingSource, OfferingStatus } from '../lib/maturity';
import { Leistung } from './leistung.entity';
import { Region } from './region.entity';

/**
 * A Leistung offered online for an area: a municipality, a Kreis, or a Land (an EfA service
 * run for the whole Land), with URL, status and Reifegrad. One row per area, Leistung and
 * source (`manual`, `dashboard`, `fim`, `demo`): sources are kept apart so a re-import of one never
 * overwrites what another said, and reports say which one each number rests on.
 */
@Entity({ name: 'offerings' })
@Index('uq_offerings_region_leistung_source', ['regionId', 'leistungId', 'source'], { unique: true })
export class Offering {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'region_id', type: 'integer' })
  regionId!: number;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  @Index('ix_offerings_leistung')
  @Column({ name: 'leistung_id', type: 'integer' })
  leistungId!: number;

  @ManyToOne(() => Leistung, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leistung_id' })
  leistung?: Leistung;

  @Column({ type: 'varchar', length: 20 })
  source!: OfferingSource;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  url!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: OfferingStatus;

  @Column({ name: 'maturity_model', type: 'varchar', length: 10, nullable: true })
  maturityModel!: MaturityModel | null;

  /** Overall Reifegrad: the lowest criterion when criteria are given. */
  @Column({ name: 'maturity_level', type: 'integer', nullable: true })
  maturityLevel!: number | null;

  /** Level per criterion (`nutzerkonto`, `bezahlprozess` …), where known. */
  @Column({ name: 'maturity_criteria', type: 'simple-json', nullable: true })
  maturityCriteria!: Record<string, number> | null;

  /** True when the offering covers every municipality of its area (dashboard `art_flaechendeckung`). */
  @Column({ type: 'boolean', default: false })
  flaechendeckend!: boolean;

  /** The coverage as the source wrote it (e.g. `flächendeckend`, `teilweise`). */
  @Column({ name: 'coverage_raw', type: 'varchar', length: 60, nullable: true })
  coverageRaw!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** What in the source it came from, e.g. the FIM Onlinedienst `L100012:OD-123`. */
  @Column({ name: 'source_ref', type: 'varchar', length: 300, nullable: true })
  sourceRef!: string | null;

  @Column({ name: 'import_run_id', type: 'integer', nullable: true })
  importRunId!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
