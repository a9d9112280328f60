/**
 * The classes of the sequential map measures, shared by the map reports (so the legend of one
 * measure reads the same on every map).
 */

/** A class of the legend, lowest first. */
export interface MapClass {
  label: string;
  /** Upper bound, exclusive (the last class takes the rest). */
  below: number;
}

/** Counts of the nine components. */
export const COUNT_CLASSES: MapClass[] = [
  { label: 'unter 1', below: 1 },
  { label: '1 bis unter 3', below: 3 },
  { label: '3 bis unter 5', below: 5 },
  { label: '5 bis unter 7', below: 7 },
  { label: '7 und mehr', below: Infinity },
];

/** Percentages. */
export const SHARE_CLASSES: MapClass[] = [
  { label: 'unter 20 %', below: 20 },
  { label: '20 bis unter 40 %', below: 40 },
  { label: '40 bis unter 60 %', below: 60 },
  { label: '60 bis unter 80 %', below: 80 },
  { label: '80 % und mehr', below: Infinity },
];

/** The class of a value; -1 for no data. */
export function classify(classes: MapClass[], value: number | null): number {
  if (value === null) return -1;
  const index = classes.findIndex((c) => value < c.below);
  return index < 0 ? classes.length - 1 : index;
}
