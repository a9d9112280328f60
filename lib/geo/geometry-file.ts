import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';

/**
 * The shipped geometry (`data/reference/geo/gemeinden.topo.json`): one TopoJSON topology of the
 * current Gemeinden, keyed by AGS, so shared borders are stored once and neighbours follow from
 * shared arcs; Kreise, Verbände and Länder are dissolved from their Gemeinden at render time, so
 * they always follow the current directory.
 */

/** Properties of a Gemeinde's shape. */
export interface GemeindeShapeProperties {
  /** Shapes of the geometry edition drawn as part of this Gemeinde beyond its own AGS ("AGS Name"). */
  from?: string[];
}

/** A Gemeinde's shape; `id` is the current AGS. */
export type GemeindeShape = (Polygon<GemeindeShapeProperties> | MultiPolygon<GemeindeShapeProperties>) & { id: string };

/** A shape of the geometry edition that no current Gemeinde could take. */
export type UnassignedShape = (Polygon<{ name: string }> | MultiPolygon<{ name: string }>) & { id: string };

/** Something the map has to say about a Gemeinde it cannot draw as such. */
export interface GeometryNote {
  key: string;
  name: string;
  /** German, shown on the map. */
  reason: string;
}

/** Where the geometry comes from; shown on every map. */
export interface GeometryMeta {
  /** E.g. "© GeoBasis-DE / BKG 2021 (Daten verändert)". */
  attribution: string;
  attributionUrl: string;
  licence: string;
  licenceUrl: string;
  /** Gebietsstand of the geometry edition, ISO date. */
  geometryDate: string;
  /** Gebietsstand of the directory the shapes were joined to, ISO date. */
  directoryDate: string;
  /** The edition, e.g. "VG5000". */
  edition: string;
}

/** The shipped file. */
export interface GeometryFile extends Topology<{
  gemeinden: GeometryCollection<GemeindeShapeProperties>;
  unassigned: GeometryCollection<{ name: string }>;
}> {
  meta: GeometryMeta;
  notes: GeometryNote[];
}

/** The attribution the BKG licence asks for on modified data (Datenlizenz Deutschland 2.0). */
export function bkgAttribution(year: string): string {
  return `© GeoBasis-DE / BKG ${year} (Daten verändert)`;
}
