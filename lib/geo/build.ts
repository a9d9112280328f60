import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { mergeArcs, neighbors, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, GeometryObject } from 'topojson-specification';
import type { GemeindeShape, GeometryFile, GeometryMeta, GeometryNote, UnassignedShape } from './geometry-file';
import { joinShapes, type CurrentGemeinde } from './join';
import { polygonArea, SQUARE_METRES_PER_HECTARE } from './planar';

/** A Gemeinde of the geometry edition, in planar metres. */
export type SourceFeature = Feature<Polygon | MultiPolygon, { key: string; name: string }>;

/** Options of {@link buildGeometryFile}. */
export interface BuildOptions {
  meta: GeometryMeta;
  /** Old key → successor key from the region history. */
  history?: Map<string, string>;
  /** Grid of the quantization per axis: 100 000 is ~9 m for Germany, below what any map shows. */
  quantization?: number;
  /** Smallest triangle (in squared grid units) a point must span to stay; 0 keeps all. */
  minWeight?: number;
}

/**
 * Builds the shipped topology: quantize (which snaps shared borders onto the same grid points
 * so they become shared arcs), join to the directory ({@link joinShapes}), dissolve the old
 * shapes of each current Gemeinde into one, and simplify topology-preservingly (Visvalingam
 * weights; shared arcs are simplified once, so neighbours stay neighbours).
 */
export function buildGeometryFile(
  features: SourceFeature[],
  current: (CurrentGemeinde & { unincorporated?: boolean })[],
  options: BuildOptions,
): GeometryFile {
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  const topo = topology({ gemeinden: collection }, options.quantization ?? 100_000);
  const geometries = (topo.objects.gemeinden as GeometryCollection).geometries;
  const old = features.map((f) => ({
    key: f.properties.key,
    name: f.properties.name,
    areaHa: polygonArea(f.geometry) / SQUARE_METRES_PER_HECTARE,
  }));
  const join = joinShapes(old, neighbors(geometries), current, options.history);
  const parts = new Map<string, number[]>();
  for (const [index, { key }] of join.assigned) parts.set(key, [...(parts.get(key) ?? []), index]);
  const shapes: GemeindeShape[] = [];
  for (const key of [...parts.keys()].sort()) {
    const indices = parts.get(key) as number[];
    const merged = mergeArcs(topo, indices.map((i) => geometries[i]) as Parameters<typeof mergeArcs>[1]);
    const from = indices.filter((i) => old[i].key !== key).map((i) => `${old[i].key} ${old[i].name}`);
    const arcs = merged.arcs.length === 1 ? { type: 'Polygon' as const, arcs: merged.arcs[0] } : merged;
    shapes.push({ ...arcs, id: key, ...(from.length > 0 ? { properties: { from } } : {}) } as GemeindeShape);
  }
  const year = options.meta.geometryDate.slice(0, 4);
  const unassigned: UnassignedShape[] = join.unassigned.map((i) => ({
    ...(geometries[i] as GeometryObject),
    id: old[i].key,
    properties: { name: old[i].name },
  })) as UnassignedShape[];
  const names = new Map(current.map((c) => [c.key, c.name]));
  const notes: GeometryNote[] = [
    ...unassigned.map((u) => ({
      key: u.id,
      name: u.properties?.name ?? '',
      reason: `Fläche von ${year} keiner heutigen Gemeinde zugeordnet; grau gezeichnet`,
    })),
    ...join.withoutShape.map((key) => ({
      key,
      name: names.get(key) ?? key,
      reason: `keine Fläche im Geometriestand ${year}`,
    })),
  ];
  const file = {
    ...topo,
    objects: {
      gemeinden: { type: 'GeometryCollection', geometries: shapes },
      unassigned: { type: 'GeometryCollection', geometries: unassigned },
    },
  } as unknown as GeometryFile;
  // Simplifying works on real coordinates; quantize again for the compact delta-encoded file.
  const quantization = options.quantization ?? 100_000;
  const simplified = simplify(presimplify(file), options.minWeight ?? 0);
  const compact = quantize(simplified, quantization) as GeometryFile;
  return { ...compact, meta: options.meta, notes };
}
