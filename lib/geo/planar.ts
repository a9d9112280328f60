import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Planar geometry on projected coordinates (metres in Gauß-Krüger zone 3, EPSG:31467). The
 * BKG files are already planar, so areas and bounding boxes need no reprojection.
 */

/** Signed area of a ring (shoelace); positive when counter-clockwise in a y-up system. */
export function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  }
  return sum / 2;
}

/** Area of a polygon or multipolygon in square units: outer rings minus holes. */
export function polygonArea(geometry: Polygon | MultiPolygon): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let area = 0;
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      const a = Math.abs(ringArea(ring));
      area += index === 0 ? a : -a;
    });
  }
  return area;
}

/** Square metres per hectare: the Gemeindeverzeichnis gives areas in ha. */
export const SQUARE_METRES_PER_HECTARE = 10_000;

/** A bounding box [minX, minY, maxX, maxY]. */
export type Box = [number, number, number, number];

/** The empty box, to extend with {@link extendBox}. */
export function emptyBox(): Box {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

/** Extends a box by the points of a geometry (any nesting of positions). */
export function extendBox(box: Box, coordinates: unknown): Box {
  const walk = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [x, y] = value as number[];
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
      return;
    }
    for (const item of value) walk(item);
  };
  walk(coordinates);
  return box;
}
