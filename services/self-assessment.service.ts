import type { DataSource, EntityManager } from 'typeorm';
import { SelfAssessment, type Region } from '../entities';
import { findOneByColumn } from '../entities/fast-find';
import { inTransaction } from '../entities/transaction';
import { assertPrecondition, entityTag, type Precondition } from '../lib/concurrency';
import type { Actor } from '../lib/principal';
import { recordAudit } from './audit.service';
import { findMunicipality } from './region.service';
import { assertWritable } from './write-refusal';
import {
  questionnaireOf,
  shippedQuestionnaires,
  validateAnswers,
  type Answers,
  type QuestionnaireSet,
} from './self-assessment-questionnaire';

/** A municipality's self-assessment as the API shows it. */
export interface SelfAssessmentView {
  municipality: { key: string; name: string; level: string };
  /** The version the answers were given in; null when nothing is answered yet. */
  questionnaireVersion: number | null;
  /** The version a new answer is given in unless the writer names another one. */
  currentVersion: number;
  answers: Answers;
  updatedAt: string | null;
  updatedBy: string | null;
}

function viewOf(region: Region, row: SelfAssessment | null, set: QuestionnaireSet): SelfAssessmentView {
  return {
    municipality: { key: region.key, name: region.name, level: region.level },
    questionnaireVersion: row?.questionnaireVersion ?? null,
    currentVersion: set.current.version,
    answers: row?.answers ?? {},
    updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** The stored self-assessment of a region (by id), or null. */
export function selfAssessmentRow(manager: EntityManager, regionId: number): Promise<SelfAssessment | null> {
  return findOneByColumn(manager, SelfAssessment, 'regionId', regionId);
}

/** The self-assessment of a municipality with its ETag (the ETag of an empty one, too). */
export async function getSelfAssessment(
  manager: EntityManager,
  key: string,
  set: QuestionnaireSet = shippedQuestionnaires(),
): Promise<{ view: SelfAssessmentView; etag: string; region: Region }> {
  const region = await findMunicipality(manager, key);
  const view = viewOf(region, await selfAssessmentRow(manager, region.id), set);
  return { view, etag: entityTag(view), region };
}

/** What a writer sends: the answers, and the version they were given in (default: current). */
export interface SelfAssessmentInput {
  questionnaireVersion?: number;
  answers: Answers;
}

/**
 * Writes a municipality's self-assessment inside the caller's transaction: checks scope, that
 * the municipality is current, the precondition (If-Match once something is stored) and the
 * answers against their version; writes an audit event with before and after. Returns whether
 * anything changed.
 */
export async function writeSelfAssessment(
  tx: EntityManager,
  args: {
    key: string;
    input: SelfAssessmentInput;
    actor: Actor;
    precondition: Precondition;
    set?: QuestionnaireSet;
    /** The import run that writes it, so the audit log links the change to the file. */
    importRunId?: number;
  },
): Promise<{ view: SelfAssessmentView; etag: string; changed: boolean }> {
  const set = args.set ?? shippedQuestionnaires();
  const questionnaire = questionnaireOf(set, args.input.questionnaireVersion ?? set.current.version);
  validateAnswers(questionnaire, args.input.answers);
  const region = await findMunicipality(tx, args.key);
  await assertWritable(tx, args.actor.principal, region);
  const existing = await selfAssessmentRow(tx, region.id);
  assertPrecondition(args.precondition, entityTag(viewOf(region, existing, set)), { empty: existing === null });
  const before = existing ? { questionnaireVersion: existing.questionnaireVersion, answers: existing.answers } : null;
  const after = { questionnaireVersion: questionnaire.version, answers: args.input.answers };
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    const values = {
      questionnaireVersion: questionnaire.version,
      answers: args.input.answers,
      updatedAt: new Date(),
      updatedBy: args.actor.principal.name,
    };
    if (existing) await tx.update(SelfAssessment, { id: existing.id }, values);
    else await tx.insert(SelfAssessment, { regionId: region.id, ...values });
    await recordAudit(tx, args.actor, {
      action: existing ? 'self-assessment.updated' : 'self-assessment.created',
      entityType: 'self-assessment',
      entityKey: region.key,
      regionId: region.id,
      before,
      after,
      importRunId: args.importRunId ?? null,
    });
  }
  const view = viewOf(region, await selfAssessmentRow(tx, region.id), set);
  return { view, etag: entityTag(view), changed: JSON.stringify(before) !== JSON.stringify(after) };
}

/** {@link writeSelfAssessment} in a transaction of its own. */
export function putSelfAssessment(
  dataSource: DataSource,
  args: { key: string; input: SelfAssessmentInput; actor: Actor; precondition: Precondition; set?: QuestionnaireSet },
): Promise<{ view: SelfAssessmentView; etag: string; changed: boolean }> {
  return inTransaction(dataSource, (tx) => writeSelfAssessment(tx, args));
}
