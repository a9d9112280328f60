import type { Request } from 'express';
import { DEFAULT_TARGET, formatTarget, type MaturityTarget } from '../../lib/maturity';
import type { CatalogueFacets } from '../../reports/gaps/catalogue-facets';
import type { CatalogueFilter } from '../../reports/gaps/queries';
import { parseGapOptions, type GapOptionField, type GapOptionProblem } from '../../reports/gaps/options';
import type { FieldErrors } from './views/forms';
import type { OzgFormValues, OzgSort } from './views/ozg-common.view';
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

/** The form field of each report option. */
const FORM_FIELD: Record<GapOptionField, keyof OzgFormValues> = {
  target: 'ziel',
  themenfeld: 'themenfeld',
  lebenslage: 'lebenslage',
  ozgId: 'ozg',
  fokus: 'fokus',
};

/** The form's German wording of a problem the option parser found. */
function formMessage(problem: GapOptionProblem): string {
  switch (problem.field) {
    case 'target':
      return 'Bitte ein Ziel aus der Liste wählen: Stufe 1–4 (Reifegradmodell 1.1) oder 1–7 (Reifegradmodell 2.0).';
    case 'themenfeld':
      return 'Dieses Themenfeld gibt es im Katalog nicht. Bitte eines aus der Liste wählen.';
    case 'lebenslage':
      return 'Diese Lebenslage gibt es im Katalog nicht. Bitte eine aus der Liste wählen.';
    case 'fokus':
      return 'Im Katalog ist keine OZG-Leistung als Fokusleistung markiert (Spalte fokus beim Katalogimport).';
    case 'ozgId':
      return 'Die OZG-ID ist eine ganze Zahl, z. B. 10119 – oder leer für alle OZG-Leistungen.';
  }
}

/**
 * Reads `ziel`, `themenfeld`, `lebenslage`, `ozg`, `fokus`, `sortierung`, `nur` and `seite` from the
 * query. The report options are checked by `parseGapOptions` against the active catalogue
 * (`facets`); what it rejects becomes German field errors (the page then shows the form with
 * them instead of a report).
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
  const { target, filter, problems } = parseGapOptions(
    {
      target: values.ziel,
      themenfeld: values.themenfeld,
      lebenslage: values.lebenslage,
      ozgId: values.ozg,
      ...(values.fokus && { fokus: true }),
    },
    { catalogue: facets },
  );
  const errors: FieldErrors = {};
  for (const problem of problems) errors[FORM_FIELD[problem.field]] = [formMessage(problem)];
  return { values, errors, target, filter };
}

/** True when the query has field errors (the page shows the form, not a report). */
export function hasErrors(query: OzgQuery): boolean {
  return Object.keys(query.errors).length > 0;
}
