import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ResponsibilityLevel, ResponsibilitySource } from '../lib/responsibility';

/**
 * Derived: for each catalogued Leistung and each Land, the level and task group that carry it by
 * the rules and where that came from — `regel` (a rule for the Leistungsschlüssel or OZG-Leistung)
 * or `typisierung` (a Typ fallback); `zustaendigkeit` with level `explicit` only where the Land's
 * Zuständigkeit data are marked complete and name units for the Leistung (then only the units in
 * `unit_responsibilities` are responsible). Units named by Zuständigkeit data are responsible in
 * every case.
 * Rebuilt in the same transaction whenever the catalogue, the rules or Zuständigkeiten change.
 */
@Entity({ name: 'leistung_responsibilities' })
@Index('uq_leistung_responsibilities', ['leistungId', 'landKey'], { unique: true })
@Index('ix_leistung_responsibilities_land_level', ['landKey', 'level'])
export class LeistungResponsibility {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'leistung_id', type: 'integer' })
  leistungId!: number;

  @Column({ name: 'land_key', type: 'varchar', length: 2 })
  landKey!: string;

  /** `explicit` when complete Zuständigkeit data decide unit by unit. */
  @Column({ type: 'varchar', length: 12 })
  level!: ResponsibilityLevel | 'explicit';

  @Column({ type: 'varchar', length: 20 })
  source!: ResponsibilitySource;

  /** Task group of a Gemeinde or Kreis task (decides Verband and Große Kreisstadt delegation); `''` otherwise. */
  @Column({ name: 'task_group', type: 'varchar', length: 20, default: '' })
  taskGroup!: string;

  @Column({ name: 'rule_id', type: 'integer', nullable: true })
  ruleId!: number | null;
}
