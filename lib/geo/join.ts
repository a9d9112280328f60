/**
 * Joins the Gemeinden of a geometry edition (e.g. BKG VG5000, Stand 01.01.2021) to the current
 * directory (GV100AD, e.g. Gebietsstand 31.08.2025). Most keep their AGS; the rest were merged,
 * renumbered or incorporated. Each old shape goes to one current Gemeinde, in this order:
 * 1. same AGS; 2. the successor the region history names (an admin mapped it);
 * 3. a current Gemeinde without shape of the same Land and name (renumbered, e.g. Eisenach 2021
 *    into the Wartburgkreis); 4. by area: the current Gemeinde of the same Kreis, adjacent to
 *    the old shape (else one without any shape yet), whose directory area still lacks about the
 *    old shape's area (a merger adds the areas). Whatever fits nowhere is returned, to be named
 *    on the map.
 */

/** A Gemeinde of the geometry edition. */
export interface OldShape {
  key: string;
  name: string;
  /** Area of the shape in hectares. */
  areaHa: number;
}

/** A current Gemeinde of the directory. */
export interface CurrentGemeinde {
  key: string;
  name: string;
  /** Area from the directory in hectares; null when it gives none. */
  areaHa: number | null;
}

/** How an old shape found its current Gemeinde. */
export type JoinMethod = 'key' | 'history' | 'name' | 'area';

/** The result: old shape index → current key and method; what is left on either side. */
export interface JoinResult {
  assigned: Map<number, { key: string; method: JoinMethod }>;
  /** Old shapes no current Gemeinde could take (indices). */
  unassigned: number[];
  /** Current Gemeinden without any shape (keys). */
  withoutShape: string[];
}

/** How much larger than what a Gemeinde still lacks an old shape may be (VG5000 is coarse). */
export const AREA_TOLERANCE = 0.5;

/**
 * The share of its directory area a Gemeinde must still lack to take a piece. VG5000 areas are
 * within 2 % of the directory's for half the Gemeinden (13 % for 95 %: coastal ones lack their
 * water), so the candidate lacking the largest share wins and this only rules out the rest.
 */
export const MIN_MISSING_SHARE = 0.05;

/** The name without the Destatis suffix (", Stadt", ", Hansestadt"): VG5000's GEN has none. */
export function baseName(name: string): string {
  return name.split(',')[0].trim().toLocaleLowerCase('de');
}

/**
 * Assigns old shapes to current Gemeinden (see the module comment). `neighbours[i]` lists the
 * old shapes sharing a border with shape i; `history` maps old keys to successors.
 */
export function joinShapes(
  old: OldShape[],
  neighbours: number[][],
  current: CurrentGemeinde[],
  history: Map<string, string> = new Map(),
): JoinResult {
  const byKey = new Map(current.map((c) => [c.key, c]));
  const assigned = new Map<number, { key: string; method: JoinMethod }>();
  const assignedArea = new Map<string, number>();
  const give = (index: number, key: string, method: JoinMethod) => {
    assigned.set(index, { key, method });
    assignedArea.set(key, (assignedArea.get(key) ?? 0) + old[index].areaHa);
  };
  old.forEach((shape, index) => {
    if (byKey.has(shape.key)) give(index, shape.key, 'key');
  });
  old.forEach((shape, index) => {
    const successor = history.get(shape.key);
    if (!assigned.has(index) && successor && byKey.has(successor)) give(index, successor, 'history');
  });
  const shapeless = () => current.filter((c) => !assignedArea.has(c.key));
  for (const gemeinde of shapeless()) {
    const index = old.findIndex(
      (shape, i) =>
        !assigned.has(i) &&
        shape.key.slice(0, 2) === gemeinde.key.slice(0, 2) &&
        baseName(shape.name) === baseName(gemeinde.name),
    );
    if (index >= 0) give(index, gemeinde.key, 'name');
  }
  assignByArea(old, neighbours, current, assigned, assignedArea, give);
  const unassigned = old.map((_, i) => i).filter((i) => !assigned.has(i));
  return { assigned, unassigned, withoutShape: shapeless().map((c) => c.key) };
}

function assignByArea(
  old: OldShape[],
  neighbours: number[][],
  current: CurrentGemeinde[],
  assigned: JoinResult['assigned'],
  assignedArea: Map<string, number>,
  give: (index: number, key: string, method: JoinMethod) => void,
): void {
  const byKey = new Map(current.map((c) => [c.key, c]));
  const lacking = (key: string) => (byKey.get(key)?.areaHa ?? 0) - (assignedArea.get(key) ?? 0);
  // Passes until nothing changes: a shape whose neighbours were all merged away too waits until
  // one of them has found its Gemeinde. Larger shapes first, their fit is the surer one.
  for (let progress = true; progress;) {
    progress = false;
    const open = old
      .map((shape, index) => ({ shape, index }))
      .filter(({ index }) => !assigned.has(index))
      .sort((a, b) => b.shape.areaHa - a.shape.areaHa);
    for (const { shape, index } of open) {
      const adjacent = new Set<string>();
      for (const n of neighbours[index] ?? []) {
        const key = assigned.get(n)?.key;
        if (key) adjacent.add(key);
      }
      // A Gemeinde without any shape yet has no known place: it is the fallback when no
      // neighbour fits (a piece must border what it merged into, so neighbours come first).
      const shapeless = current.filter((c) => !assignedArea.has(c.key)).map((c) => c.key);
      const best = bestFit(shape, [...adjacent], byKey, lacking) ?? bestFit(shape, shapeless, byKey, lacking);
      if (best) {
        give(index, best, 'area');
        progress = true;
      }
    }
  }
}

/**
 * The candidate that took a piece, by area: within the Kreis only (a move across a Kreis border
 * is rare and the area alone cannot tell it); the piece must fit into what the Gemeinde lacks
 * (with room for the generalisation), and the Gemeinde must lack a real part of its area, not
 * just the generalisation's noise; of those, the one lacking the largest share.
 */
function bestFit(
  shape: OldShape,
  candidates: string[],
  byKey: Map<string, CurrentGemeinde>,
  lacking: (key: string) => number,
): string | null {
  let best: { key: string; missing: number } | null = null;
  for (const key of candidates) {
    const total = byKey.get(key)?.areaHa ?? 0;
    if (key.slice(0, 5) !== shape.key.slice(0, 5) || total <= 0) continue;
    const missing = lacking(key) / total;
    const fits = shape.areaHa <= lacking(key) * (1 + AREA_TOLERANCE) && missing >= MIN_MISSING_SHARE;
    if (fits && (!best || missing > best.missing)) best = { key, missing };
  }
  return best?.key ?? null;
}
