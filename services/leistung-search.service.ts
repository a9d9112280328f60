import type { EntityManager } from 'typeorm';
import { Leistung } from '../entities';
import { escapeLike, searchKey, searchKeyMatches } from '../lib/text';

/** A Leistung in search results. */
export interface LeistungHit {
  schluessel: string;
  name: string;
  typisierung: string | null;
  ozgId: number | null;
}

/**
 * Finds LeiKa-Leistungen by Leistungsschlüssel prefix (digits) or by name (case- and
 * umlaut-insensitive substring). Returns the hits and whether the catalogue holds anything.
 */
export async function searchLeistungen(
  manager: EntityManager,
  query: string,
  limit: number,
): Promise<{ hits: LeistungHit[]; catalogueSize: number }> {
  const catalogueSize = await manager.count(Leistung);
  const q = query.trim();
  if (!q || catalogueSize === 0) return { hits: [], catalogueSize };
  const qb = manager.createQueryBuilder(Leistung, 'l').orderBy('l.schluessel', 'ASC').take(limit);
  if (/^\d+$/.test(q)) qb.where('l.schluessel LIKE :prefix', { prefix: `${q}%` });
  else qb.where(searchKeyMatches('l.nameSearch', 'name'), { name: `%${escapeLike(searchKey(q))}%` });
  const rows = await qb.getMany();
  return {
    hits: rows.map((l) => ({ schluessel: l.schluessel, name: l.name, typisierung: l.typisierung, ozgId: l.ozgId })),
    catalogueSize,
  };
}
