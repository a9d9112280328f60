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

/** Loads the catalogue once per request or import: by code, in display order. */
export async function componentsByCode(manager: EntityManager): Promise<Map<string, Component>> {
  const components = await manager.find(Component, { order: { sortOrder: 'ASC', id: 'ASC' } });
  return new Map(components.map((c) => [c.code, c]));
}

/** Finds a component by its code or throws NotFoundError. */
export async function findComponent(manager: EntityManager, code: string): Promise<Component> {
  const component = await manager.findOneBy(Component, { code });
  if (!component) throw new NotFoundError(`Keine Basiskomponente mit dem Code „${code}“.`);
  return component;
}
