import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ResponsibilityLevel } from '../lib/responsibility';

/**
 * One line of the table that says which administrative level carries a Leistung when no
 * Zuständigkeit data says so (DOMAIN.md §5): by Typisierung, optionally only in one Land and
 * optionally only for one OZG-Leistung. The most specific matching rule wins (OZG-Leistung before
 * Typ, a Land before all Länder). Shipped defaults come from `data/reference/zustaendigkeit-regeln.csv`.
 */
@Entity({ name: 'responsibility_rules' })
@Index('ix_responsibility_rules_typ', ['typ', 'landKey'])
export class ResponsibilityRule {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Typisierung (`1`, `2`, `2/3`, `3`, `4`, `5` …); `''` for every Typ (with an OZG-Leistung). */
  @Column({ type: 'varchar', length: 10, default: '' })
  typ!: string;

  /** Land key; `''` for every Land. */
  @Column({ name: 'land_key', type: 'varchar', length: 2, default: '' })
  landKey!: string;

  /** OZG-ID the rule is limited to; null for every OZG-Leistung. */
  @Column({ name: 'ozg_id', type: 'integer', nullable: true })
  ozgId!: number | null;

  @Column({ type: 'varchar', length: 12 })
  level!: ResponsibilityLevel;

  /** Why (German), shown beside numbers that rest on the rule. */
  @Column({ type: 'text' })
  reason!: string;

  /** `default` (shipped) or `user` (changed by an administrator). */
  @Column({ type: 'varchar', length: 10, default: 'default' })
  origin!: 'default' | 'user';
}
