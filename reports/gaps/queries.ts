import type { EntityManager } from 'typeorm';
import { BadRequestError } from '../../lib/errors';
import { indexTraitRules, resolveTraits, type TraitOrigin, type TraitRule } from '../../lib/leistung-traits';
import { num, selectRows } from '../common/sql';

// The gap report's read model, part one: the OZG catalogue (with the Leistungsmerkmal rules
// resolved) and the component labels. Who carries which Leistung is in responsibility-queries.ts.

/** Which OZG-Leistungen a report covers. */
export interface CatalogueFilter {
  /** Themenfeld id or name (case-insensitive). */
  themenfeld?: string;
  /** Lebenslage id or name (case-insensitive). */
  lebenslage?: string;
  ozgId?: number;
  /** Only Fokusleistungen (flag set by a catalogue import, column `fokus`). */
  fokus?: boolean;
  /** Only EfA services (flag set by a catalogue import, column `efa`). */
  efa?: boolean;
}

export interface OzgRow {
  index: number;
  ozgId: number;
  name: string;
  themenfeld: string | null;
  lebenslage: string | null;
}

export interface CatalogueLeistung {
  index: number;
  id: number;
  schluessel: string;
  name: string;
  typisierung: string | null;
  typisierungSource: 'fim' | 'catalogue' | null;
  /** Resolved (rule, else imported Leistung data); null when nobody knows. */
  vertrauensniveau: string | null;
  trustOrigin: TraitOrigin;
  /** Resolved (rule, else imported Leistung data); null when nobody knows. */
  feeBearing: boolean | null;
  feeOrigin: TraitOrigin;
  /** False for in-person-only Leistungen, which the strict rule leaves out. */
  onlineRelevant: boolean;
  relevanceRule: { id: number; reason: string; source: string } | null;
  ozgIndex: number;
  fromFim: boolean;
}

/** The Merkmale of a catalogue Leistung as reports show them: online relevance, fee, Vertrauensniveau and their origin. */
export function merkmaleOf(l: CatalogueLeistung) {
  return {
    onlineRelevant: l.onlineRelevant,
    relevanceRule: l.relevanceRule,
    requirements: {
      feeBearing: l.feeBearing,
      feeOrigin: l.feeOrigin,
      vertrauensniveau: l.vertrauensniveau,
      trustOrigin: l.trustOrigin,
    },
  };
}

/** The catalogue a report rests on: OZG-Leistungen and their Leistungen, indexed densely. */
export interface Catalogue {
  /** The edition(s) of the catalogue, e.g. `OZG-Umsetzungskatalog 2019 (Stand 10/2019)`. */
  edition: string;
  ozg: OzgRow[];
  leistungen: CatalogueLeistung[];
  byId: Map<number, CatalogueLeistung>;
}

function matches(filter: string | undefined, id: number | null, name: string | null): boolean {
  if (filter === undefined) return true;
  const f = filter.trim().toLowerCase();
  return /^\d+$/.test(f) ? id === Number(f) : (name ?? '').toLowerCase() === f;
}

/** `fokus=true` keeps flagged OZG-Leistungen, `false` the others (unknown counts as not flagged). */
function flagMatches(filter: boolean | undefined, value: boolean | number | null): boolean {
  return filter === undefined || (value === null ? false : Boolean(Number(value))) === filter;
}

/**
 * A Fokus or EfA filter on a catalogue that marks no OZG-Leistung at all would give an empty
 * report that looks like "nothing to do"; say instead that no catalogue file has set the flags.
 */
function checkFlagsKnown(
  rows: { fokus: boolean | number | null; efa: boolean | number | null }[],
  filter: CatalogueFilter,
) {
  for (const flag of ['fokus', 'efa'] as const) {
    if (filter[flag] === undefined || rows.length === 0) continue;
    if (rows.some((r) => r[flag] !== null && Boolean(Number(r[flag])))) continue;
    const label = flag === 'fokus' ? 'Fokusleistung' : 'EfA-Leistung';
    throw new BadRequestError(`Im Katalog ist keine OZG-Leistung als ${label} markiert.`, [
      {
        parameter: flag,
        detail: `erst einen Katalog mit der Spalte ${flag} importieren (docs/import-ozg.md)`,
      },
    ]);
  }
}

/** Loads the active catalogue, filtered by Themenfeld, Lebenslage, OZG-ID and the Fokus/EfA flags. */
export async function loadCatalogue(manager: EntityManager, filter: CatalogueFilter): Promise<Catalogue> {
  const ozgRows = await selectRows<{
    ozgId: number | string;
    name: string;
    themenfeldId: number | string | null;
    themenfeld: string | null;
    lebenslageId: number | string | null;
    lebenslage: string | null;
    fokus: boolean | number | null;
    efa: boolean | number | null;
    edition: string;
  }>(
    manager,
    `SELECT o.ozg_id AS "ozgId", o.name AS "name", o.themenfeld_id AS "themenfeldId", o.themenfeld AS "themenfeld",
            o.lebenslage_id AS "lebenslageId", o.lebenslage AS "lebenslage", o.fokus AS "fokus", o.efa AS "efa",
            o.edition AS "edition"
       FROM ozg_leistungen o WHERE o.is_active = ? ORDER BY o.ozg_id`,
    [true],
  );
  const selected = ozgRows.filter(
    (o) =>
      matches(filter.themenfeld, o.themenfeldId === null ? null : num(o.themenfeldId), o.themenfeld) &&
      matches(filter.lebenslage, o.lebenslageId === null ? null : num(o.lebenslageId), o.lebenslage) &&
      (filter.ozgId === undefined || num(o.ozgId) === filter.ozgId) &&
      flagMatches(filter.fokus, o.fokus) &&
      flagMatches(filter.efa, o.efa),
  );
  checkFlagsKnown(ozgRows, filter);
  if (ozgRows.length > 0 && selected.length === 0 && (filter.themenfeld || filter.lebenslage)) {
    throw new BadRequestError('Kein Themenfeld bzw. keine Lebenslage dieses Namens im Katalog.', [
      {
        parameter: filter.themenfeld ? 'themenfeld' : 'lebenslage',
        detail: 'unbekannt (Name oder Nummer laut Katalog)',
      },
    ]);
  }
  const ozg = selected.map((o, index) => ({
    index,
    ozgId: num(o.ozgId),
    name: o.name,
    themenfeld: o.themenfeld,
    lebenslage: o.lebenslage,
  }));
  const ozgIndex = new Map(ozg.map((o) => [o.ozgId, o.index]));
  const leistungRows = ozg.length
    ? await selectRows<{
        id: number | string;
        schluessel: string;
        name: string;
        typisierung: string | null;
        typisierungSource: 'fim' | 'catalogue' | null;
        vertrauensniveau: string | null;
        feeBearing: boolean | number | null;
        ozgId: number | string;
        fromFim: boolean | number;
      }>(
        manager,
        `SELECT l.id AS "id", l.schluessel AS "schluessel", l.name AS "name", l.typisierung AS "typisierung",
                l.typisierung_source AS "typisierungSource", l.vertrauensniveau AS "vertrauensniveau",
                l.fee_bearing AS "feeBearing", l.ozg_id AS "ozgId", l.from_fim AS "fromFim"
           FROM leistungen l WHERE l.is_active = ? AND l.ozg_id IS NOT NULL ORDER BY l.schluessel`,
        [true],
      )
    : [];
  const traitRules = indexTraitRules(ozg.length ? await loadTraitRules(manager) : []);
  const leistungen: CatalogueLeistung[] = [];
  for (const l of leistungRows) {
    const index = ozgIndex.get(num(l.ozgId));
    if (index === undefined) continue;
    const traits = resolveTraits(
      {
        schluessel: l.schluessel,
        feeBearing: l.feeBearing === null ? null : Boolean(l.feeBearing),
        vertrauensniveau: l.vertrauensniveau,
      },
      traitRules,
    );
    leistungen.push({
      index: leistungen.length,
      id: num(l.id),
      schluessel: l.schluessel,
      name: l.name,
      typisierung: l.typisierung,
      typisierungSource: l.typisierungSource,
      ...traits,
      ozgIndex: index,
      fromFim: Boolean(l.fromFim),
    });
  }
  const editions = [...new Set(selected.map((o) => o.edition))];
  return {
    edition: editions.join(', ') || 'kein OZG-Katalog importiert',
    ozg,
    leistungen,
    byId: new Map(leistungen.map((l) => [l.id, l])),
  };
}

/** German labels of the base components by code (the `components` table, editable per deployment). */
export async function loadComponentLabels(manager: EntityManager): Promise<Map<string, string>> {
  const rows = await selectRows<{ code: string; label: string }>(
    manager,
    'SELECT code AS "code", label AS "label" FROM components',
  );
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** The Leistungsmerkmal rules (`leistung_traits`). */
async function loadTraitRules(manager: EntityManager): Promise<TraitRule[]> {
  const rows = await selectRows<{
    id: number | string;
    leistungsschluessel: string;
    verrichtung: string;
    onlineRelevant: boolean | number | null;
    feeBearing: boolean | number | null;
    vertrauensniveau: string | null;
    reason: string;
    source: string;
  }>(
    manager,
    `SELECT t.id AS "id", t.leistungsschluessel AS "leistungsschluessel", t.verrichtung AS "verrichtung",
            t.online_relevant AS "onlineRelevant", t.fee_bearing AS "feeBearing", t.vertrauensniveau AS "vertrauensniveau",
            t.reason AS "reason", t.source AS "source"
       FROM leistung_traits t`,
  );
  const flag = (v: boolean | number | null) => (v === null ? null : Boolean(v));
  return rows.map((r) => ({
    ...r,
    id: num(r.id),
    onlineRelevant: flag(r.onlineRelevant),
    feeBearing: flag(r.feeBearing),
  }));
}
