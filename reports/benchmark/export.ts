import { OPERATOR_TYPE_LABELS, OPERATOR_TYPES, type OperatorType } from '../../lib/vocabulary';
import type { BenchmarkReport, BenchmarkRow, OperatorTypeShares } from './report';
import { buildTable, fileStem, type ExportDocument, type TableColumn } from '../export';
import { surveyFigureText, type SurveyClass, type SurveyFigure } from '../common/survey';

/** German labels of the operator-type columns, with `unknown` for records without an operator. */
const OPERATOR_TYPE_COLUMN_LABELS: Record<OperatorType | 'unknown', string> = {
  ...OPERATOR_TYPE_LABELS,
  unknown: 'ohne Betreiberangabe',
};

const SCOPE_LABELS: Record<BenchmarkRow['scope'], string> = {
  area: 'Gebiet',
  land: 'Land',
  kreis: 'Kreis',
  sizeClass: 'Größenklasse',
};

const CLASS_LABELS: Record<SurveyClass, string> = {
  none: 'keine',
  oneToTwo: 'ein bis zwei',
  threePlus: 'drei oder mehr',
};

/** "Umfrage 2019: drei oder mehr (%, abgeleitet)": a derived figure says so in its header. */
function surveyHeader(key: SurveyClass, figure: SurveyFigure): string {
  return `Umfrage 2019: ${CLASS_LABELS[key]} (%${figure.derived ? ', abgeleitet' : ''})`;
}

type RowColumn = TableColumn<BenchmarkRow>;

/** The columns every row table shares, by name, so the size-class table can pick its own. */
const COLUMNS = {
  municipalities: { header: 'Gemeinden', value: (r) => r.municipalities },
  withData: { header: 'mit Angaben', value: (r) => r.withData },
  none: { header: 'keine Komponente', value: (r) => r.none },
  oneToTwo: { header: 'ein bis zwei', value: (r) => r.oneToTwo },
  threePlus: { header: 'drei oder mehr (gut aufgestellt)', value: (r) => r.threePlus },
  noneShare: { header: 'keine (%)', value: (r) => r.shares?.none ?? null },
  oneToTwoShare: { header: 'ein bis zwei (%)', value: (r) => r.shares?.oneToTwo ?? null },
  threePlusShare: { header: 'drei oder mehr (%)', value: (r) => r.shares?.threePlus ?? null },
} satisfies Record<string, RowColumn>;

function surveyColumn(report: BenchmarkReport, key: SurveyClass): RowColumn {
  const figure = report.survey.figures[key];
  return { header: surveyHeader(key, figure), value: () => figure.value };
}

function rowColumns(report: BenchmarkReport): RowColumn[] {
  return [
    { header: 'Ebene', value: (r) => SCOPE_LABELS[r.scope] },
    { header: 'Schlüssel', value: (r) => r.key },
    { header: 'Gebiet', value: (r) => r.name, width: 32 },
    COLUMNS.municipalities,
    COLUMNS.withData,
    { header: 'ohne Angaben', value: (r) => r.noData },
    { header: `veraltet (> ${report.staleMonths} Monate)`, value: (r) => r.stale },
    COLUMNS.none,
    COLUMNS.oneToTwo,
    COLUMNS.threePlus,
    COLUMNS.noneShare,
    surveyColumn(report, 'none'),
    COLUMNS.oneToTwoShare,
    surveyColumn(report, 'oneToTwo'),
    COLUMNS.threePlusShare,
    surveyColumn(report, 'threePlus'),
    // Last, so the columns of existing spreadsheets keep their places.
    { header: 'davon mit Demodaten (erfunden)', value: (r) => r.demoMunicipalities },
  ];
}

function typeColumns(): TableColumn<OperatorTypeShares>[] {
  return [
    { header: 'Komponente', value: (t) => t.label },
    { header: 'im Einsatz', value: (t) => t.inUse },
    ...[...OPERATOR_TYPES, 'unknown' as const].map((type) => ({
      header: `${OPERATOR_TYPE_COLUMN_LABELS[type]} (%)`,
      value: (t: OperatorTypeShares) => t.types[type].share,
    })),
  ];
}

/** Per size class: the area's counts and shares (the survey's figures are totals only). */
function sizeClassColumns(): RowColumn[] {
  return [{ header: 'Größenklasse', value: (r) => r.name, width: 40 }, ...Object.values(COLUMNS)];
}

function surveyColumns(): TableColumn<[SurveyClass, SurveyFigure]>[] {
  return [
    { header: 'Komponenten im Einsatz', value: ([key]) => CLASS_LABELS[key] },
    { header: 'Anteil (%)', value: ([, f]) => f.value },
    { header: 'abgeleitet', value: ([, f]) => (f.derived ? 'ja' : 'nein') },
    { header: 'Hinweis', value: ([, f]) => f.note, width: 80 },
  ];
}

/**
 * The benchmark as an export document: area, Länder, Kreise and size classes side by side with
 * the survey (CSV carries this table alone); operator types; the survey figures with their
 * `derived` flag. New rows and sheets go after the old ones, so existing spreadsheets keep their places.
 */
export function benchmarkDocument(report: BenchmarkReport): ExportDocument {
  const rows = [report.total, ...report.byLand, ...report.byKreis, ...report.bySizeClass];
  const table = buildTable('Umfragevergleich', rowColumns(report), rows);
  const terminalColumns = rowColumns(report).filter((c) => !c.header.startsWith('Umfrage') && c.header !== 'Ebene');
  const figures = Object.entries(report.survey.figures) as [SurveyClass, SurveyFigure][];
  const { none, oneToTwo, threePlus } = report.survey.figures;
  const totals = `Umfrage 2019: ${none.value} / ${oneToTwo.value} / ${surveyFigureText(threePlus)}`;
  return {
    title: `Umfragevergleich ${report.area.label}`,
    fileStem: fileStem('Umfragevergleich', report.area.label, report.generatedAt.slice(0, 10)),
    notes: [report.summary, ...report.notes],
    tables: [
      table,
      buildTable('Betreibertypen', typeColumns(), report.operatorTypes),
      buildTable('Umfragewerte', surveyColumns(), figures),
    ],
    terminalTables: [
      buildTable(`Gebiet, Länder und Kreise (${totals})`, terminalColumns, [
        report.total,
        ...report.byLand,
        ...report.byKreis,
      ]),
      buildTable(
        `Nach Größenklassen der KGSt (die Umfrage nennt keine Werte je Größenklasse; ${totals})`,
        sizeClassColumns(),
        report.bySizeClass,
      ),
      buildTable('Betreibertypen (%)', typeColumns(), report.operatorTypes),
      buildTable('Umfragewerte 2019', surveyColumns().slice(0, 3), figures),
    ],
  };
}
