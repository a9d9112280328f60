import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Derived from imported Zuständigkeiten: this administrative unit (a Gemeinde, a kreisfreie
 * Stadt or a Kreis) is responsible for this Leistung. Only for (Leistung, Land) pairs whose
 * `leistung_responsibilities` row says `explicit`.
 */
@Entity({ name: 'unit_responsibilities' })
@Index('uq_unit_responsibilities', ['leistungId', 'regionId'], { unique: true })
@Index('ix_unit_responsibilities_region', ['regionId'])
export class UnitResponsibility {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'leistung_id', type: 'integer' })
  leistungId!: number;

  @Column({ name: 'region_id', type: 'integer' })
  regionId!: number;
}
