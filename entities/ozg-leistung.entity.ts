import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An OZG-Leistung (Leistungsbündel) of the OZG catalogue: an integer OZG-ID grouping
 * LeiKa-Leistungen, with Themenfeld and Lebenslage. `edition` names the catalogue it came from.
 */
@Entity({ name: 'ozg_leistungen' })
export class OzgLeistung {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'ozg_id', type: 'integer', unique: true })
  ozgId!: number;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ name: 'themenfeld_id', type: 'integer', nullable: true })
  themenfeldId!: number | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  themenfeld!: string | null;

  @Column({ name: 'lebenslage_id', type: 'integer', nullable: true })
  lebenslageId!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  lebenslage!: string | null;

  /** The catalogue edition, e.g. `OZG-Umsetzungskatalog 2019`. */
  @Column({ type: 'varchar', length: 80 })
  edition!: string;

  /** Marked as a Fokusleistung by a catalogue file; null while no file said either way. */
  @Column({ type: 'boolean', nullable: true })
  fokus!: boolean | null;

  /** Which file (edition and file name) set `fokus`. */
  @Column({ name: 'fokus_source', type: 'varchar', length: 300, nullable: true })
  fokusSource!: string | null;

  /** Marked as an EfA service ("Einer für Alle") by a catalogue file; null while unknown. */
  @Column({ type: 'boolean', nullable: true })
  efa!: boolean | null;

  /** Which file (edition and file name) set `efa`. */
  @Column({ name: 'efa_source', type: 'varchar', length: 300, nullable: true })
  efaSource!: string | null;

  /** False when a newer catalogue import no longer lists it. */
  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;
}
