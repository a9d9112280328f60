import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins counted per account and per client (`services/login-throttle.ts`). Kept
 * in the database so every instance on it counts together and a restart forgets nothing.
 * Times are milliseconds since the epoch: compared in SQL the same way on SQLite and PostgreSQL.
 */
@Entity({ name: 'login_throttle' })
export class LoginThrottle {
  /** `account:<folded user name>` or `client:<address>`. */
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key!: string;

  /** Failures since {@link windowStart}. */
  @Column({ type: 'integer' })
  failures!: number;

  @Column({ name: 'window_start', type: 'bigint' })
  windowStart!: string;

  /** Until when sign-ins under this key are refused; null while not locked. */
  @Column({ name: 'locked_until', type: 'bigint', nullable: true })
  lockedUntil!: string | null;
}
