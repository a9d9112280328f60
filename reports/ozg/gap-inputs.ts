import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../../entities/bulk-write';
import { BadRequestError } from '../../lib/errors';
import {
  RESPONSIBILITY_SOURCES,
  carries,
  type ResponsibilityLevel,
  type ResponsibilitySource,
  type UnitKind,
} from '../../lib/responsibility';
import { num, placeholders, selectRows } from '../report-sql';
import type { GapUnit } from './gap-area';

/** Which OZG-Leistungen a report covers. */
export interface CatalogueFilter {
  /** Themenfeld id or name (case-insensitive). */
  themenfeld?: string;
  /** Lebenslage id or name (case-insensitive). */
  lebenslage?: string;
  ozgId?: number;
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
  vertrauensniveau: string | null;
  feeBearing: boolean | null;
  ozgIndex: number;
  fromFim: boolean;
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

/** Loads the active catalogue, filtered by Themenfeld, Lebenslage and OZG-ID. */
export async function loadCatalogue(manager: EntityManager, filter: CatalogueFilter): Promise<Catalogue> {
  const ozgRows = await selectRows<{
    ozgId: number | string;
    name: string;
    themenfeldId: number | string | null;
    themenfeld: string | null;
    lebenslageId: number | string | null;
    lebenslage: string | null;
    edition: string;
  }>(
    manager,
    `SELECT o.ozg_id AS "ozgId", o.name AS "name", o.themenfeld_id AS "themenfeldId", o.themenfeld AS "themenfeld",
            o.lebenslage_id AS "lebenslageId", o.lebenslage AS "lebenslage", o.edition AS "edition"
       FROM ozg_leistungen o WHERE o.is_active = ? ORDER BY o.ozg_id`,
    [true],
  );
  const selected = ozgRows.filter(
    (o) =>
      matches(filter.themenfeld, o.themenfeldId === null ? null : num(o.themenfeldId), o.themenfeld) &&
      matches(filter.lebenslage, o.lebenslageId === null ? null : num(o.lebenslageId), o.lebenslage) &&
      (filter.ozgId === undefined || num(o.ozgId) === filter.ozgId),
  );
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
  const leistungen: CatalogueLeistung[] = [];
  for (const l of leistungRows) {
    const index = ozgIndex.get(num(l.ozgId));
    if (index === undefined) continue;
    leistungen.push({
      index: leistungen.length,
      id: num(l.id),
      schluessel: l.schluessel,
      name: l.name,
      typisierung: l.typisierung,
      typisierungSource: l.typisierungSource,
      vertrauensniveau: l.vertrauensniveau,
      feeBearing: l.feeBearing === null ? null : Boolean(l.feeBearing),
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

const LEVEL_CODES = ['gemeinde', 'kreis', 'land', 'bund', 'keine', 'unbekannt', 'explicit'] as const;
type LevelCode = (typeof LEVEL_CODES)[number];
const UNKNOWN = LEVEL_CODES.indexOf('unbekannt');

/** Who carries which Leistung in the Länder of a report (see `services/responsibility.service.ts`). */
export class Responsibility {
  private constructor(
    private readonly levels: Map<string, Uint8Array>,
    private readonly sources: Map<string, Uint8Array>,
    private readonly rules: Map<string, Int32Array>,
    /** Leistung index → unit ids named by Zuständigkeit data (for `explicit` Länder). */
    private readonly explicit: Map<number, Set<number>>,
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
    const sources = new Map<string, Uint8Array>();
    const rules = new Map<string, Int32Array>();
    for (const land of landKeys) {
      levels.set(land, new Uint8Array(size).fill(UNKNOWN));
      sources.set(land, new Uint8Array(size).fill(RESPONSIBILITY_SOURCES.indexOf('typisierung')));
      rules.set(land, new Int32Array(size).fill(-1));
    }
    const explicit = new Map<number, Set<number>>();
    if (size === 0 || landKeys.length === 0) return new Responsibility(levels, sources, rules, explicit);
    const rows = await selectRows<{
      leistungId: number | string;
      landKey: string;
      level: LevelCode;
      source: ResponsibilitySource;
      ruleId: number | string | null;
    }>(
      manager,
      `SELECT lr.leistung_id AS "leistungId", lr.land_key AS "landKey", lr.level AS "level", lr.source AS "source",
              lr.rule_id AS "ruleId"
         FROM leistung_responsibilities lr WHERE lr.land_key IN (${placeholders(landKeys.length)})`,
      landKeys,
    );
    for (const row of rows) {
      const leistung = catalogue.byId.get(num(row.leistungId));
      const landLevels = levels.get(row.landKey);
      if (!leistung || !landLevels) continue;
      landLevels[leistung.index] = LEVEL_CODES.indexOf(row.level);
      (sources.get(row.landKey) as Uint8Array)[leistung.index] = RESPONSIBILITY_SOURCES.indexOf(row.source);
      (rules.get(row.landKey) as Int32Array)[leistung.index] = row.ruleId === null ? -1 : num(row.ruleId);
    }
    if (units.length > 0) {
      const explicitRows = await selectWhereIn<{ leistungId: number | string; regionId: number | string }>(
        manager,
        (list) =>
          `SELECT "leistung_id" AS "leistungId", "region_id" AS "regionId" FROM "unit_responsibilities" WHERE "region_id" IN (${list})`,
        units.map((u) => u.id),
      );
      for (const row of explicitRows) {
        const leistung = catalogue.byId.get(num(row.leistungId));
        if (!leistung) continue;
        const set = explicit.get(leistung.index) ?? new Set<number>();
        set.add(num(row.regionId));
        explicit.set(leistung.index, set);
      }
    }
    return new Responsibility(levels, sources, rules, explicit);
  }

  /** The level a Leistung falls to in a Land (`explicit`: Zuständigkeit data decides per unit). */
  level(landKey: string, index: number): ResponsibilityLevel | 'explicit' {
    return LEVEL_CODES[this.levels.get(landKey)?.[index] ?? UNKNOWN];
  }

  source(landKey: string, index: number): ResponsibilitySource {
    return RESPONSIBILITY_SOURCES[this.sources.get(landKey)?.[index] ?? 2];
  }

  ruleId(landKey: string, index: number): number | null {
    const id = this.rules.get(landKey)?.[index] ?? -1;
    return id < 0 ? null : id;
  }

  /** True when the unit carries the Leistung. */
  responsible(unit: { id: number; kind: UnitKind; landKey: string }, index: number): boolean {
    const level = this.level(unit.landKey, index);
    if (level === 'explicit') return this.explicit.get(index)?.has(unit.id) ?? false;
    return carries(unit.kind, level);
  }
}

/** The base components each unit has in use (status `in-use`), as sets and as stable keys. */
export async function loadComponentsInUse(
  manager: EntityManager,
  units: GapUnit[],
): Promise<Map<number, { codes: Set<string>; key: string }>> {
  const rows = await selectWhereIn<{ regionId: number | string; code: string }>(
    manager,
    (list) =>
      `SELECT cr."region_id" AS "regionId", c."code" AS "code" FROM "component_records" cr
         JOIN "components" c ON c."id" = cr."component_id"
        WHERE cr."status" = 'in-use' AND cr."region_id" IN (${list})`,
    units.map((u) => u.id),
  );
  const sets = new Map<number, Set<string>>();
  for (const row of rows) {
    const id = num(row.regionId);
    const set = sets.get(id) ?? new Set<string>();
    set.add(row.code);
    sets.set(id, set);
  }
  const out = new Map<number, { codes: Set<string>; key: string }>();
  for (const unit of units) {
    const codes = sets.get(unit.id) ?? new Set<string>();
    out.set(unit.id, { codes, key: [...codes].sort().join(',') });
  }
  return out;
}
