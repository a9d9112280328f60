import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../../entities/bulk-write';
import {
  RESPONSIBILITY_SOURCES,
  unitCarries,
  type DelegationLookup,
  type ResponsibilityLevel,
  type ResponsibilitySource,
  type UnitProfile,
} from '../../lib/responsibility';
import { loadDelegation } from '../../services/administrative-units';
import { num, placeholders, selectRows } from '../common/sql';
import type { GapUnit } from './area';
import type { Catalogue } from './queries';

// The gap report's read model, part two: who carries which Leistung (the derived responsibility
// per Land, the units' own Zuständigkeit data, the rules' texts), loaded once per report.

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
