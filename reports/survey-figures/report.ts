import type { EntityManager } from 'typeorm';
import type { Region, SelfAssessment } from '../../entities';
import {
  answerMatches,
  shippedQuestionnaires,
  type Question,
  type QuestionFigure,
  type QuestionnaireSet,
} from '../../services/self-assessment-questionnaire';
import { KGST_SIZE_CLASSES, sizeClassOf, sizeClassTitle, UNKNOWN_SIZE_CLASS } from '../common/size-classes';
import { loadAssessedRegions } from './queries';

/** How many answered a figure's question, how many of them count for it, and the share. */
export interface FigureTally {
  answered: number;
  matched: number;
  /** Percent of those who answered, one decimal; null when nobody answered. */
  percent: number | null;
}

/** A group of the breakdown: a KGSt size class of Gemeinden, or the Kreise and Verbände. */
export interface FigureGroup {
  key: string;
  label: string;
}

/** One survey figure beside the area's. */
export interface SurveyFigureLine {
  code: string;
  label: string;
  question: string;
  dimension: string;
  /** The survey's value in percent, or null when it names none (see `note`). */
  survey: { value: number; derived: boolean } | null;
  note: string;
  source: string;
  total: FigureTally;
  byGroup: Record<string, FigureTally>;
}

/** The survey figures of an area from its municipalities' self-assessments. */
export interface SurveyFiguresReport {
  area: { key: string; name: string };
  /** Municipalities of the area (Gemeinden, Verbände, Kreise). */
  municipalities: number;
  /** Of those, how many have a self-assessment. */
  respondents: number;
  groups: (FigureGroup & { municipalities: number; respondents: number })[];
  sources: QuestionnaireSet['current']['sources'];
  figures: SurveyFigureLine[];
}

const OTHER_GROUP: FigureGroup = { key: 'kreise-verbaende', label: 'Kreise und Gemeindeverbände' };

/** The group of a municipality: Gemeinden by KGSt size class, Kreise and Verbände together. */
function groupOf(region: Region): string {
  return region.level === 'gemeinde' ? sizeClassOf(region.population ?? 0).key : OTHER_GROUP.key;
}

function tally(answered: number, matched: number): FigureTally {
  return { answered, matched, percent: answered > 0 ? Math.round((matched / answered) * 1000) / 10 : null };
}

/**
 * Computes every figure of the current questionnaire for an area. Each municipality counts with
 * its answers in the version they were given in: a figure is looked up by its code in that
 * version, so answers to an older version still count where the figure existed there. The
 * denominator of a figure is who answered its question (a follow-up question is only asked
 * after the matching answer, so "FIM helpful" is a share of those who know FIM, as in the survey).
 */
export async function buildSurveyFigures(
  manager: EntityManager,
  areaKey: string,
  set: QuestionnaireSet = shippedQuestionnaires(),
): Promise<SurveyFiguresReport> {
  const { area, regions } = await loadAssessedRegions(manager, areaKey);
  const groups: FigureGroup[] = [
    ...KGST_SIZE_CLASSES.map((c) => ({ key: c.key, label: sizeClassTitle(c) })),
    { key: UNKNOWN_SIZE_CLASS.key, label: sizeClassTitle(UNKNOWN_SIZE_CLASS) },
    OTHER_GROUP,
  ];
  const respondents = regions.filter((r) => r.assessment);
  const figures: SurveyFigureLine[] = [];
  for (const question of set.current.questions) {
    for (const figure of question.figures) {
      const counts = new Map<string, { answered: number; matched: number }>(
        groups.map((g) => [g.key, { answered: 0, matched: 0 }]),
      );
      for (const region of respondents) {
        const s = region.assessment as SelfAssessment;
        const found = figureIn(set, s.questionnaireVersion, figure.code);
        const answer = found ? s.answers[found.question.code] : undefined;
        if (!found || answer === undefined) continue;
        const c = counts.get(groupOf(region)) as { answered: number; matched: number };
        c.answered += 1;
        if (answerMatches(found.question, found.figure, answer)) c.matched += 1;
      }
      const all = [...counts.values()].reduce(
        (a, b) => ({ answered: a.answered + b.answered, matched: a.matched + b.matched }),
        {
          answered: 0,
          matched: 0,
        },
      );
      figures.push({
        code: figure.code,
        label: figure.label,
        question: question.text,
        dimension: question.dimension,
        survey: figure.survey,
        note: figure.note,
        source: figure.source,
        total: tally(all.answered, all.matched),
        byGroup: Object.fromEntries([...counts].map(([key, c]) => [key, tally(c.answered, c.matched)])),
      });
    }
  }
  return {
    area: area ? { key: area.key, name: area.name } : { key: 'DE', name: 'Deutschland' },
    municipalities: regions.length,
    respondents: respondents.length,
    groups: groups.map((g) => ({
      ...g,
      municipalities: regions.filter((r) => groupOf(r) === g.key).length,
      respondents: respondents.filter((r) => groupOf(r) === g.key).length,
    })),
    sources: set.current.sources,
    figures,
  };
}

/** A figure by code in a given questionnaire version, with its question. */
function figureIn(
  set: QuestionnaireSet,
  version: number,
  code: string,
): { question: Question; figure: QuestionFigure } | null {
  const questionnaire = set.byVersion.get(version);
  for (const question of questionnaire?.questions ?? []) {
    const figure = question.figures.find((f) => f.code === code);
    if (figure) return { question, figure };
  }
  return null;
}
