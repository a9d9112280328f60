import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Region } from './region.entity';
import { SurveyRound } from './survey-round.entity';

/**
 * One municipality asked in a round, with its personal link: only the SHA-256 hash of the link's
 * token is stored (the token is shown once, when issued), so the database cannot give it away.
 * A link is scoped to this municipality, expires, and can be revoked or replaced by a new one.
 */
@Entity({ name: 'survey_round_members' })
@Index('uq_survey_round_members_round_region', ['roundId', 'regionId'], { unique: true })
export class SurveyRoundMember {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'round_id', type: 'integer' })
  roundId!: number;

  @ManyToOne(() => SurveyRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: SurveyRound;

  @Index('ix_survey_round_members_region_id')
  @Column({ name: 'region_id', type: 'integer' })
  regionId!: number;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  /** Where reminders go (mail merge and SMTP); null when the coordinator has none. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  email!: string | null;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true, unique: true })
  tokenHash!: string | null;

  /** The first characters of the token, to recognise a link in support requests. */
  @Column({ name: 'token_prefix', type: 'varchar', length: 16, nullable: true })
  tokenPrefix!: string | null;

  @Column({ name: 'link_issued_at', type: Date, nullable: true })
  linkIssuedAt!: Date | null;

  @Column({ name: 'link_expires_at', type: Date, nullable: true })
  linkExpiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt!: Date | null;

  /** When the self-assessment was last submitted through the round. */
  @Column({ name: 'answered_at', type: Date, nullable: true })
  answeredAt!: Date | null;

  /** When the municipality confirmed its components unchanged. */
  @Column({ name: 'confirmed_at', type: Date, nullable: true })
  confirmedAt!: Date | null;

  /** When the municipality changed its components through the round. */
  @Column({ name: 'components_updated_at', type: Date, nullable: true })
  componentsUpdatedAt!: Date | null;

  @Column({ name: 'reminded_at', type: Date, nullable: true })
  remindedAt!: Date | null;

  @Column({ type: 'integer' })
  reminders!: number;
}
