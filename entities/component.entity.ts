import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One of the e-government base components (DOMAIN.md §2). Seeded by a migration; data, not code. */
@Entity({ name: 'components' })
export class Component {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Stable code used in the API and in imports, e.g. `form-server`. */
  @Column({ type: 'varchar', length: 40, unique: true })
  code!: string;

  /** German label for the UI. */
  @Column({ type: 'varchar', length: 120 })
  label!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder!: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
