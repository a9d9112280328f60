import type { EntityManager } from 'typeorm';
import { Component, ComponentRecord, ImportRun, Operator, Region } from '../../entities';

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

async function countMunicipalitiesWithData(manager: EntityManager, levels: string[]): Promise<number> {
  const row = await manager
    .createQueryBuilder(ComponentRecord, 'cr')
    .innerJoin(Region, 'r', 'r.id = cr.regionId')
    .select('COUNT(DISTINCT cr.regionId)', 'n')
    .where('r.level IN (:...levels)', { levels })
    .getRawOne<{ n: string | number }>();
  return Number(row?.n ?? 0);
}

/** Counts for the start page, a handful of aggregate queries. */
export async function getOverview(manager: EntityManager): Promise<Overview> {
  const municipalities = await manager
    .createQueryBuilder(Region, 'r')
    .where('r.level = :level', { level: 'gemeinde' })
    .andWhere('r.isCurrent = :current', { current: true })
    .andWhere('r.isUnincorporated = :free', { free: false })
    .getCount();
  const operatorsInUse = await manager
    .createQueryBuilder(ComponentRecord, 'cr')
    .select('COUNT(DISTINCT cr.operatorId)', 'n')
    .getRawOne<{ n: string | number }>();
  return {
    municipalities,
    municipalitiesWithData: await countMunicipalitiesWithData(manager, ['gemeinde']),
    administrationsWithData: await countMunicipalitiesWithData(manager, ['kreis', 'gemeindeverband']),
    records: await manager.count(ComponentRecord),
    components: await manager.count(Component),
    operatorsInUse: Number(operatorsInUse?.n ?? 0),
    operators: await manager.count(Operator),
  };
}

/** The latest import runs (real runs and dry runs), newest first. */
export async function recentImports(manager: EntityManager, limit = 5): Promise<RecentImport[]> {
  const runs = await manager.find(ImportRun, { order: { startedAt: 'DESC', id: 'DESC' }, take: limit });
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
