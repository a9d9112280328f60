import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../../entities/bulk-write';
import { BadRequestError } from '../../lib/errors';
import {
  RESPONSIBILITY_SOURCES,
  unitCarries,
  type DelegationLookup,
  type ResponsibilityLevel,
  type ResponsibilitySource,
  type UnitProfile,
} from '../../lib/responsibility';
import { loadDelegation } from '../../services/administrative-units';
import { indexTraitRules, resolveTraits, type TraitOrigin, type TraitRule } from '../../lib/leistung-traits';
import { num, placeholders, selectRows } from '../common/sql';
import type { GapUnit } from './area';

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

const LEVEL_CODES = ['gemeinde', 'kreis', 'land', 'bund', 'andere', 'keine', 'unbekannt', 'explicit'] as const;
type LevelCode = (typeof LEVEL_CODES)[number];
const UNKNOWN = LEVEL_CODES.indexOf('unbekannt');

/** What a rule says for a reader: why, and on what legal basis. */
export interface RuleText {
  reason: string;
  source: string;
}

async function loadRuleTexts(manager: EntityManager): Promise<Map<number, RuleText>> {
  const rows = await selectRows<{ id: number | string; reason: string; source: string }>(
    manager,
    'SELECT r.id AS "id", r.reason AS "reason", r.source AS "source" FROM responsibility_rules r',
  );
  return new Map(rows.map((r) => [num(r.id), { reason: r.reason, source: r.source }]));
}

/** Who carries which Leistung in the Länder of a report (see `services/responsibility.service.ts`). */
export class Responsibility {
  private constructor(
    private readonly levels: Map<string, Uint8Array>,
    private readonly groups: Map<string, string[]>,
    private readonly sources: Map<string, Uint8Array>,
    private readonly rules: Map<string, Int32Array>,
    /** Unit id → Leistung indices its Zuständigkeit data name. */
    private readonly named: Map<number, Set<number>>,
    readonly delegation: DelegationLookup,
    private readonly ruleTexts: Map<number, RuleText>,
  ) {}

  /** Loads the derived responsibility of the catalogue's Leistungen in these Länder and units. */
  static async load(
    manager: EntityManager,
    catalogue: Catalogue,
    landKeys: string[],
    units: GapUnit[],
  ): Promise<Responsibility> {
    const size = catalogue.leistungen.length;
    const levels = new Map<string, Uint8Array>();
    const groups = new Map<string, string[]>();
    const sources = new Map<string, Uint8Array>();
    const rules = new Map<string, Int32Array>();
    for (const land of landKeys) {
      levels.set(land, new Uint8Array(size).fill(UNKNOWN));
      groups.set(land, new Array<string>(size).fill(''));
      sources.set(land, new Uint8Array(size).fill(RESPONSIBILITY_SOURCES.indexOf('typisierung')));
      rules.set(land, new Int32Array(size).fill(-1));
    }
    const named = new Map<number, Set<number>>();
    const delegation = await loadDelegation(manager);
    const ruleTexts = await loadRuleTexts(manager);
    if (size === 0 || landKeys.length === 0) {
      return new Responsibility(levels, groups, sources, rules, named, delegation, ruleTexts);
    }
    const rows = await selectRows<{
      leistungId: number | string;
      landKey: string;
      level: LevelCode;
      taskGroup: string;
      source: ResponsibilitySource;
      ruleId: number | string | null;
    }>(
      manager,
      `SELECT lr.leistung_id AS "leistungId", lr.land_key AS "landKey", lr.level AS "level", lr.task_group AS "taskGroup",
              lr.source AS "source", lr.rule_id AS "ruleId"
         FROM leistung_responsibilities lr WHERE lr.land_key IN (${placeholders(landKeys.length)})`,
      landKeys,
    );
    for (const row of rows) {
      const leistung = catalogue.byId.get(num(row.leistungId));
      const landLevels = levels.get(row.landKey);
      if (!leistung || !landLevels) continue;
      landLevels[leistung.index] = LEVEL_CODES.indexOf(row.level);
      (groups.get(row.landKey) as string[])[leistung.index] = row.taskGroup;
      (sources.get(row.landKey) as Uint8Array)[leistung.index] = RESPONSIBILITY_SOURCES.indexOf(row.source);
      (rules.get(row.landKey) as Int32Array)[leistung.index] = row.ruleId === null ? -1 : num(row.ruleId);
    }
    if (units.length > 0) {
      const namedRows = await selectWhereIn<{ leistungId: number | string; regionId: number | string }>(
        manager,
        (list) =>
          `SELECT "leistung_id" AS "leistungId", "region_id" AS "regionId" FROM "unit_responsibilities" WHERE "region_id" IN (${list})`,
        units.map((u) => u.id),
      );
      for (const row of namedRows) {
        const leistung = catalogue.byId.get(num(row.leistungId));
        if (!leistung) continue;
        const set = named.get(num(row.regionId)) ?? new Set<number>();
        set.add(leistung.index);
        named.set(num(row.regionId), set);
      }
    }
    return new Responsibility(levels, groups, sources, rules, named, delegation, ruleTexts);
  }

  /** The level a Leistung falls to in a Land by the rules (`explicit`: complete Zuständigkeit data decide per unit). */
  level(landKey: string, index: number): ResponsibilityLevel | 'explicit' {
    return LEVEL_CODES[this.levels.get(landKey)?.[index] ?? UNKNOWN];
  }

  /** The task group of a Gemeinde or Kreis task in a Land; `''` otherwise. */
  taskGroup(landKey: string, index: number): string {
    return this.groups.get(landKey)?.[index] ?? '';
  }

  /** Where the rules' decision for the Leistung in a Land comes from (`regel`, `typisierung`, or `zustaendigkeit` when complete data decide). */
  source(landKey: string, index: number): ResponsibilitySource {
    return RESPONSIBILITY_SOURCES[this.sources.get(landKey)?.[index] ?? 2];
  }

  /** The rules' source of every Leistung in a Land, as indices into `RESPONSIBILITY_SOURCES` (for hot loops). */
  sourceIndices(landKey: string): Uint8Array {
    return this.sources.get(landKey) ?? new Uint8Array(0);
  }

  /** Where the unit's responsibility for the Leistung comes from: its Zuständigkeit data, else the rule's kind. */
  sourceFor(unit: { id: number; landKey: string }, index: number): ResponsibilitySource {
    if (this.named.get(unit.id)?.has(index)) return 'zustaendigkeit';
    return RESPONSIBILITY_SOURCES[this.sources.get(unit.landKey)?.[index] ?? 2];
  }

  ruleId(landKey: string, index: number): number | null {
    const id = this.rules.get(landKey)?.[index] ?? -1;
    return id < 0 ? null : id;
  }

  /** The rule a Leistung's responsibility in a Land rests on, with its reason and source; null without one. */
  rule(landKey: string, index: number): ({ id: number } & RuleText) | null {
    const id = this.ruleId(landKey, index);
    const text = id === null ? undefined : this.ruleTexts.get(id);
    return id === null || !text ? null : { id, ...text };
  }

  /** Leistung indices Zuständigkeit data name this unit for. */
  namedFor(unitId: number): ReadonlySet<number> {
    return this.named.get(unitId) ?? EMPTY;
  }

  /** True when the rules give the Leistung to a unit of this profile (Zuständigkeit data aside). */
  byRule(unit: UnitProfile, index: number): boolean {
    const level = this.level(unit.landKey, index);
    return level !== 'explicit' && unitCarries(unit, level, this.taskGroup(unit.landKey, index), this.delegation);
  }

  /** True when the unit carries the Leistung: named by Zuständigkeit data, or by the rules. */
  responsible(unit: GapUnit, index: number): boolean {
    return this.namedFor(unit.id).has(index) || this.byRule(unit, index);
  }
}

const EMPTY: ReadonlySet<number> = new Set<number>();
