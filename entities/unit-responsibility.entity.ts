import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Derived from imported Zuständigkeiten: this administrative unit (a Gemeinde, a Verband, a
 * kreisfreie Stadt or a Kreis) is named as responsible for this Leistung. It counts as responsible
 * whatever the rules say; the rules still decide for every unit the data do not name, unless the
 * Land's Zuständigkeit data are marked complete.
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
