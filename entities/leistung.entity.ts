import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A LeiKa-Leistung, identified by its 14-digit Leistungsschlüssel. Known from the OZG
 * catalogue, from FIM (XZuFi) imports, or both; each source fills what it knows and says so.
 */
@Entity({ name: 'leistungen' })
export class Leistung {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 14, unique: true })
  schluessel!: string;

  /** Leistungsbezeichnung (I). */
  @Column({ type: 'varchar', length: 500 })
  name!: string;

  /** Folded name for search (`lib/text.ts`). */
  @Index('ix_leistungen_name_search')
  @Column({ name: 'name_search', type: 'varchar', length: 500 })
  nameSearch!: string;

  /** Leistungsbezeichnung II (the citizen-friendly name), from FIM. */
  @Column({ name: 'name2', type: 'text', nullable: true })
  name2!: string | null;

  /** Kurztext (German), from FIM. */
  @Column({ name: 'short_text', type: 'text', nullable: true })
  shortText!: string | null;

  /** Typisierung (1, 2, 2/3, 3, 4, 5 …) as text: values like `2/3` or `1, 2/3` occur. */
  @Index('ix_leistungen_typisierung')
  @Column({ type: 'varchar', length: 20, nullable: true })
  typisierung!: string | null;

  /** Where the Typisierung came from: `fim` (XZuFi) wins over `catalogue` (LeiKa-Typ). */
  @Column({ name: 'typisierung_source', type: 'varchar', length: 20, nullable: true })
  typisierungSource!: 'fim' | 'catalogue' | null;

  /** Required Vertrauensniveau for online use (basisregistrierung, substantiell, hoch …). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  vertrauensniveau!: string | null;

  /** Whether the service costs a fee (needs ePayment); null when unknown. */
  @Column({ name: 'fee_bearing', type: 'boolean', nullable: true })
  feeBearing!: boolean | null;

  /** The OZG-Leistung it belongs to (OZG-ID), per the current catalogue. */
  @Index('ix_leistungen_ozg_id')
  @Column({ name: 'ozg_id', type: 'integer', nullable: true })
  ozgId!: number | null;

  /** Listed in the current OZG catalogue import. */
  @Column({ name: 'in_catalogue', type: 'boolean', default: false })
  inCatalogue!: boolean;

  /** Described by at least one imported FIM (XZuFi) record. */
  @Column({ name: 'from_fim', type: 'boolean', default: false })
  fromFim!: boolean;

  /** False once every FIM source deleted it (`loesche`) and no catalogue lists it. */
  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  /** Rechtsgrundlage as text (catalogue or FIM). */
  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis!: string | null;

  /** Relevant for the Single Digital Gateway (catalogue flag). */
  @Column({ name: 'sdg_relevant', type: 'boolean', nullable: true })
  sdgRelevant!: boolean | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
