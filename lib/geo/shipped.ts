import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { neighbors, quantize } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryObject } from 'topojson-specification';
import { referenceDataDir } from '../paths';
import type { GemeindeShape, GeometryFile, UnassignedShape } from './geometry-file';

/** The shipped geometry file (see `data/reference/SOURCES.md`). */
export const GEOMETRY_PATH = join(referenceDataDir, 'geo', 'gemeinden.topo.json');

/**
 * Smallest triangle (squared grid units of ~9 m) kept on the map of all of Germany: ~ (300 m)²,
 * a third of a pixel there. Keeps the page under its weight budget.
 */
export const OVERVIEW_MIN_WEIGHT = 1200;

/** A loaded geometry: the file, its shapes by AGS, and the overview version for Germany. */
export interface Geometry {
  file: GeometryFile;
  shapes: Map<string, GemeindeShape>;
  unassigned: UnassignedShape[];
  /** The same topology simplified for the scale of Germany (same object ids). */
  overview: GeometryFile;
  overviewShapes: Map<string, GemeindeShape>;
}

function index(file: GeometryFile): Map<string, GemeindeShape> {
  return new Map((file.objects.gemeinden.geometries as GemeindeShape[]).map((g) => [g.id, g]));
}

/** Builds the loaded form of a geometry file (tests build small ones). */
export function prepareGeometry(file: GeometryFile): Geometry {
  const coarse = quantize(simplify(presimplify(file), OVERVIEW_MIN_WEIGHT), 100_000) as GeometryFile;
  return {
    file,
    shapes: index(file),
    unassigned: file.objects.unassigned.geometries as UnassignedShape[],
    overview: { ...coarse, meta: file.meta, notes: file.notes },
    overviewShapes: index(coarse),
  };
}

let shipped: Geometry | null = null;

/** The shipped geometry, read once per process. */
export function shippedGeometry(): Geometry {
  if (!shipped) shipped = prepareGeometry(JSON.parse(readFileSync(GEOMETRY_PATH, 'utf8')) as GeometryFile);
  return shipped;
}

/**
 * Neighbours from shared borders: AGS → the AGS of every Gemeinde sharing at least one arc of
 * its boundary (across Kreis and Land borders alike). Points touching at a corner only do not
 * count, which is what "adjacent" means for a shared service.
 */
export function adjacency(file: GeometryFile): Map<string, string[]> {
  const geometries = file.objects.gemeinden.geometries as GeometryObject[];
  const lists = neighbors(geometries);
  const result = new Map<string, string[]>();
  geometries.forEach((g, i) => {
    result.set(String(g.id), lists[i].map((j) => String(geometries[j].id)).sort());
  });
  return result;
}

let shippedAdjacency: Map<string, string[]> | null = null;

/** {@link adjacency} of the shipped geometry, computed once per process. */
export function shippedNeighbours(): Map<string, string[]> {
  if (!shippedAdjacency) shippedAdjacency = adjacency(shippedGeometry().file);
  return shippedAdjacency;
}
