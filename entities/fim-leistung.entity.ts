import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FimImportedRecord } from './fim-imported-record';
import { Leistung } from './leistung.entity';

/** Text modules of one FIM Leistung description, per LeiKa module code and language. */
export interface FimLeistungTexts {
  bezeichnung: Record<string, string>;
  bezeichnung2: Record<string, string>;
  kurztext: Record<string, string>;
  /** Every non-empty module (`02`, `03`, `05`, `06` …), plain text per language. */
  module: { code: string; texte: Record<string, string> }[];
}

/**
 * One Redaktion's description of a Leistung, as read from an XZuFi `leistung`. XZuFi ids are
 * unique only together with the Redaktion (`schemeAgencyID`), and one Leistung (one
 * Leistungsschlüssel) is described by many Redaktionen. `loesche` deactivates, never deletes.
 */
@Entity({ name: 'fim_leistungen' })
@Index('uq_fim_leistungen_redaktion_id', ['redaktion', 'fimId'], { unique: true })
export class FimLeistung extends FimImportedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The Redaktion (schemeAgencyID); empty when the id names none. */
  @Column({ type: 'varchar', length: 100 })
  redaktion!: string;

  @Column({ name: 'fim_id', type: 'varchar', length: 200 })
  fimId!: string;

  /** The Leistung of the primary (first) Leistungsschlüssel. */
  @Index('ix_fim_leistungen_leistung')
  @Column({ name: 'leistung_id', type: 'integer' })
  leistungId!: number;

  @ManyToOne(() => Leistung, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'leistung_id' })
  leistung?: Leistung;

  @Column({ type: 'simple-json' })
  texts!: FimLeistungTexts;

  /** Typisierung codes as written (`1`, `2/3`, `4a` …). */
  @Column({ type: 'simple-json' })
  typisierung!: string[];

  /** Leistungsadressat codes (`001` Bürger, `002` Unternehmen, `003` Verwaltung). */
  @Column({ type: 'simple-json' })
  adressat!: string[];

  @Column({ type: 'varchar', length: 40, nullable: true })
  vertrauensniveau!: string | null;

  @Column({ type: 'simple-json' })
  gueltigkeit!: { beginn?: string; ende?: string }[];

  @Column({ name: 'version_info', type: 'simple-json', nullable: true })
  versionInfo!: Record<string, string> | null;

  /** XZuFi version of the message it was last written from. */
  @Column({ name: 'xzufi_version', type: 'varchar', length: 10 })
  xzufiVersion!: string;
}
