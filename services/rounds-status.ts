import type { EntityManager } from 'typeorm';
import { Region, SelfAssessment, SurveyRound, SurveyRoundMember } from '../entities';

/** Where a member stands: both parts done, one of them, or nothing yet. */
export type MemberProgress = 'complete' | 'partial' | 'pending';

/** One municipality of a round as the round page and the API show it. */
export interface RoundMemberView {
  key: string;
  name: string;
  level: string;
  email: string | null;
  /** `none` (no link issued yet), `active`, `revoked` or `expired`. */
  link: 'none' | 'active' | 'revoked' | 'expired';
  linkPrefix: string | null;
  linkIssuedAt: string | null;
  answeredAt: string | null;
  /** Components confirmed unchanged through the link. */
  confirmedAt: string | null;
  /** Components changed through the link. */
  componentsUpdatedAt: string | null;
  progress: MemberProgress;
  /** Not complete and the deadline has passed (only while the round is open). */
  overdue: boolean;
  reminders: number;
  remindedAt: string | null;
}

/** A round with its members and counts. */
export interface RoundView {
  id: number;
  area: { key: string; name: string };
  title: string;
  deadline: string;
  linksValidUntil: string;
  questionnaireVersion: number;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  counts: {
    members: number;
    answered: number;
    confirmedUnchanged: number;
    componentsUpdated: number;
    complete: number;
    overdue: number;
  };
  members: RoundMemberView[];
}

const iso = (date: Date | null): string | null => (date ? new Date(date).toISOString() : null);

/** Progress of a member: the questionnaire answered and the components confirmed or updated. */
export function memberProgress(member: SurveyRoundMember): MemberProgress {
  const components = member.confirmedAt !== null || member.componentsUpdatedAt !== null;
  const answered = member.answeredAt !== null;
  if (components && answered) return 'complete';
  return components || answered ? 'partial' : 'pending';
}

function linkState(member: SurveyRoundMember, now: Date): RoundMemberView['link'] {
  if (!member.tokenHash) return 'none';
  if (member.revokedAt) return 'revoked';
  return member.linkExpiresAt && new Date(member.linkExpiresAt).getTime() >= now.getTime() ? 'active' : 'expired';
}

/** The round's view; `today` (`YYYY-MM-DD`, German calendar) decides who is overdue. */
export async function buildRoundStatus(manager: EntityManager, round: SurveyRound, today: string): Promise<RoundView> {
  const rows = await manager
    .createQueryBuilder(SurveyRoundMember, 'm')
    .innerJoinAndSelect('m.region', 'r')
    .where('m.roundId = :id', { id: round.id })
    .orderBy('r.key', 'ASC')
    .getMany();
  const now = new Date();
  const pastDeadline = round.status === 'open' && today > round.deadline;
  const members = rows.map((m): RoundMemberView => {
    const region = m.region as Region;
    const progress = memberProgress(m);
    return {
      key: region.key,
      name: region.name,
      level: region.level,
      email: m.email,
      link: linkState(m, now),
      linkPrefix: m.tokenPrefix,
      linkIssuedAt: iso(m.linkIssuedAt),
      answeredAt: iso(m.answeredAt),
      confirmedAt: iso(m.confirmedAt),
      componentsUpdatedAt: iso(m.componentsUpdatedAt),
      progress,
      overdue: pastDeadline && progress !== 'complete',
      reminders: m.reminders,
      remindedAt: iso(m.remindedAt),
    };
  });
  return {
    id: round.id,
    area: { key: round.areaKey, name: round.areaName },
    title: round.title,
    deadline: round.deadline,
    linksValidUntil: round.linksValidUntil,
    questionnaireVersion: round.questionnaireVersion,
    status: round.status,
    openedAt: new Date(round.openedAt).toISOString(),
    openedBy: round.openedBy,
    closedAt: iso(round.closedAt),
    closedBy: round.closedBy,
    counts: {
      members: members.length,
      answered: members.filter((m) => m.answeredAt).length,
      confirmedUnchanged: members.filter((m) => m.confirmedAt).length,
      componentsUpdated: members.filter((m) => m.componentsUpdatedAt).length,
      complete: members.filter((m) => m.progress === 'complete').length,
      overdue: members.filter((m) => m.overdue).length,
    },
    members,
  };
}

/** What closing freezes: every member's status and its self-assessment as it stood. */
export interface RoundSnapshot {
  takenAt: string;
  counts: RoundView['counts'];
  members: (Omit<RoundMemberView, 'email' | 'link' | 'linkPrefix'> & {
    selfAssessment: { questionnaireVersion: number; answers: Record<string, string | string[]> } | null;
  })[];
}

/** The snapshot of a round at closing; the overdue flags are those of the closing day. */
export async function takeRoundSnapshot(
  manager: EntityManager,
  round: SurveyRound,
  today: string,
  now: Date,
): Promise<RoundSnapshot> {
  const view = await buildRoundStatus(manager, round, today);
  const assessments = await manager
    .createQueryBuilder(SelfAssessment, 's')
    .innerJoin(SurveyRoundMember, 'm', 'm.regionId = s.regionId AND m.roundId = :id', { id: round.id })
    .innerJoinAndSelect('s.region', 'r')
    .getMany();
  const byKey = new Map(assessments.map((s) => [(s.region as Region).key, s]));
  return {
    takenAt: now.toISOString(),
    counts: view.counts,
    members: view.members.map(({ email: _email, link: _link, linkPrefix: _prefix, ...rest }) => {
      const s = byKey.get(rest.key);
      return {
        ...rest,
        selfAssessment: s ? { questionnaireVersion: s.questionnaireVersion, answers: s.answers } : null,
      };
    }),
  };
}
