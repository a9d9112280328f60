import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ResponsibilityLevel, ResponsibilitySource } from '../lib/responsibility';

/**
 * Derived: for each catalogued Leistung and each Land, the level that carries it and where that
 * came from — `zustaendigkeit` (imported Zuständigkeit data for this Land: then only the units in
 * `unit_responsibilities` are responsible), `regel` (an OZG-specific rule) or `typisierung`.
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

  /** `explicit` when Zuständigkeit data decides unit by unit. */
  @Column({ type: 'varchar', length: 12 })
  level!: ResponsibilityLevel | 'explicit';

  @Column({ type: 'varchar', length: 20 })
  source!: ResponsibilitySource;

  @Column({ name: 'rule_id', type: 'integer', nullable: true })
  ruleId!: number | null;
}
