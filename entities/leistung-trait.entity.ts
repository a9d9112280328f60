import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What the gap report needs to know of a Leistung beyond its responsibility, as an editable
 * rule with a reason and a source (docs/ozg-reports.md, "Leistungsmerkmale"): whether it needs
 * its own online service at all (a card handed over, a ceremony, a biometric capture happen in
 * person), whether it costs a fee (ePayment), and its Vertrauensniveau (eID). A row names one
 * scope: a Leistungsschlüssel, or a Verrichtung (digits 9–11 of the key) for online relevance.
 * Null means "this rule says nothing about it". Shipped defaults come from
 * `data/reference/leistungsmerkmale.csv`.
 */
@Entity({ name: 'leistung_traits' })
@Index('uq_leistung_traits_scope', ['leistungsschluessel', 'verrichtung'], { unique: true })
export class LeistungTrait {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 14, default: '' })
  leistungsschluessel!: string;

  @Column({ type: 'varchar', length: 3, default: '' })
  verrichtung!: string;

  @Column({ name: 'online_relevant', type: 'boolean', nullable: true })
  onlineRelevant!: boolean | null;

  @Column({ name: 'fee_bearing', type: 'boolean', nullable: true })
  feeBearing!: boolean | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  vertrauensniveau!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', default: '' })
  source!: string;

  @Column({ type: 'varchar', length: 10, default: 'default' })
  origin!: 'default' | 'user';
}
