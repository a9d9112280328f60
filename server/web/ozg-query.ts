import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import { OzgLeistung } from '../../entities';
import { DEFAULT_TARGET, formatTarget, parseTarget, type MaturityTarget } from '../../lib/maturity';
import type { CatalogueFilter } from '../../reports/gaps/inputs';
import type { FieldErrors } from './views/forms';
import type { CatalogueFacets, OzgFormValues, OzgSort } from './views/ozg-common.view';
import { OZG_SORTS } from './views/ozg-common.view';

/** What the GET form of the OZG pages asks for, checked: the report's options, or field errors. */
export interface OzgQuery {
  values: OzgFormValues;
  errors: FieldErrors;
  target: MaturityTarget;
  filter: CatalogueFilter;
}

function first(value: unknown): string {
  if (Array.isArray(value)) return first(value[0]);
  return typeof value === 'string' ? value.trim().slice(0, 200) : '';
}

/**
 * The Themenfelder and Lebenslagen of the active catalogue, for the filter selects. Values are
 * the catalogue's numbers where it has them (the report filter accepts number or name).
 * NOTE: a small read of its own here; a `listCatalogueFacets` in `services/` would be the
 * better home once another caller needs it.
 */
export async function catalogueFacets(manager: EntityManager): Promise<CatalogueFacets> {
  const facet = async (idColumn: 'themenfeldId' | 'lebenslageId', nameColumn: 'themenfeld' | 'lebenslage') => {
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
  };
  return {
    themenfelder: await facet('themenfeldId', 'themenfeld'),
    lebenslagen: await facet('lebenslageId', 'lebenslage'),
    fokusCount: await manager.getRepository(OzgLeistung).countBy({ isActive: true, fokus: true }),
  };
}

/**
 * Reads `ziel`, `themenfeld`, `lebenslage`, `ozg`, `fokus`, `sortierung`, `nur` and `seite` from the
 * query. Values outside the catalogue's lists or the target models become German field errors
 * (the page then shows the form with them instead of a report).
 */
export function parseOzgQuery(req: Request, facets: CatalogueFacets): OzgQuery {
  const q = req.query as Record<string, unknown>;
  const page = Number(first(q.seite));
  const values: OzgFormValues = {
    ziel: first(q.ziel) || formatTarget(DEFAULT_TARGET),
    themenfeld: first(q.themenfeld),
    lebenslage: first(q.lebenslage),
    ozg: first(q.ozg),
    sortierung: (OZG_SORTS as readonly string[]).includes(first(q.sortierung))
      ? (first(q.sortierung) as OzgSort)
      : 'anteil',
    nurOffen: first(q.nur) === 'offen',
    seite: Number.isInteger(page) && page >= 1 ? page : 1,
    fokus: first(q.fokus) === 'ja',
  };
  const errors: FieldErrors = {};
  const target = parseTarget(values.ziel);
  if (!target || target.level === 0) {
    errors.ziel = [
      'Bitte ein Ziel aus der Liste wählen: Stufe 1–4 (Reifegradmodell 1.1) oder 1–7 (Reifegradmodell 2.0).',
    ];
  }
  if (values.themenfeld && !facets.themenfelder.some((f) => f.value === values.themenfeld)) {
    errors.themenfeld = ['Dieses Themenfeld gibt es im Katalog nicht. Bitte eines aus der Liste wählen.'];
  }
  if (values.lebenslage && !facets.lebenslagen.some((f) => f.value === values.lebenslage)) {
    errors.lebenslage = ['Diese Lebenslage gibt es im Katalog nicht. Bitte eine aus der Liste wählen.'];
  }
  if (values.fokus && !facets.fokusCount) {
    errors.fokus = ['Im Katalog ist keine OZG-Leistung als Fokusleistung markiert (Spalte fokus beim Katalogimport).'];
  }
  if (values.ozg && !/^[1-9]\d{0,8}$/.test(values.ozg)) {
    errors.ozg = ['Die OZG-ID ist eine ganze Zahl, z. B. 10119 – oder leer für alle OZG-Leistungen.'];
  }
  return {
    values,
    errors,
    target: target ?? DEFAULT_TARGET,
    filter: {
      ...(values.themenfeld && !errors.themenfeld ? { themenfeld: values.themenfeld } : {}),
      ...(values.lebenslage && !errors.lebenslage ? { lebenslage: values.lebenslage } : {}),
      ...(values.ozg && !errors.ozg ? { ozgId: Number(values.ozg) } : {}),
      ...(values.fokus && !errors.fokus ? { fokus: true } : {}),
    },
  };
}

/** True when the query has field errors (the page shows the form, not a report). */
export function hasErrors(query: OzgQuery): boolean {
  return Object.keys(query.errors).length > 0;
}
