import type { DataSource } from 'typeorm';
import { SurveyRoundMember } from '../entities';
import { inTransaction } from '../entities/transaction';
import type { Precondition } from '../lib/concurrency';
import { confirmInventory } from './confirmation.service';
import { getLandscape, putLandscape, type LandscapeItemInput, type LandscapeView } from './inventory.service';
import { assertLinkFor, resolveRoundLink, type RoundLink } from './rounds-links';
import { getSelfAssessment, writeSelfAssessment, type SelfAssessmentView } from './self-assessment.service';
import {
  questionnaireOf,
  shippedQuestionnaires,
  type Answers,
  type Questionnaire,
  type QuestionnaireSet,
} from './self-assessment-questionnaire';

/** What a municipality sees through its link. */
export interface RoundLinkView {
  round: { id: number; title: string; area: { key: string; name: string }; deadline: string };
  municipality: { key: string; name: string; level: string };
  linkExpiresAt: string;
  answeredAt: string | null;
  confirmedAt: string | null;
  componentsUpdatedAt: string | null;
  landscape: LandscapeView;
  landscapeEtag: string;
  selfAssessment: SelfAssessmentView;
  selfAssessmentEtag: string;
  /** The questionnaire of the round's version, which answers through the link are given in. */
  questionnaire: Questionnaire;
}

const iso = (date: Date | null): string | null => (date ? new Date(date).toISOString() : null);

/** Everything the link's page and `GET /api/round-links/{token}` show. */
export async function roundLinkView(
  dataSource: DataSource,
  link: RoundLink,
  set: QuestionnaireSet = shippedQuestionnaires(),
): Promise<RoundLinkView> {
  const manager = dataSource.manager;
  const { round, member, region } = link;
  const landscape = await getLandscape(manager, region.key);
  const assessment = await getSelfAssessment(manager, region.key, set);
  return {
    round: {
      id: round.id,
      title: round.title,
      area: { key: round.areaKey, name: round.areaName },
      deadline: round.deadline,
    },
    municipality: { key: region.key, name: region.name, level: region.level },
    linkExpiresAt: new Date(member.linkExpiresAt as Date).toISOString(),
    answeredAt: iso(member.answeredAt),
    confirmedAt: iso(member.confirmedAt),
    componentsUpdatedAt: iso(member.componentsUpdatedAt),
    landscape: landscape.view,
    landscapeEtag: landscape.etag,
    selfAssessment: assessment.view,
    selfAssessmentEtag: assessment.etag,
    questionnaire: questionnaireOf(set, round.questionnaireVersion),
  };
}

/** Arguments of every write through a link. */
export interface LinkWrite {
  token: string;
  /** The municipality the caller names; refused unless it is the link's own. */
  key: string;
  requestId: string | null;
  now?: Date;
}

async function openLink(dataSource: DataSource, args: LinkWrite): Promise<RoundLink> {
  const link = await resolveRoundLink(dataSource.manager, args.token, args.requestId, args.now);
  assertLinkFor(link, args.key);
  return link;
}

/** Answers the self-assessment through a link, in the round's questionnaire version. */
export async function answerThroughLink(
  dataSource: DataSource,
  args: LinkWrite & { answers: Answers; precondition: Precondition; set?: QuestionnaireSet },
): Promise<{ view: SelfAssessmentView; etag: string }> {
  const link = await openLink(dataSource, args);
  return inTransaction(dataSource, async (tx) => {
    const result = await writeSelfAssessment(tx, {
      key: link.region.key,
      input: { questionnaireVersion: link.round.questionnaireVersion, answers: args.answers },
      actor: link.actor,
      precondition: args.precondition,
      set: args.set,
    });
    await tx.update(SurveyRoundMember, { id: link.member.id }, { answeredAt: args.now ?? new Date() });
    return { view: result.view, etag: result.etag };
  });
}

/** Confirms the components unchanged: the inventory's own confirmation, and the round's mark. */
export async function confirmThroughLink(dataSource: DataSource, args: LinkWrite): Promise<void> {
  const link = await openLink(dataSource, args);
  await confirmInventory(dataSource, { key: link.region.key, actor: link.actor });
  await inTransaction(dataSource, (tx) =>
    tx.update(SurveyRoundMember, { id: link.member.id }, { confirmedAt: args.now ?? new Date() }),
  );
}

/**
 * Replaces the components through a link with the inventory's own write (same checks, same
 * audit events, the link as actor) and confirms the result as current. A landscape sent back
 * unchanged counts as confirmed unchanged.
 */
export async function updateComponentsThroughLink(
  dataSource: DataSource,
  args: LinkWrite & { items: LandscapeItemInput[]; precondition: Precondition },
): Promise<{ view: LandscapeView; etag: string; changed: number }> {
  const link = await openLink(dataSource, args);
  const result = await putLandscape(dataSource, {
    key: link.region.key,
    items: args.items,
    actor: link.actor,
    precondition: args.precondition,
  });
  await confirmInventory(dataSource, { key: link.region.key, actor: link.actor });
  const at = args.now ?? new Date();
  await inTransaction(dataSource, (tx) =>
    tx.update(
      SurveyRoundMember,
      { id: link.member.id },
      result.changed > 0 ? { componentsUpdatedAt: at } : { confirmedAt: at },
    ),
  );
  return result;
}
