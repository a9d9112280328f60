import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FimImportedRecord } from './fim-imported-record';

/**
 * An XZuFi Zuständigkeit: for the areas in `fim_zustaendigkeit_gebiete`, a Leistung is the task
 * of an object (an Organisationseinheit, an Onlinedienst or a Formular). The Leistung is named by
 * its Redaktion-scoped XZuFi id; `leistungsschluessel` is set when that id is itself one.
 * Zuständigkeiten without an id of their own get a key derived from their content (`#…`).
 */
@Entity({ name: 'fim_zustaendigkeiten' })
@Index('uq_fim_zustaendigkeiten_redaktion_id', ['redaktion', 'fimId'], { unique: true })
@Index('ix_fim_zustaendigkeiten_leistung', ['leistungRedaktion', 'leistungFimId'])
export class FimZustaendigkeit extends FimImportedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  redaktion!: string;

  @Column({ name: 'fim_id', type: 'varchar', length: 200 })
  fimId!: string;

  /** Where it was read: `zustaendigkeitTransferObjekt`, `organisationseinheit`, `onlinedienst`. */
  @Column({ type: 'varchar', length: 40 })
  quelle!: string;

  /** Kind of the responsible object: `organisationseinheit`, `onlinedienst`, `formular`. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  art!: string | null;

  @Column({ name: 'object_redaktion', type: 'varchar', length: 100, nullable: true })
  objectRedaktion!: string | null;

  @Column({ name: 'object_fim_id', type: 'varchar', length: 200, nullable: true })
  objectFimId!: string | null;

  @Column({ name: 'leistung_redaktion', type: 'varchar', length: 100 })
  leistungRedaktion!: string;

  @Column({ name: 'leistung_fim_id', type: 'varchar', length: 200 })
  leistungFimId!: string;

  @Index('ix_fim_zustaendigkeiten_schluessel')
  @Column({ type: 'varchar', length: 14, nullable: true })
  leistungsschluessel!: string | null;

  /** Zuständigkeitsrolle code, where given. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  rolle!: string | null;
}
