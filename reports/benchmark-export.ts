import { OPERATOR_TYPE_LABELS, OPERATOR_TYPES, type OperatorType } from '../lib/vocabulary';
import type { BenchmarkReport, BenchmarkRow, OperatorTypeShares } from './benchmark.report';
import { buildTable, fileStem, type ExportDocument, type TableColumn } from './export';

/** German labels of the operator-type columns, with `unknown` for records without an operator. */
const OPERATOR_TYPE_COLUMN_LABELS: Record<OperatorType | 'unknown', string> = {
  ...OPERATOR_TYPE_LABELS,
  unknown: 'ohne Betreiberangabe',
};

const SCOPE_LABELS: Record<BenchmarkRow['scope'], string> = { area: 'Gebiet', land: 'Land', kreis: 'Kreis' };

function rowColumns(report: BenchmarkReport): TableColumn<BenchmarkRow>[] {
  const { survey } = report;
  return [
    { header: 'Ebene', value: (r) => SCOPE_LABELS[r.scope] },
    { header: 'Schlüssel', value: (r) => r.key },
    { header: 'Gebiet', value: (r) => r.name, width: 32 },
    { header: 'Gemeinden', value: (r) => r.municipalities },
    { header: 'mit Angaben', value: (r) => r.withData },
    { header: 'ohne Angaben', value: (r) => r.noData },
    { header: `veraltet (> ${report.staleMonths} Monate)`, value: (r) => r.stale },
    { header: 'keine Komponente', value: (r) => r.none },
    { header: 'ein bis zwei', value: (r) => r.oneToTwo },
    { header: 'drei oder mehr (gut aufgestellt)', value: (r) => r.threePlus },
    { header: 'keine (%)', value: (r) => r.shares?.none ?? null },
    { header: `Umfrage 2019: keine (%)`, value: () => survey.none },
    { header: 'ein bis zwei (%)', value: (r) => r.shares?.oneToTwo ?? null },
    { header: `Umfrage 2019: ein bis zwei (%)`, value: () => survey.oneToTwo },
    { header: 'drei oder mehr (%)', value: (r) => r.shares?.threePlus ?? null },
    { header: `Umfrage 2019: drei oder mehr (%)`, value: () => survey.threePlus },
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

/** The benchmark as an export document: area, Länder and Kreise side by side with the survey; operator types. */
export function benchmarkDocument(report: BenchmarkReport): ExportDocument {
  const rows = [report.total, ...report.byLand, ...report.byKreis];
  const table = buildTable('Umfragevergleich', rowColumns(report), rows);
  const terminalColumns = rowColumns(report).filter((c) => !c.header.startsWith('Umfrage') && c.header !== 'Ebene');
  return {
    title: `Umfragevergleich ${report.area.label}`,
    fileStem: fileStem('Umfragevergleich', report.area.label, report.generatedAt.slice(0, 10)),
    notes: [report.summary, ...report.notes],
    tables: [table, buildTable('Betreibertypen', typeColumns(), report.operatorTypes)],
    terminalTables: [
      buildTable(
        `Gebiet, Länder und Kreise (Umfrage 2019: ${report.survey.none} / ${report.survey.oneToTwo} / ${report.survey.threePlus} %)`,
        terminalColumns,
        rows,
      ),
      buildTable('Betreibertypen (%)', typeColumns(), report.operatorTypes),
    ],
  };
}
