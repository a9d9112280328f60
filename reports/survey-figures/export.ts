import { buildTable, fileStem, type ExportDocument, type TableColumn } from '../export';
import type { SurveyFigureLine, SurveyFiguresReport } from './report';

/**
 * The survey figures as a download: one row per figure with the survey's value, the area's
 * share and counts, then share and counts per size class that has answers.
 */
export function surveyFiguresDocument(report: SurveyFiguresReport): ExportDocument {
  const groups = report.groups.filter((g) => g.respondents > 0);
  const columns: TableColumn<SurveyFigureLine>[] = [
    { header: 'Kennzahl', value: (f) => f.code },
    { header: 'Bezeichnung', value: (f) => f.label, width: 40 },
    { header: 'Dimension', value: (f) => f.dimension },
    { header: 'Umfrage 2019 (%)', value: (f) => f.survey?.value ?? null },
    { header: 'Umfragewert abgeleitet', value: (f) => (f.survey ? f.survey.derived : null) },
    { header: 'Gebiet (%)', value: (f) => f.total.percent },
    { header: 'Gebiet: beantwortet', value: (f) => f.total.answered },
    { header: 'Gebiet: zutreffend', value: (f) => f.total.matched },
    ...groups.flatMap((g): TableColumn<SurveyFigureLine>[] => [
      { header: `${g.label} (%)`, value: (f) => f.byGroup[g.key]?.percent ?? null },
      { header: `${g.label}: beantwortet`, value: (f) => f.byGroup[g.key]?.answered ?? 0 },
    ]),
    { header: 'Hinweis', value: (f) => f.note, width: 60 },
    { header: 'Quelle', value: (f) => report.sources[f.source]?.title ?? f.source, width: 40 },
  ];
  return {
    title: `Umfragewerte ${report.area.name}`,
    fileStem: fileStem('Umfragewerte', report.area.name, report.area.key),
    notes: [
      `Selbstauskunft von ${report.respondents} der ${report.municipalities} Kommunen des Gebiets; jeder Anteil bezieht sich auf die Kommunen, die die Frage beantwortet haben.`,
      'Die KGSt/ÖFIT-Umfrage 2019 ist keine Zufallsstichprobe aller Gemeinden und nennt ihre Werte nicht je Größenklasse.',
      ...Object.values(report.sources).map((s) => `${s.title}${s.url ? ` (${s.url})` : ''}: ${s.note}`),
    ],
    tables: [buildTable('Umfragewerte', columns, report.figures)],
  };
}
