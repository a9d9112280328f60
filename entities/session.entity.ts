import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A web session, stored server-side (`server/auth/session-store.ts`). The cookie carries the
 * session id; the table holds only its SHA-256, so a copy of the database cannot be used to
 * take over sessions.
 */
@Entity({ name: 'sessions' })
export class Session {
  @PrimaryColumn({ name: 'sid_hash', type: 'varchar', length: 64 })
  sidHash!: string;

  /** The signed-in user, so all of a user's sessions can be ended at once. */
  @Index('ix_sessions_user_id')
  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId!: number | null;

  /** The express-session data as JSON (user id, CSRF token, cookie settings). */
  @Column({ type: 'text' })
  data!: string;

  @Index('ix_sessions_expires_at')
  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;
}
