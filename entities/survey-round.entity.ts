import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Open while municipalities answer; closed with a frozen snapshot of who answered what. */
export type SurveyRoundStatus = 'open' | 'closed';

/**
 * A survey round: a coordinator asks every municipality of an area (Kreis, Land) to confirm or
 * update its components and answer the self-assessment by a deadline. Each municipality gets a
 * personal link ({@link SurveyRoundMember}); closing the round freezes the result in `snapshot`.
 */
@Entity({ name: 'survey_rounds' })
@Index('ix_survey_rounds_area_key', ['areaKey'])
export class SurveyRound {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Key of the area asked: Land (2), Regierungsbezirk (3) or Kreis (5 digits). */
  @Column({ name: 'area_key', type: 'varchar', length: 12 })
  areaKey!: string;

  @Column({ name: 'area_name', type: 'varchar', length: 120 })
  areaName!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Last day to answer (`YYYY-MM-DD`); after it, members who have not answered are overdue. */
  @Column({ type: 'date' })
  deadline!: string;

  /** Last day the links work (`YYYY-MM-DD`), at least the deadline. */
  @Column({ name: 'links_valid_until', type: 'date' })
  linksValidUntil!: string;

  /** The questionnaire version asked in this round; answers through its links keep it. */
  @Column({ name: 'questionnaire_version', type: 'integer' })
  questionnaireVersion!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: SurveyRoundStatus;

  @Column({ name: 'opened_at', type: Date })
  openedAt!: Date;

  @Column({ name: 'opened_by', type: 'varchar', length: 200 })
  openedBy!: string;

  @Column({ name: 'closed_at', type: Date, nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 200, nullable: true })
  closedBy!: string | null;

  /** At closing: every member's status and answers, frozen (see `services/rounds-snapshot.ts`). */
  @Column({ type: 'simple-json', nullable: true })
  snapshot!: object | null;
}
