import { buildTable, fileStem, type ExportDocument, type TableColumn } from '../export';
import { einwohner, gemeinden } from '../common/wording';
import type { ComponentFragmentation, FragmentationReport, ProductTally } from './report';

/** "Form-Solutions (4 Gemeinden, 120.000 Einwohner); ePayBL (1 Gemeinde, 5.000 Einwohner)". */
function productsText(products: ProductTally[]): string {
  return products.map((p) => `${p.product} (${gemeinden(p.municipalities)}, ${einwohner(p.population)})`).join('; ');
}

/**
 * The fragmentation report as an export document: one row per component, then operators and
 * products per component with the Gemeinden and population they serve.
 */
export function fragmentationDocument(report: FragmentationReport): ExportDocument {
  const columns: TableColumn<ComponentFragmentation>[] = [
    { header: 'Komponente', value: (c) => c.label },
    { header: 'Gemeinden im Einsatz', value: (c) => c.municipalitiesInUse },
    { header: 'Einwohner', value: (c) => c.populationInUse },
    { header: 'Betreiber', value: (c) => c.operatorCount },
    { header: 'Produkte', value: (c) => c.productCount },
    { header: 'kleine Gemeinden im Einsatz', value: (c) => c.smallInUse },
    { header: 'davon für sich allein', value: (c) => c.smallSeparate.municipalities },
    { header: 'deren Einwohner', value: (c) => c.smallSeparate.population },
    { header: 'hervorgehoben', value: (c) => c.highlighted },
    { header: 'Kreise/Verbände im Einsatz', value: (c) => c.administrationsInUse },
    { header: 'Einschätzung', value: (c) => c.assessment, width: 80 },
    // Appended, so the columns of existing spreadsheets keep their places; the CSV carries only
    // this table, hence the products with their Gemeinden and population as text here too.
    { header: 'Produkte (Gemeinden, Einwohner)', value: (c) => productsText(c.products), width: 80 },
    { header: 'davon Demodaten (erfunden)', value: (c) => c.demoRecords },
  ];
  const operatorRows = report.components.flatMap((c) => c.operators.map((o) => ({ label: c.label, ...o })));
  const productRows = report.components.flatMap((c) => c.products.map((p) => ({ label: c.label, ...p })));
  const summary = buildTable('Komponenten', columns, report.components);
  return {
    title: `Zersplitterung ${report.area.label}`,
    fileStem: fileStem('Zersplitterung', report.area.label, report.generatedAt.slice(0, 10)),
    notes: report.notes,
    tables: [
      summary,
      buildTable(
        'Betreiber je Komponente',
        [
          { header: 'Komponente', value: (r: (typeof operatorRows)[number]) => r.label },
          { header: 'Betreiber', value: (r) => r.operator?.name ?? '(kein Betreiber erfasst)', width: 40 },
          { header: 'Betreibertyp', value: (r) => r.operator?.typeLabel ?? '' },
          { header: 'Gemeinden', value: (r) => r.municipalities },
          { header: 'Einwohner', value: (r) => r.population },
        ],
        operatorRows,
      ),
      buildTable(
        'Produkte je Komponente',
        [
          { header: 'Komponente', value: (r: (typeof productRows)[number]) => r.label },
          { header: 'Produkt', value: (r) => r.product, width: 40 },
          { header: 'Gemeinden', value: (r) => r.municipalities },
          { header: 'Einwohner', value: (r) => r.population },
        ],
        productRows,
      ),
    ],
    terminalTables: [
      { ...summary, headers: summary.headers.slice(0, -3), rows: summary.rows.map((r) => r.slice(0, -3)) },
      buildTable(
        'Einschätzung',
        [{ header: 'Einschätzung', value: (c: ComponentFragmentation) => c.assessment }],
        report.components,
      ),
    ],
  };
}
