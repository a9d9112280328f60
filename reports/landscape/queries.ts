import type { EntityManager } from 'typeorm';
import type { Area } from '../area';
import {
  loadAdministrationRecords,
  loadCatalogue,
  loadMunicipalityRecords,
  loadOperators,
  type Administration,
  type CatalogueEntry,
  type OperatorRef,
  type ReportRecord,
} from '../common/records';

/** What the landscape matrix is built from. */
export interface LandscapeInputs {
  catalogue: CatalogueEntry[];
  operators: Map<number, OperatorRef>;
  /** Every record of the area's Gemeinden. */
  records: ReportRecord[];
  /** The Kreise and Gemeindeverbände with records of their own, and those records. */
  upper: { administrations: Administration[]; records: ReportRecord[] };
}

/**
 * The landscape's read model: the catalogue, the operators and every record of the area, at
 * Gemeinde and at Kreis / Verband level — four queries whatever the size of the area. The
 * record reads are shared with the fragmentation report (`common/records.ts`).
 */
export async function loadLandscapeInputs(manager: EntityManager, area: Area): Promise<LandscapeInputs> {
  return {
    catalogue: await loadCatalogue(manager),
    operators: await loadOperators(manager),
    records: await loadMunicipalityRecords(manager, area),
    upper: await loadAdministrationRecords(manager, area),
  };
}
