import type { EntityManager } from 'typeorm';
import { OzgLeistung } from '../../entities';

/** Options of a filter select: the catalogue's number (or name) and its name. */
export interface FacetOption {
  value: string;
  label: string;
}

/** The Themenfelder and Lebenslagen of the active catalogue. */
export interface CatalogueFacets {
  themenfelder: FacetOption[];
  lebenslagen: FacetOption[];
  /** Active OZG-Leistungen marked as Fokusleistung; the filter is offered only when there are any. */
  fokusCount?: number;
}

async function facet(
  manager: EntityManager,
  idColumn: 'themenfeldId' | 'lebenslageId',
  nameColumn: 'themenfeld' | 'lebenslage',
): Promise<FacetOption[]> {
  const rows = await manager
    .createQueryBuilder(OzgLeistung, 'o')
    .select(`o.${idColumn}`, 'id')
    .addSelect(`o.${nameColumn}`, 'name')
    .where('o.isActive = :active', { active: true })
    .andWhere(`o.${nameColumn} IS NOT NULL`)
    .groupBy(`o.${idColumn}`)
    .addGroupBy(`o.${nameColumn}`)
    .orderBy(`o.${nameColumn}`, 'ASC')
    .getRawMany<{ id: number | string | null; name: string }>();
  return rows.map((r) => ({ value: r.id === null ? r.name : String(r.id), label: r.name }));
}

/**
 * The Themenfelder and Lebenslagen of the active catalogue, for filter selects and for checking
 * a filter (`parseGapOptions`). Values are the catalogue's numbers where it has them (the
 * report filter accepts number or name).
 */
export async function loadCatalogueFacets(manager: EntityManager): Promise<CatalogueFacets> {
  return {
    themenfelder: await facet(manager, 'themenfeldId', 'themenfeld'),
    lebenslagen: await facet(manager, 'lebenslageId', 'lebenslage'),
    fokusCount: await manager.getRepository(OzgLeistung).countBy({ isActive: true, fokus: true }),
  };
}
