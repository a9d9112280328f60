import { MAX_LEVEL, type MaturityModel } from './maturity';
import { COMPONENT_CAPS, needsEid, type ComponentCap } from './component-caps';

/** What the cap table needs to know of a Leistung; null where nobody knows. */
export interface LeistungTraits {
  vertrauensniveau: string | null;
  /** True, false or unknown (null). */
  feeBearing: boolean | null;
}

/**
 * What the data say about a unit's base components: which are in use, and which are recorded
 * as not in use (planned, not used, retired). A component in neither set has no data: that is
 * not a missing component.
 */
export interface ComponentState {
  inUse: ReadonlySet<string>;
  notInUse: ReadonlySet<string>;
}

/**
 * Why a criterion may cap a Leistung:
 * - `missing`: it applies and the data say none of its components is in use;
 * - `no-data`: none is recorded as in use, and for some there is no record at all;
 * - `requirement-unknown`: its components are recorded as not in use, but whether the Leistung
 *   needs it is unknown (fee or Vertrauensniveau not stated).
 */
export type CapStatus = 'missing' | 'no-data' | 'requirement-unknown';

/** The requirement a criterion depends on, when it is not needed by every Leistung. */
export type Requirement = 'fee' | 'vertrauensniveau';

/** A criterion that caps or may cap a Leistung. */
export interface AttainableCap {
  components: string[];
  criterion: string;
  label: string;
  cap: number;
  status: CapStatus;
  /** Set when the requirement behind the criterion is unknown for the Leistung. */
  unknownRequirement: Requirement | null;
}

/** The attainable level of a Leistung for a unit, and what caps or may cap it. */
export interface Attainable {
  /** The highest level the data allow: only criteria with status `missing` lower it. */
  level: number;
  /** The level if every unknown went against the Leistung (no data = missing, requirement unknown = needed). */
  worstCase: number;
  /** Every criterion that caps or may cap it, lowest cap first. */
  caps: AttainableCap[];
}

/** Whether a criterion applies to a Leistung: yes, no, or unknown (with the requirement it hangs on). */
function applies(
  row: ComponentCap,
  traits: LeistungTraits,
): { value: boolean | null; requirement: Requirement | null } {
  if (row.when === 'always') return { value: true, requirement: null };
  if (row.when === 'eid-required') return { value: needsEid(traits.vertrauensniveau), requirement: 'vertrauensniveau' };
  return { value: traits.feeBearing, requirement: 'fee' };
}

/**
 * The highest level a Leistung can reach with a unit's components: the model's maximum,
 * lowered to the cap of every applicable criterion none of whose components is in use — the
 * lowest criterion sets the level, as in the maturity models themselves. Only what the data say
 * lowers `level`; a component without data or a requirement nobody stated is listed with its
 * status and lowers only `worstCase`.
 */
export function attainableLevel(model: MaturityModel, state: ComponentState, traits: LeistungTraits): Attainable {
  let level = MAX_LEVEL[model];
  let worstCase = level;
  const caps: AttainableCap[] = [];
  for (const row of COMPONENT_CAPS) {
    if (row.model !== model) continue;
    const { value, requirement } = applies(row, traits);
    if (value === false || row.components.some((c) => state.inUse.has(c))) continue;
    const recorded = row.components.every((c) => state.notInUse.has(c));
    const status: CapStatus = !recorded ? 'no-data' : value === null ? 'requirement-unknown' : 'missing';
    if (status === 'missing') level = Math.min(level, row.cap);
    worstCase = Math.min(worstCase, row.cap);
    caps.push({
      components: row.components,
      criterion: row.criterion,
      label: row.label,
      cap: row.cap,
      status,
      unknownRequirement: value === null ? requirement : null,
    });
  }
  caps.sort((a, b) => a.cap - b.cap);
  return { level, worstCase, caps };
}

/** A stable key of a component state, so units with the same state share computations. */
export function componentStateKey(state: ComponentState): string {
  return `${[...state.inUse].sort().join(',')}/${[...state.notInUse].sort().join(',')}`;
}

/** Trait class of a Leistung for the cap table: needs eID (yes, no, unknown) × fee (yes, no, unknown). */
export function traitClass(traits: LeistungTraits): number {
  const tri = (v: boolean | null) => (v === true ? 0 : v === false ? 1 : 2);
  return tri(needsEid(traits.vertrauensniveau)) * 3 + tri(traits.feeBearing);
}

/** One representative of each trait class, in class order (see {@link traitClass}). */
export const TRAITS_OF_CLASS: readonly LeistungTraits[] = Array.from({ length: 9 }, (_, c) => ({
  vertrauensniveau: ['30', '20', null][Math.floor(c / 3)],
  feeBearing: [true, false, null][c % 3],
}));

/**
 * A memo of {@link attainableLevel} by component state and trait class: an area has thousands
 * of units and Leistungen but only a few dozen distinct combinations.
 */
export class AttainableCache {
  private readonly cache = new Map<string, Attainable>();

  constructor(private readonly model: MaturityModel) {}

  get(state: ComponentState, stateKey: string, traits: LeistungTraits): Attainable {
    const key = `${stateKey}|${traitClass(traits)}`;
    let value = this.cache.get(key);
    if (!value) {
      value = attainableLevel(this.model, state, traits);
      this.cache.set(key, value);
    }
    return value;
  }
}
