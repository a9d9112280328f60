import type { EntityManager } from 'typeorm';
import { Component, ComponentRecord, ImportRun, Operator, Region } from '../../entities';

/*
 * The start page's read models: counts over whole tables, and the latest import runs.
 */

/** Current Gemeinden, without gemeindefreie Gebiete. */
export function countMunicipalities(manager: EntityManager): Promise<number> {
  return manager
    .createQueryBuilder(Region, 'r')
    .where('r.level = :level', { level: 'gemeinde' })
    .andWhere('r.isCurrent = :current', { current: true })
    .andWhere('r.isUnincorporated = :free', { free: false })
    .getCount();
}

/** Regions of these levels with at least one component record. */
export async function countRegionsWithData(manager: EntityManager, levels: string[]): Promise<number> {
  const row = await manager
    .createQueryBuilder(ComponentRecord, 'cr')
    .innerJoin(Region, 'r', 'r.id = cr.regionId')
    .select('COUNT(DISTINCT cr.regionId)', 'n')
    .where('r.level IN (:...levels)', { levels })
    .getRawOne<{ n: string | number }>();
  return Number(row?.n ?? 0);
}

/** Operators named by at least one record. */
export async function countOperatorsInUse(manager: EntityManager): Promise<number> {
  const row = await manager
    .createQueryBuilder(ComponentRecord, 'cr')
    .select('COUNT(DISTINCT cr.operatorId)', 'n')
    .getRawOne<{ n: string | number }>();
  return Number(row?.n ?? 0);
}

/** Rows of the record, component and operator tables. */
export async function countTables(
  manager: EntityManager,
): Promise<{ records: number; components: number; operators: number }> {
  return {
    records: await manager.count(ComponentRecord),
    components: await manager.count(Component),
    operators: await manager.count(Operator),
  };
}

/** The latest import runs (real runs and dry runs), newest first. */
export function loadLatestImportRuns(manager: EntityManager, limit: number): Promise<ImportRun[]> {
  return manager.find(ImportRun, { order: { startedAt: 'DESC', id: 'DESC' }, take: limit });
}
