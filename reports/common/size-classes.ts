/**
 * Population size classes for comparing Gemeinden of like size. The survey did not publish its
 * distribution per size class, so the benchmark groups an area's Gemeinden by the KGSt's own
 * Größenklassen for Städte und Gemeinden (GK 1–7; GK 7 was added in 2013). Kreise have three
 * classes of their own, which the benchmark does not need: its rows are Gemeinden.
 */

/** `gk1` … `gk7`, and `unknown` for Gemeinden without a population figure. */
export type SizeClassKey = 'gk1' | 'gk2' | 'gk3' | 'gk4' | 'gk5' | 'gk6' | 'gk7' | 'unknown';

/** One size class with its bounds (inclusive; null = open). */
export interface SizeClass {
  key: SizeClassKey;
  /** "GK 4". */
  label: string;
  /** German, e.g. "50.000 bis unter 100.000 Einwohner". */
  name: string;
  minPopulation: number | null;
  maxPopulation: number | null;
}

/** Where the classes come from. */
export const SIZE_CLASS_SOURCE = {
  title: 'Einwohner-Größenklassen der KGSt für Städte und Gemeinden (GK 1–7)',
  url: 'https://www.haushaltssteuerung.de/lexikon-einwohner-groessenklassen-der-kgst.html',
  note:
    'Größenklassen der KGSt für Städte und Gemeinden (GK 1: mehr als 400.000 Einwohner … GK 7: unter 10.000), ' +
    'nach dem Lexikon von HaushaltsSteuerung.de. Wo die Quelle eine Grenze zwei Klassen nennt (z. B. 200.000), ' +
    'gehört sie zur größeren Klasse.',
} as const;

/**
 * The KGSt classes, largest first. The source writes "200.000 bis 400.000", "100.000 bis
 * 200.000" …; a shared bound is put into the larger class, and 400.000 exactly into GK 2 because
 * GK 1 is "mehr als 400.000".
 */
export const KGST_SIZE_CLASSES: readonly SizeClass[] = [
  { key: 'gk1', label: 'GK 1', name: 'mehr als 400.000 Einwohner', minPopulation: 400_001, maxPopulation: null },
  { key: 'gk2', label: 'GK 2', name: '200.000 bis 400.000 Einwohner', minPopulation: 200_000, maxPopulation: 400_000 },
  {
    key: 'gk3',
    label: 'GK 3',
    name: '100.000 bis unter 200.000 Einwohner',
    minPopulation: 100_000,
    maxPopulation: 199_999,
  },
  {
    key: 'gk4',
    label: 'GK 4',
    name: '50.000 bis unter 100.000 Einwohner',
    minPopulation: 50_000,
    maxPopulation: 99_999,
  },
  {
    key: 'gk5',
    label: 'GK 5',
    name: '25.000 bis unter 50.000 Einwohner',
    minPopulation: 25_000,
    maxPopulation: 49_999,
  },
  {
    key: 'gk6',
    label: 'GK 6',
    name: '10.000 bis unter 25.000 Einwohner',
    minPopulation: 10_000,
    maxPopulation: 24_999,
  },
  { key: 'gk7', label: 'GK 7', name: 'unter 10.000 Einwohner', minPopulation: 1, maxPopulation: 9_999 },
];

/** The class of Gemeinden whose population the Gemeindeverzeichnis does not give. */
export const UNKNOWN_SIZE_CLASS: SizeClass = {
  key: 'unknown',
  label: 'ohne Größenklasse',
  name: 'Einwohnerzahl unbekannt',
  minPopulation: null,
  maxPopulation: null,
};

/**
 * The size class of a Gemeinde by population. A Gemeinde always has inhabitants (gemeindefreie
 * Gebiete are no rows), so 0 means the population is missing, as the area resolver reads null.
 */
export function sizeClassOf(population: number): SizeClass {
  if (!(population > 0)) return UNKNOWN_SIZE_CLASS;
  return KGST_SIZE_CLASSES.find((c) => population >= (c.minPopulation as number)) ?? UNKNOWN_SIZE_CLASS;
}

/** "GK 4: 50.000 bis unter 100.000 Einwohner"; "Einwohnerzahl unbekannt". */
export function sizeClassTitle(sizeClass: SizeClass): string {
  return sizeClass.key === 'unknown' ? sizeClass.name : `${sizeClass.label}: ${sizeClass.name}`;
}
