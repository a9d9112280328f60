import { attainableLevel, type ComponentState } from '../../lib/attainable';
import { COMPONENT_CAPS } from '../../lib/component-caps';
import type { MaturityTarget } from '../../lib/maturity';
import { shortLabel } from '../common/wording';
import type { Combination, UnitLeistung, Unlock } from './types';

// What adding components would unlock for a unit's Leistungen below the target: one component
// at a time (unlocks) and the smallest sets that no single component covers (combinations).

/** "1 Leistung könnte", "41 Leistungen könnten". */
function leistungenText(n: number): string {
  return n === 1 ? '1 Leistung könnte' : `${n} Leistungen könnten`;
}

/** OZG-Leistungen all of whose stuck Leistungen are in `unlocked`. */
function completedOzg(stuck: UnitLeistung[], unlocked: ReadonlySet<UnitLeistung>): number {
  const byOzg = new Map<number, { stuck: number; unlocked: number }>();
  for (const r of stuck) {
    const entry = byOzg.get(r.ozgId) ?? { stuck: 0, unlocked: 0 };
    entry.stuck++;
    if (unlocked.has(r)) entry.unlocked++;
    byOzg.set(r.ozgId, entry);
  }
  return [...byOzg.values()].filter((e) => e.unlocked === e.stuck && e.stuck > 0).length;
}

/**
 * For each missing component of the cap table: how many unmet Leistungen it alone would make
 * attainable, counting only what the data say (components recorded as missing, known
 * requirements); Leistungen that something unknown may cap are not promised anything.
 */
export function unlocks(
  unmet: UnitLeistung[],
  leistungen: { schluessel: string; vertrauensniveau: string | null; feeBearing: boolean | null }[],
  state: ComponentState,
  target: MaturityTarget,
  labels: Map<string, string>,
): Unlock[] {
  const traits = new Map(leistungen.map((l) => [l.schluessel, l]));
  const candidates = [
    ...new Set(COMPONENT_CAPS.filter((c) => c.model === target.model).flatMap((c) => c.components)),
  ].filter((c) => state.notInUse.has(c));
  const stuck = unmet.filter((r) => r.attainable.level < target.level);
  return candidates
    .map((component) => {
      const withIt: ComponentState = {
        inUse: new Set([...state.inUse, component]),
        notInUse: new Set([...state.notInUse].filter((c) => c !== component)),
      };
      const after = (r: UnitLeistung) =>
        attainableLevel(target.model, withIt, traits.get(r.schluessel) ?? { vertrauensniveau: null, feeBearing: null });
      const raised = stuck.filter((r) => after(r).level > r.attainable.level).length;
      // Unlocked for sure: nothing unknown could still cap it below the target.
      const unlocked = new Set(stuck.filter((r) => after(r).worstCase >= target.level));
      const label = labels.get(component) ?? component;
      return {
        component,
        label,
        leistungen: unlocked.size,
        raised,
        ozgLeistungen: completedOzg(stuck, unlocked),
        sentence:
          unlocked.size > 0
            ? `${shortLabel(label)} ergänzen: ${leistungenText(unlocked.size)} Reifegrad ${target.level} erreichen.`
            : `${shortLabel(label)} ergänzen: ${leistungenText(raised)} höher kommen, für Reifegrad ${target.level} fehlt mehr.`,
      };
    })
    .filter((u) => u.raised > 0)
    .sort((a, b) => b.leistungen - a.leistungen || b.raised - a.raised || a.component.localeCompare(b.component));
}

/**
 * The smallest sets of components that would unlock stuck Leistungen: for each Leistung whose
 * caps below the target are all recorded as missing (nothing unknown), the first component of
 * each capping criterion; Leistungen needing the same set are counted together. A set of two
 * ("Servicekonto + E-Payment") names what no single component can.
 */
export function combinations(
  unmet: UnitLeistung[],
  target: MaturityTarget,
  labels: Map<string, string>,
): Combination[] {
  const stuck = unmet.filter((r) => r.attainable.level < target.level);
  const bySet = new Map<string, UnitLeistung[]>();
  for (const r of stuck) {
    const below = r.attainable.caps.filter((c) => c.cap < target.level);
    if (below.some((c) => c.status !== 'missing')) continue;
    const key = [...new Set(below.map((c) => c.components[0]))].sort().join('+');
    bySet.set(key, [...(bySet.get(key) ?? []), r]);
  }
  return [...bySet]
    .map(([key, list]) => {
      const components = key.split('+');
      const names = components.map((c) => shortLabel(labels.get(c) ?? c));
      return {
        components,
        labels: components.map((c) => labels.get(c) ?? c),
        leistungen: list.length,
        ozgLeistungen: completedOzg(stuck, new Set(list)),
        sentence: `${names.join(' + ')} ergänzen: ${leistungenText(list.length)} Reifegrad ${target.level} erreichen.`,
      };
    })
    .sort((a, b) => b.leistungen - a.leistungen || a.components.length - b.components.length);
}
