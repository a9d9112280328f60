import type { EntityManager } from 'typeorm';
import { areaView, loadPlaceNames, resolveArea, UPPER_LEVEL_NOTE } from '../area';
import { loadCatalogue, loadOperators } from '../common/records';
import { withDemoNote } from '../common/wording';
import { collectSuggestions, ownOperators } from './collect-suggestions';
import { loadConnectIndex } from './connect-options';
import { findConsolidationCandidates } from './consolidation';
import { loadNearbyOperators } from './nearby-operators';
import { DEFAULT_CANDIDATES_PER_GAP, type OpportunitiesOptions, type OpportunitiesReport } from './opportunity';
import { loadStatuses } from './queries';
import { Phrases } from './reasons';
import { loadServedTallies } from './served-tallies';

export type { ConsolidationCandidate } from './consolidation';
export type { ConnectOption, ServiceRef } from './connect-options';
export type { NeighbourRef } from './nearby-operators';
export {
  DEFAULT_CANDIDATES_PER_GAP,
  type GapStatus,
  type OpportunitiesOptions,
  type OpportunitiesReport,
  type Opportunity,
  type OpportunityMunicipality,
  type OpportunityScope,
} from './opportunity';
export { byStrength, takeInTurns } from './strongest';

/**
 * Builds the opportunities report. For every Gemeinde of the area and every component it
 * lacks (nothing recorded, `not-used`, `planned` or `retired`; never De-Mail, and not when a
 * live connection provides it): first the federal, Land and EfA services of its Land that
 * provide the component (`data/reference/anschliessbare-dienste.csv`) and federal or Land
 * operators recorded for it, as services to connect to; then the operators that already run
 * the component (`in-use`) for other Gemeinden of the same Kreis — ranked by Gemeinden served,
 * then population — and, to fill up, of the same Land. Own-IT operators are never suggested:
 * they serve their own administration. Also lists, per connectable service, the gaps it could
 * close, and the consolidation candidates (see `consolidation.ts`). Set-based: a fixed number
 * of aggregate queries, joined in memory, so the cost grows with the number of gaps, not with
 * round trips.
 */
export async function buildOpportunitiesReport(
  manager: EntityManager,
  areaText: string,
  options: OpportunitiesOptions = {},
): Promise<OpportunitiesReport> {
  const candidates = options.candidates ?? DEFAULT_CANDIDATES_PER_GAP;
  const area = await resolveArea(manager, areaText);
  const catalogue = await loadCatalogue(manager);
  const index = new Map(catalogue.map((c, i) => [c.id, i]));
  const operators = await loadOperators(manager);
  const statuses = await loadStatuses(manager, area, index);
  const tallies = await loadServedTallies(manager, area.landKeys, operators);
  const names = await loadPlaceNames(manager, area.landKeys);
  const connect = await loadConnectIndex(manager, area);
  const { inUse, customers } = ownOperators(area, catalogue, statuses);
  const nearby = await loadNearbyOperators(manager, area, inUse);
  const { opportunities, ...counts } = await collectSuggestions(
    area,
    catalogue,
    statuses,
    { tallies, names, phrases: new Phrases(names), operators, connect, nearby, catalogue, customers, candidates },
    options.strongest,
  );
  const consolidation = findConsolidationCandidates(area, catalogue, tallies, names);
  const demoData = tallies.demoData || [...statuses.values()].some((list) => list.some((r) => r?.demo));
  return {
    report: 'opportunities',
    area: areaView(area),
    generatedAt: new Date().toISOString(),
    notes: withDemoNote(demoData, opportunityNotes(candidates)),
    demoData,
    candidatesPerGap: candidates,
    summary: { ...counts, consolidationCandidates: consolidation.length },
    opportunities,
    connectOptions: connect.options(catalogue),
    consolidation,
  };
}

function opportunityNotes(candidates: number): string[] {
  return [
    UPPER_LEVEL_NOTE,
    'Als fehlend gilt eine Komponente, zu der nichts erfasst ist oder die nicht genutzt, erst geplant oder abgeschaltet ist – ' +
      'außer sie kommt über einen Anschluss „in Betrieb“ an einen Bundes- oder Landesdienst. De-Mail wird nicht vorgeschlagen: ' +
      'seit dem OZG 2.0 ist das Postfach des Nutzerkontos der Rückkanal.',
    `Vorgeschlagen werden bis zu ${candidates} Wege je Lücke: zuerst Bundes-, Landes- und EfA-Dienste, an die sich jede Kommune ` +
      'des Landes anschließen kann, dann Betreiber, die die Komponente schon für andere Gemeinden desselben Kreises betreiben ' +
      '(geordnet nach Zahl der Gemeinden, dann Einwohnern), dann für angrenzende Gemeinden eines anderen Kreises desselben ' +
      'Landes (Nachbarn nach gemeinsamer Grenze in den Gebietsgrenzen des BKG, Stand 01.01.2021), dann Betreiber, die für ' +
      'die Gemeinde schon andere Komponenten betreiben, danach Betreiber für Gemeinden desselben Landes. ' +
      'Eigene IT-Abteilungen anderer Gemeinden werden nicht vorgeschlagen.',
    'Vergleichsgrundlage sind alle Gemeinden der betroffenen Länder, auch außerhalb des gewählten Gebiets.',
  ];
}
