import type { EntityManager } from 'typeorm';
import { Region, SelfAssessment } from '../../entities';
import { MUNICIPAL_LEVELS } from '../../lib/keys';
import { findRegion } from '../../services/region.service';

/** A municipality with its self-assessment, if it has one. */
export type AssessedRegion = Region & { assessment?: SelfAssessment | null };

/**
 * The survey figures' read model: the area (null for Germany, `DE`) and its current
 * municipalities (Gemeinden, Verbände, Kreise; no gemeindefreie Gebiete), each with its
 * self-assessment, in one query.
 */
export async function loadAssessedRegions(
  manager: EntityManager,
  areaKey: string,
): Promise<{ area: Region | null; regions: AssessedRegion[] }> {
  const area = areaKey.toUpperCase() === 'DE' ? null : await findRegion(manager, areaKey);
  const qb = manager
    .createQueryBuilder(Region, 'r')
    .leftJoinAndMapOne('r.assessment', SelfAssessment, 's', 's.regionId = r.id')
    .where('r.isCurrent = :current', { current: true })
    .andWhere('r.isUnincorporated = :unincorporated', { unincorporated: false })
    .andWhere('r.level IN (:...levels)', { levels: MUNICIPAL_LEVELS });
  if (area) {
    const column = { 2: 'landKey', 3: 'rbKey', 5: 'kreisKey', 9: 'verbandKey' }[area.key.length] ?? 'key';
    qb.andWhere(`(r.key = :area OR r.${column} = :area)`, { area: area.key });
  }
  return { area, regions: (await qb.getMany()) as AssessedRegion[] };
}
