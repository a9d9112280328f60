import type { EntityManager } from 'typeorm';
import { Component, ProductSuggestion } from '../entities';
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

const CATALOGUE_TTL_MS = 30_000;
const catalogueCache = new WeakMap<object, { loadedAt: number; byCode: Map<string, Component> }>();

/**
 * The component catalogue by code, in display order. The catalogue only changes through
 * migrations or direct SQL, so it is cached per database for a few seconds: every landscape
 * read needs it, and reading it each time cost a quarter of the request time.
 */
export async function componentsByCode(manager: EntityManager): Promise<Map<string, Component>> {
  const cached = catalogueCache.get(manager.connection);
  if (cached && Date.now() - cached.loadedAt < CATALOGUE_TTL_MS) return cached.byCode;
  const components = await manager.find(Component, { order: { sortOrder: 'ASC', id: 'ASC' } });
  const byCode = new Map(components.map((c) => [c.code, c]));
  catalogueCache.set(manager.connection, { loadedAt: Date.now(), byCode });
  return byCode;
}

/** Finds a component by its code or throws NotFoundError. */
export async function findComponent(manager: EntityManager, code: string): Promise<Component> {
  const component = await manager.findOneBy(Component, { code });
  if (!component) throw new NotFoundError(`Keine Basiskomponente mit dem Code „${code}“.`);
  return component;
}
