import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a one-time link is for: creating the first admin, or an invited user setting a password. */
export type OneTimeLinkPurpose = 'setup' | 'invitation';

/**
 * A link that works once and expires: the setup link printed at start while there is no admin,
 * and the invitation (or reset) link an admin hands to a user (`services/invitation.service.ts`).
 * Only the SHA-256 of the token is stored, so a copy of the database opens no account.
 */
@Entity({ name: 'one_time_links' })
export class OneTimeLink {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Hex SHA-256 of the token in the link. */
  @Index('ux_one_time_links_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 20 })
  purpose!: OneTimeLinkPurpose;

  /** The invited user; null for the setup link (the admin does not exist yet). */
  @Index('ix_one_time_links_user_id')
  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId!: number | null;

  /** Who issued it, as in the audit log (`system` for the setup link). */
  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;

  /** When it was used or replaced by a newer link; a used link never works again. */
  @Column({ name: 'used_at', type: Date, nullable: true })
  usedAt!: Date | null;
}
