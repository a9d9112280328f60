import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OperatorType } from '../lib/vocabulary';

/**
 * A named organisation that runs base components for municipalities: a municipality's own IT
 * department, a municipal IT provider, a private company, a Land or the federation. One row
 * each, shared by every municipality it serves; who it serves follows from the records.
 */
@Entity({ name: 'operators' })
export class Operator {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200, unique: true })
  name!: string;

  /** Folded name used to match imports and API input to an existing operator. */
  @Column({ name: 'name_key', type: 'varchar', length: 200, unique: true })
  nameKey!: string;

  /** Common short name (AKDB, ekom21 …); also matched on input. */
  @Column({ name: 'short_name', type: 'varchar', length: 60, nullable: true })
  shortName!: string | null;

  @Column({ type: 'varchar', length: 30 })
  type!: OperatorType;

  @Column({ type: 'varchar', length: 300, nullable: true })
  website!: string | null;

  /** Länder (2-digit keys) the operator works in, where known. */
  @Column({ name: 'land_keys', type: 'simple-json', nullable: true })
  landKeys!: string[] | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** `reference` for operators seeded from the shipped list (suggestions), `user` otherwise. */
  @Column({ type: 'varchar', length: 20, default: 'user' })
  origin!: 'reference' | 'user';

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
