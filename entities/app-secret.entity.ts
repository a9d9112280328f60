import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Secrets the service generates for itself, e.g. the session-cookie signing key when
 * `SESSION_SECRET` is not set. Kept in the database so every instance that shares it, and
 * every restart, uses the same value.
 */
@Entity({ name: 'app_secrets' })
export class AppSecret {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  value!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
