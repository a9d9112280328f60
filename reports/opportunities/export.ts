import { CONNECTION_STATUS_LABELS } from '../../lib/connections';
import { buildTable, fileStem, type ExportDocument, type TableColumn } from '../export';
import type { ConnectOption } from './connect-options';
import type { ConsolidationCandidate } from './consolidation';
import type { Opportunity, OpportunitiesReport } from './opportunity';
import { formatPercent } from '../common/wording';

const SCOPE_LABELS = {
  kreis: 'Kreis',
  neighbour: 'Nachbargemeinde',
  customer: 'eigener Betreiber',
  land: 'Land',
} as const;
const KIND_LABELS = { connect: 'anschließen', operator: 'Betreiber mitnutzen' } as const;

const opportunityColumns: TableColumn<Opportunity>[] = [
  { header: 'AGS', value: (o) => o.municipality.key },
  { header: 'Gemeinde', value: (o) => o.municipality.name, width: 32 },
  { header: 'Einwohner', value: (o) => o.municipality.population },
  { header: 'Komponente', value: (o) => o.componentLabel },
  { header: 'Stand', value: (o) => o.statusLabel },
  { header: 'Rang', value: (o) => o.rank },
  { header: 'Betreiber', value: (o) => o.operator?.name ?? '', width: 32 },
  { header: 'Betreibertyp', value: (o) => o.operator?.typeLabel ?? '' },
  { header: 'Ebene', value: (o) => SCOPE_LABELS[o.scope] },
  { header: 'versorgte Gemeinden im Kreis', value: (o) => o.servedInKreis },
  { header: 'Gemeinden im Kreis', value: (o) => o.kreisMunicipalities },
  { header: 'versorgte Einwohner im Kreis', value: (o) => o.populationServedInKreis },
  { header: 'versorgte Gemeinden im Land', value: (o) => o.servedInLand },
  { header: 'versorgte Einwohner im Land', value: (o) => o.populationServedInLand },
  { header: 'Begründung', value: (o) => o.reason, width: 100 },
  { header: 'Demodaten (erfunden)', value: (o) => o.demo },
  // After the older columns, so existing spreadsheets keep their places.
  { header: 'Art', value: (o) => KIND_LABELS[o.kind] },
  { header: 'Dienst', value: (o) => o.service?.name ?? '', width: 32 },
  { header: 'Dienstart', value: (o) => o.service?.kindLabel ?? '' },
  {
    header: 'erfasster Anschluss',
    value: (o) => (o.connectionStatus ? CONNECTION_STATUS_LABELS[o.connectionStatus] : ''),
  },
];

const connectColumns: TableColumn<ConnectOption>[] = [
  { header: 'Code', value: (c) => c.service.code },
  { header: 'Dienst', value: (c) => c.service.name, width: 40 },
  { header: 'Art', value: (c) => c.service.kindLabel },
  { header: 'Komponenten', value: (c) => c.components.map((k) => k.label).join(', ') },
  { header: 'Lücken, die er schließen könnte', value: (c) => c.gaps },
  { header: 'Gemeinden mit solchen Lücken', value: (c) => c.municipalities },
  { header: 'angeschlossen (in Betrieb)', value: (c) => c.connected },
  { header: 'Anschluss in Vorbereitung', value: (c) => c.connecting },
];

const consolidationColumns: TableColumn<ConsolidationCandidate>[] = [
  { header: 'Ebene', value: (c) => SCOPE_LABELS[c.scope] },
  { header: 'Schlüssel', value: (c) => c.region.key },
  { header: 'Gebiet', value: (c) => c.region.name, width: 30 },
  { header: 'Komponente', value: (c) => c.componentLabel },
  { header: 'Gemeinden im Einsatz', value: (c) => c.municipalitiesInUse },
  { header: 'Betreiber', value: (c) => c.operatorCount },
  { header: 'führender Betreiber', value: (c) => c.leader.name, width: 32 },
  { header: 'davon versorgt', value: (c) => c.leaderMunicipalities },
  { header: 'Anteil', value: (c) => formatPercent(c.leaderShare) },
  { header: 'Begründung', value: (c) => c.reason, width: 100 },
  { header: 'Demodaten (erfunden)', value: (c) => c.demo },
];

/**
 * The opportunities report as an export document: one row per suggestion (the CSV), and the
 * consolidation candidates as a second table. On the terminal only the sentences are shown.
 */
export function opportunitiesDocument(report: OpportunitiesReport): ExportDocument {
  const s = report.summary;
  return {
    title: `Chancen für gemeinsame Nutzung ${report.area.label}`,
    fileStem: fileStem('Chancen', report.area.label, report.generatedAt.slice(0, 10)),
    notes: [
      ...report.notes,
      `${s.gaps} Lücken (Gemeinde × Komponente), davon ${s.gapsWithSuggestion} mit Vorschlag; ` +
        `${s.suggestions} Vorschläge (${s.connectSuggestions} davon: an einen Dienst anschließen), ` +
        `${s.consolidationCandidates} Bündelungskandidaten.`,
    ],
    tables: [
      buildTable('Vorschläge', opportunityColumns, report.opportunities),
      buildTable('Anschließbare Dienste', connectColumns, report.connectOptions),
      buildTable('Bündelungskandidaten', consolidationColumns, report.consolidation),
    ],
    terminalTables: [
      buildTable(
        'Vorschläge',
        [
          { header: 'Rang', value: (o: Opportunity) => o.rank },
          { header: 'Begründung', value: (o) => o.reason },
        ],
        report.opportunities,
      ),
      buildTable(
        'Bündelungskandidaten',
        [{ header: 'Begründung', value: (c: ConsolidationCandidate) => c.reason }],
        report.consolidation,
      ),
    ],
  };
}
