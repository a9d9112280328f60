import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ResponsibilityLevel } from '../lib/responsibility';

/**
 * One line of the table that says which administrative level carries a Leistung where no
 * Zuständigkeit data names the unit (DOMAIN.md §5a). A rule names exactly one scope: a
 * Leistungsschlüssel, an OZG-Leistung or a Typisierung, for every Land or for one. Precedence:
 * Leistungsschlüssel in this Land, OZG-Leistung in this Land, Leistungsschlüssel, OZG-Leistung,
 * Typ in this Land, Typ (`services/responsibility-rules.ts#decide`). Shipped defaults come from
 * `data/reference/zustaendigkeitsregeln.csv` (origin `default`); an administrator's change turns a
 * row into origin `user`, which a newer shipped edition never overwrites.
 */
@Entity({ name: 'responsibility_rules' })
@Index('uq_responsibility_rules_scope', ['leistungsschluessel', 'ozgScope', 'typ', 'landKey'], { unique: true })
export class ResponsibilityRule {
  @PrimaryGeneratedColumn()
  id!: number;

  /** 14-digit Leistungsschlüssel; `''` when the rule is for an OZG-Leistung or a Typ. */
  @Column({ type: 'varchar', length: 14, default: '' })
  leistungsschluessel!: string;

  /** OZG-ID the rule is for (also filled on Leistungsschlüssel rules, for reading); null for a Typ rule. */
  @Column({ name: 'ozg_id', type: 'integer', nullable: true })
  ozgId!: number | null;

  /**
   * The OZG-ID as part of the rule's scope: the OZG-ID for an OZG-Leistung rule, 0 otherwise (a
   * unique index treats nulls as distinct, so the scope needs a non-null column).
   */
  @Column({ name: 'ozg_scope', type: 'integer', default: 0 })
  ozgScope!: number;

  /** Typisierung (`1`, `2`, `2/3`, `3`, `4`, `5` …) for a fallback rule; `''` otherwise. */
  @Column({ type: 'varchar', length: 10, default: '' })
  typ!: string;

  /** Land key; `''` for every Land. */
  @Column({ name: 'land_key', type: 'varchar', length: 2, default: '' })
  landKey!: string;

  @Column({ type: 'varchar', length: 12 })
  level!: ResponsibilityLevel;

  /** Task group (`lib/responsibility.ts#TASK_GROUPS`) of a Gemeinde or Kreis task; `''` otherwise. */
  @Column({ name: 'task_group', type: 'varchar', length: 20, default: '' })
  taskGroup!: string;

  /** Why (German), shown beside numbers that rest on the rule. */
  @Column({ type: 'text' })
  reason!: string;

  /** Legal basis or page the rule rests on, for a coordinator to check. */
  @Column({ type: 'text', default: '' })
  source!: string;

  /** `default` (shipped) or `user` (set by an administrator). */
  @Column({ type: 'varchar', length: 10, default: 'default' })
  origin!: 'default' | 'user';
}
