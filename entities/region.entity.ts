import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RegionLevel } from '../lib/keys';

/**
 * A territorial unit from the Destatis Gemeindeverzeichnis (GV100AD): Land, Regierungsbezirk,
 * Region (BW), Kreis, Gemeindeverband or Gemeinde. Identified by its key; a Gemeinde's key is
 * its AGS. Regions are never deleted: one missing from a newer edition is marked not current.
 */
@Entity({ name: 'regions' })
export class Region {
  @PrimaryGeneratedColumn()
  id!: number;

  /** AGS for a Gemeinde, otherwise the level's key (see `lib/keys.ts`). */
  @Column({ type: 'varchar', length: 12, unique: true })
  key!: string;

  @Index('ix_regions_level')
  @Column({ type: 'varchar', length: 20 })
  level!: RegionLevel;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** Folded name for case- and umlaut-insensitive search (`lib/text.ts`). */
  @Index('ix_regions_name_search')
  @Column({ name: 'name_search', type: 'varchar', length: 160 })
  nameSearch!: string;

  /** Seat of the administration (Sitz), where the file gives one. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  seat!: string | null;

  /** Destatis Textkennzeichen (41 kreisfreie Stadt, 63 Stadt, …). */
  @Column({ name: 'text_code', type: 'varchar', length: 2, nullable: true })
  textCode!: string | null;

  /** German type label derived from the Textkennzeichen, e.g. "Landkreis". */
  @Column({ name: 'type_label', type: 'varchar', length: 60, nullable: true })
  typeLabel!: string | null;

  /** 12-digit Amtlicher Regionalschlüssel; only Gemeinden have one that differs from the key. */
  @Index('ix_regions_ars')
  @Column({ type: 'varchar', length: 12, nullable: true })
  ars!: string | null;

  /** Direct parent in the hierarchy (Gemeindeverband or Kreis for a Gemeinde). */
  @Index('ix_regions_parent_key')
  @Column({ name: 'parent_key', type: 'varchar', length: 12, nullable: true })
  parentKey!: string | null;

  @Index('ix_regions_land_key')
  @Column({ name: 'land_key', type: 'varchar', length: 2 })
  landKey!: string;

  @Column({ name: 'rb_key', type: 'varchar', length: 3, nullable: true })
  rbKey!: string | null;

  @Index('ix_regions_kreis_key')
  @Column({ name: 'kreis_key', type: 'varchar', length: 5, nullable: true })
  kreisKey!: string | null;

  @Index('ix_regions_verband_key')
  @Column({ name: 'verband_key', type: 'varchar', length: 9, nullable: true })
  verbandKey!: string | null;

  @Column({ type: 'integer', nullable: true })
  population!: number | null;

  @Column({ name: 'area_ha', type: 'integer', nullable: true })
  areaHa!: number | null;

  /** Postcode of the seat (Gemeinden only). */
  @Column({ type: 'varchar', length: 5, nullable: true })
  postcode!: string | null;

  /** Gemeindefreies Gebiet: has an AGS but is no municipality; excluded from denominators. */
  @Column({ name: 'is_unincorporated', type: 'boolean', default: false })
  isUnincorporated!: boolean;

  /** False once a newer edition of the directory no longer lists the region. */
  @Index('ix_regions_is_current')
  @Column({ name: 'is_current', type: 'boolean', default: true })
  isCurrent!: boolean;

  /** Gebietsstand (edition date) of the directory that last listed the region. */
  @Column({ type: 'date' })
  gebietsstand!: string;

  /** Gebietsstand of the first edition that no longer listed it. */
  @Column({ name: 'retired_gebietsstand', type: 'date', nullable: true })
  retiredGebietsstand!: string | null;

  /** Key of the region that took over, as mapped by an admin. */
  @Column({ name: 'successor_key', type: 'varchar', length: 12, nullable: true })
  successorKey!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
