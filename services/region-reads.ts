import type { EntityManager } from 'typeorm';
import { Region } from '../entities';
import { findOneByColumn } from '../entities/fast-find';

/**
 * The region with this key, or null. Unlike `findRegion` it neither accepts an ARS nor
 * throws: breadcrumbs and similar lookups of parent regions skip a parent that is missing.
 */
export function regionByKey(manager: EntityManager, key: string): Promise<Region | null> {
  return findOneByColumn(manager, Region, 'key', key);
}
