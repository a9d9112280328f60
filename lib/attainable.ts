import { MAX_LEVEL, type MaturityModel } from './maturity';
import { COMPONENT_CAPS, needsEid, type ComponentCap } from './component-caps';

/** What the cap table needs to know of a Leistung. */
export interface LeistungTraits {
  vertrauensniveau: string | null;
  /** True, false or unknown (null): unknown counts as fee-bearing, as an assumption. */
  feeBearing: boolean | null;
}

/** The attainable level of a Leistung for a unit, and which missing components cap it. */
export interface Attainable {
  level: number;
  /** Missing components whose criteria keep the level below the model's maximum, lowest cap first. */
  caps: { components: string[]; criterion: string; label: string; cap: number; assumed: boolean }[];
}

function applies(row: ComponentCap, traits: LeistungTraits): { applies: boolean; assumed: boolean } {
  if (row.when === 'always') return { applies: true, assumed: false };
  if (row.when === 'eid-required') return { applies: needsEid(traits.vertrauensniveau), assumed: false };
  return traits.feeBearing === null ? { applies: true, assumed: true } : { applies: traits.feeBearing, assumed: false };
}

/**
 * The highest level a Leistung can reach with the components a unit runs (`inUse`): the
 * model's maximum, lowered to the cap of every applicable criterion none of whose components is
 * in use — the lowest criterion sets the level, as in the maturity models themselves.
 */
export function attainableLevel(model: MaturityModel, inUse: ReadonlySet<string>, traits: LeistungTraits): Attainable {
  let level = MAX_LEVEL[model];
  const caps: Attainable['caps'] = [];
  for (const row of COMPONENT_CAPS) {
    if (row.model !== model) continue;
    const { applies: relevant, assumed } = applies(row, traits);
    if (!relevant || row.components.some((c) => inUse.has(c))) continue;
    level = Math.min(level, row.cap);
    caps.push({ components: row.components, criterion: row.criterion, label: row.label, cap: row.cap, assumed });
  }
  caps.sort((a, b) => a.cap - b.cap);
  return { level, caps };
}

/** The missing components that keep a Leistung below `target` (each criterion's components). */
export function blockingComponents(attainable: Attainable, target: number): string[][] {
  return attainable.caps.filter((c) => c.cap < target).map((c) => c.components);
}

/**
 * A memo of {@link attainableLevel} by component set and Leistung traits: an area has thousands
 * of units and Leistungen but only a few dozen distinct (components, traits) combinations.
 */
export class AttainableCache {
  private readonly cache = new Map<string, Attainable>();

  constructor(private readonly model: MaturityModel) {}

  get(inUse: ReadonlySet<string>, inUseKey: string, traits: LeistungTraits): Attainable {
    const key = `${inUseKey}|${needsEid(traits.vertrauensniveau) ? 1 : 0}|${traits.feeBearing}`;
    let value = this.cache.get(key);
    if (!value) {
      value = attainableLevel(this.model, inUse, traits);
      this.cache.set(key, value);
    }
    return value;
  }
}
