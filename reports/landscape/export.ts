import { COMPONENT_STATUS_LABELS, COMPONENT_STATUSES, type ComponentStatus } from '../../lib/vocabulary';
import { buildTable, fileStem, type ExportDocument, type ExportTable, type TableColumn } from '../export';
import { shortLabel } from '../common/wording';
import {
  hasDemoCell,
  type ComponentTotal,
  type LandscapeReport,
  type LandscapeRow,
  type OperatorTotal,
} from './report';

const LEVEL_LABELS: Record<LandscapeRow['level'], string> = {
  gemeinde: 'Gemeinde',
  kreis: 'Kreis',
  gemeindeverband: 'Gemeindeverband',
};

function matrixColumns(report: LandscapeReport): TableColumn<LandscapeRow>[] {
  const columns: TableColumn<LandscapeRow>[] = [
    { header: 'Ebene', value: (r) => LEVEL_LABELS[r.level] },
    { header: 'Schlüssel', value: (r) => r.key },
    { header: 'Name', value: (r) => r.name, width: 36 },
    { header: 'Einwohner', value: (r) => r.population },
    { header: 'Komponenten im Einsatz', value: (r) => r.inUseCount },
  ];
  for (const c of report.components) {
    columns.push(
      { header: `${c.label}: Status`, value: (r) => r.cells[c.code]?.statusLabel ?? '' },
      { header: `${c.label}: Betreiber`, value: (r) => r.cells[c.code]?.operator?.name ?? '' },
      { header: `${c.label}: Betreibertyp`, value: (r) => r.cells[c.code]?.operator?.typeLabel ?? '' },
      { header: `${c.label}: Produkt`, value: (r) => r.cells[c.code]?.product ?? '' },
    );
  }
  // Last, so the columns of existing spreadsheets keep their places.
  columns.push({ header: 'Demodaten (erfunden)', value: (r) => hasDemoCell([r]) });
  return columns;
}

const STATUS_SYMBOLS: Record<ComponentStatus, string> = {
  'in-use': '●',
  planned: '○',
  'not-used': '–',
  retired: '×',
  unknown: '?',
};

const LEGEND = '● im Einsatz, ○ geplant, – nicht genutzt, × abgeschaltet, ? unbekannt, · nichts erfasst';

function compactMatrix(name: string, report: LandscapeReport, rows: LandscapeRow[]): ExportTable {
  const columns: TableColumn<LandscapeRow>[] = [
    { header: 'Schlüssel', value: (r) => r.key },
    { header: 'Name', value: (r) => (hasDemoCell([r]) ? `${r.name} [Demodaten]` : r.name) },
    { header: 'Einwohner', value: (r) => r.population },
    ...report.components.map((c) => ({
      header: shortLabel(c.label),
      value: (r: LandscapeRow) => {
        const cell = r.cells[c.code];
        return cell ? STATUS_SYMBOLS[cell.status] : '·';
      },
    })),
    { header: 'im Einsatz', value: (r) => r.inUseCount },
  ];
  return buildTable(name, columns, rows);
}

function totalsTables(report: LandscapeReport): ExportTable[] {
  const statusColumns = [...COMPONENT_STATUSES, 'not-recorded' as const].map((s) => ({
    header: s === 'not-recorded' ? 'nichts erfasst' : COMPONENT_STATUS_LABELS[s],
    value: (t: ComponentTotal) => t.counts[s],
  }));
  return [
    buildTable(
      'Summen je Komponente',
      [{ header: 'Komponente', value: (t: ComponentTotal) => t.label }, ...statusColumns],
      report.componentTotals,
    ),
    buildTable(
      'Summen je Betreiber',
      [
        { header: 'Betreiber', value: (t: OperatorTotal) => t.operator.name, width: 40 },
        { header: 'Betreibertyp', value: (t) => t.operator.typeLabel },
        { header: 'Gemeinden', value: (t) => t.municipalities },
        { header: 'Komponenten im Einsatz', value: (t) => t.inUse },
        ...report.components.map((c) => ({
          header: shortLabel(c.label),
          value: (t: OperatorTotal) => t.components[c.code] ?? 0,
        })),
      ],
      report.operatorTotals,
    ),
  ];
}

/**
 * The landscape as an export document: the matrix (Gemeinden first, then Kreis- and
 * Verband-level rows, told apart by the column "Ebene") and the totals per component and
 * per operator.
 */
export function landscapeDocument(report: LandscapeReport): ExportDocument {
  const matrix = buildTable('Matrix', matrixColumns(report), [...report.municipalities, ...report.administrations]);
  const totals = totalsTables(report);
  return {
    title: `Komponentenlandschaft ${report.area.label}`,
    fileStem: fileStem('Komponentenlandschaft', report.area.label, report.generatedAt.slice(0, 10)),
    notes: report.notes,
    tables: [matrix, ...totals],
    terminalTables: [
      compactMatrix(`Gemeinden (${LEGEND})`, report, report.municipalities),
      ...(report.administrations.length > 0
        ? [compactMatrix('Kreis- und Verbandsebene (gesondert)', report, report.administrations)]
        : []),
      ...totals.map((t) => ({ ...t, rows: t.rows.slice(0, 20) })),
    ],
  };
}
