import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FimImportedRecord } from './fim-imported-record';

/** A link of an Onlinedienst: the URL users open, with its XZuFi link type and title. */
export interface FimOnlinedienstLink {
  url: string;
  typ?: string;
  titel?: string;
  languageCode?: string;
}

/** A reference to a Leistung by its Redaktion-scoped XZuFi id. */
export interface FimLeistungRef {
  redaktion: string;
  fimId: string;
}

/**
 * An XZuFi `onlinedienst`: the online service (URL) through which Leistungen are applied for.
 * Where it is offered follows from its Zuständigkeiten (`fim_zustaendigkeiten`, quelle
 * `onlinedienst`).
 */
@Entity({ name: 'fim_onlinedienste' })
@Index('uq_fim_onlinedienste_redaktion_id', ['redaktion', 'fimId'], { unique: true })
export class FimOnlinedienst extends FimImportedRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  redaktion!: string;

  @Column({ name: 'fim_id', type: 'varchar', length: 200 })
  fimId!: string;

  /** German Bezeichnung, else the first language's. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  name!: string | null;

  /** Bezeichnung per language. */
  @Column({ type: 'simple-json' })
  bezeichnung!: Record<string, string>;

  @Column({ type: 'simple-json' })
  links!: FimOnlinedienstLink[];

  /** The Leistungen it serves (its own `leistungID`s and those of its Zuständigkeiten). */
  @Column({ name: 'leistung_refs', type: 'simple-json' })
  leistungRefs!: FimLeistungRef[];

  @Column({ type: 'varchar', length: 40, nullable: true })
  vertrauensniveau!: string | null;

  @Column({ type: 'simple-json' })
  gueltigkeit!: { beginn?: string; ende?: string }[];

  @Column({ name: 'xzufi_version', type: 'varchar', length: 10 })
  xzufiVersion!: string;
}
