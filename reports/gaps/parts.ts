import { In, type EntityManager } from 'typeorm';
import { Region } from '../../entities';
import { kreisLabel } from '../common/wording';
import type { GapComputation } from './engine';

/**
 * One part of a gap report's area: a Land of Germany, or a Kreis (kreisfreie Stadt or Landkreis
 * with its Gemeinden and Verbände) of a Land or Regierungsbezirk. The same counts as the report's
 * totals, so a coordinator can see where the Land stands well and where not, and open the part.
 */
export interface GapReportPart {
  /** Land (2 digits) or Kreis key (5 digits): `/gebiete/{key}/ozg` is its report. */
  key: string;
  level: 'land' | 'kreis';
  label: string;
  units: number;
  /** OZG-Leistungen with at least one responsible unit in the part. */
  relevant: number;
  /** Of those, met in every responsible unit of the part. */
  flaechendeckend: number;
  responsiblePairs: number;
  metPairs: number;
}

/** Kreise whose one Gemeinde is the kreisfreie Stadt (GV100AD text codes): named without "Landkreis". */
const KREISFREI = ['41', '42'];

/** The level the area is broken down by; none for a Kreis or Gemeinde. */
function partLevel(kind: string): 'land' | 'kreis' | null {
  if (kind === 'germany') return 'land';
  return kind === 'land' || kind === 'regierungsbezirk' ? 'kreis' : null;
}

/**
 * The report's counts per Land (Germany) or per Kreis (Land, Regierungsbezirk), from the
 * computation's unit × OZG-Leistung cells: one pass over what the totals read anyway, and one
 * query for the names. Empty for a Kreis or Gemeinde.
 */
export async function reportParts(manager: EntityManager, c: GapComputation): Promise<GapReportPart[]> {
  const level = partLevel(c.area.kind);
  if (!level) return [];
  const ozgCount = c.catalogue.ozg.length;
  const parts = new Map<string, { part: GapReportPart; state: Uint8Array }>();
  c.area.units.forEach((unit, u) => {
    const key = level === 'land' ? unit.landKey : (unit.kreisKey ?? unit.key.slice(0, 5));
    let entry = parts.get(key);
    if (!entry) {
      const part = {
        key,
        level,
        label: key,
        units: 0,
        relevant: 0,
        flaechendeckend: 0,
        responsiblePairs: 0,
        metPairs: 0,
      };
      // Per OZG-Leistung: 0 no responsible unit yet, 1 all met so far, 2 some unit unmet.
      entry = { part, state: new Uint8Array(ozgCount) };
      parts.set(key, entry);
    }
    entry.part.units++;
    for (let o = 0; o < ozgCount; o++) {
      const r = c.responsible[u * ozgCount + o];
      if (r === 0) continue;
      const met = c.met[u * ozgCount + o];
      entry.part.responsiblePairs += r;
      entry.part.metPairs += met;
      entry.state[o] = met === r && entry.state[o] !== 2 ? 1 : 2;
    }
  });
  const regions = await manager.getRepository(Region).find({
    where: { key: In([...parts.keys()]) },
    select: { key: true, name: true, typeLabel: true, textCode: true },
  });
  const names = new Map(
    regions.map((r) => [
      r.key,
      level === 'kreis' && !KREISFREI.includes(r.textCode ?? '') ? kreisLabel(r.name, r.typeLabel) : r.name,
    ]),
  );
  return [...parts.values()]
    .map(({ part, state }) => {
      for (const s of state) {
        if (s > 0) part.relevant++;
        if (s === 1) part.flaechendeckend++;
      }
      return { ...part, label: names.get(part.key) ?? part.key };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'de'));
}
