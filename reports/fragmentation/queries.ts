import type { EntityManager } from 'typeorm';
import type { Area } from '../area';
import {
  loadAdministrationRecords,
  loadCatalogue,
  loadMunicipalityRecords,
  loadOperators,
  type CatalogueEntry,
  type OperatorRef,
  type ReportRecord,
} from '../common/records';

/** What the fragmentation report is built from: only records with status `in-use` count. */
export interface FragmentationInputs {
  catalogue: CatalogueEntry[];
  operators: Map<number, OperatorRef>;
  /** In-use records of the area's Gemeinden. */
  inUse: ReportRecord[];
  /** In-use records of the area's Kreise and Gemeindeverbände (shown, not counted). */
  upper: ReportRecord[];
}

/**
 * The fragmentation report's read model: the catalogue, the operators and the area's in-use
 * records, at Gemeinde and at Kreis / Verband level. The record reads are shared with the
 * landscape (`common/records.ts`); the status filter runs here, in memory, so both reports
 * read the same rows.
 */
export async function loadInUseRecords(manager: EntityManager, area: Area): Promise<FragmentationInputs> {
  const catalogue = await loadCatalogue(manager);
  const operators = await loadOperators(manager);
  const inUse = (await loadMunicipalityRecords(manager, area)).filter((r) => r.status === 'in-use');
  const upper = (await loadAdministrationRecords(manager, area)).records.filter((r) => r.status === 'in-use');
  return { catalogue, operators, inUse, upper };
}
