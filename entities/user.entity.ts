import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../lib/principal';

/**
 * A person who signs in to the web interface. Roles and scopes mean exactly what they mean
 * for API tokens (`lib/principal.ts`). Only a scrypt hash of the password is stored
 * (`lib/password.ts`).
 */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Login name, stored in lower case; unique. */
  @Column({ name: 'user_name', type: 'varchar', length: 80, unique: true })
  userName!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  /** `scrypt$N$r$p$salt$hash` (base64url parts), see `lib/password.ts`. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  /** Region keys an editor may write. */
  @Column({ type: 'simple-json' })
  scopes!: string[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'password_changed_at', type: Date })
  passwordChangedAt!: Date;

  @Column({ name: 'disabled_at', type: Date, nullable: true })
  disabledAt!: Date | null;
}
