import type { EntityManager } from 'typeorm';
import {
  countMunicipalities,
  countOperatorsInUse,
  countRegionsWithData,
  countTables,
  loadLatestImportRuns,
} from './queries';

/** What the service holds, for the start page. */
export interface Overview {
  /** Current Gemeinden (without gemeindefreie Gebiete). */
  municipalities: number;
  /** Of those, with at least one component record. */
  municipalitiesWithData: number;
  /** Kreise and Gemeindeverbände with records of their own. */
  administrationsWithData: number;
  records: number;
  components: number;
  /** Operators named by at least one record. */
  operatorsInUse: number;
  operators: number;
}

/** One import run for the "last imports" list. */
export interface RecentImport {
  id: number;
  kind: string;
  source: string;
  dryRun: boolean;
  status: 'succeeded' | 'rejected';
  actor: string;
  finishedAt: string;
}

/** Counts for the start page, a handful of aggregate queries. */
export async function getOverview(manager: EntityManager): Promise<Overview> {
  const municipalities = await countMunicipalities(manager);
  const operatorsInUse = await countOperatorsInUse(manager);
  const municipalitiesWithData = await countRegionsWithData(manager, ['gemeinde']);
  const administrationsWithData = await countRegionsWithData(manager, ['kreis', 'gemeindeverband']);
  const { records, components, operators } = await countTables(manager);
  return {
    municipalities,
    municipalitiesWithData,
    administrationsWithData,
    records,
    components,
    operatorsInUse,
    operators,
  };
}

/** The latest import runs (real runs and dry runs), newest first. */
export async function recentImports(manager: EntityManager, limit = 5): Promise<RecentImport[]> {
  const runs = await loadLatestImportRuns(manager, limit);
  return runs.map((run) => ({
    id: run.id,
    kind: run.kind,
    source: run.sourceName,
    dryRun: run.dryRun,
    status: run.status,
    actor: run.actor,
    finishedAt: new Date(run.finishedAt).toISOString(),
  }));
}
