import type { EntityManager } from 'typeorm';
import { Component, ProductSuggestion } from '../entities';
import { Database } from '../entities/database';
import { NotFoundError } from '../lib/errors';

/** A base component as the API shows it, with product suggestions. */
export interface ComponentView {
  code: string;
  label: string;
  description: string | null;
  productSuggestions: { name: string; vendor: string | null; kind: string | null }[];
}

/** The component catalogue in display order. */
export async function listComponents(manager: EntityManager): Promise<ComponentView[]> {
  const components = await manager.find(Component, { order: { sortOrder: 'ASC', id: 'ASC' } });
  const suggestions = await manager.find(ProductSuggestion, { order: { name: 'ASC' } });
  return components.map((c) => ({
    code: c.code,
    label: c.label,
    description: c.description,
    productSuggestions: suggestions
      .filter((s) => s.componentId === c.id)
      .map((s) => ({ name: s.name, vendor: s.vendor, kind: s.kind })),
  }));
}

/**
 * The catalogue changes only through migrations or direct SQL, so a few seconds' staleness is
 * fine. Keyed by the manager's data source: what a transaction read on the writer connection
 * is never served to readers.
 */
const CATALOGUE_CACHE = { name: 'component-catalogue', policy: { ttlMs: 30_000 } } as const;

/**
 * The component catalogue by code, in display order, cached in the Database's caches for a few
 * seconds: every landscape read needs it, and reading it each time cost a quarter of the
 * request time.
 */
export async function componentsByCode(manager: EntityManager): Promise<Map<string, Component>> {
  const cache = Database.of(manager.connection).caches.cache<object, Map<string, Component>>(
    CATALOGUE_CACHE.name,
    CATALOGUE_CACHE.policy,
  );
  const cached = cache.get(manager.connection);
  if (cached) return cached;
  const components = await manager.find(Component, { order: { sortOrder: 'ASC', id: 'ASC' } });
  const byCode = new Map(components.map((c) => [c.code, c]));
  cache.set(manager.connection, byCode);
  return byCode;
}

/** Finds a component by its code or throws NotFoundError. */
export async function findComponent(manager: EntityManager, code: string): Promise<Component> {
  const component = await manager.findOneBy(Component, { code });
  if (!component) throw new NotFoundError(`Keine Basiskomponente mit dem Code „${code}“.`);
  return component;
}
