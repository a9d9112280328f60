import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import * as shapefile from 'shapefile';
import { InputError } from '../../lib/errors';
import type { SourceFeature } from '../../lib/geo/build';

/**
 * Reads the Gemeinde layer of a BKG "Verwaltungsgebiete" edition (VG5000 or VG250, shapefiles
 * in Gauß-Krüger zone 3 or UTM; both planar metres) with the `shapefile` library.
 */

/** What a BKG folder holds. */
export interface BkgGemeinden {
  /** "VG5000" or "VG250". */
  edition: string;
  /** Gebietsstand of the geometry (ISO date) from `aktualitaet.txt`, else null. */
  geometryDate: string | null;
  features: SourceFeature[];
}

/** Geofaktor values of land areas: 9 in VG5000, 4 in VG250 (2 is water, 1 and 3 sea). */
const LAND_GF = new Set([4, 9]);

function gemeindeFile(dir: string): string {
  if (!existsSync(dir)) throw new InputError(`Ordner nicht gefunden: ${dir}`);
  const name = readdirSync(dir).find((f) => /^VG\d+_GEM\.shp$/i.test(f));
  if (!name) throw new InputError(`Kein Gemeinde-Layer (VG5000_GEM.shp oder VG250_GEM.shp) in ${dir}.`);
  return join(dir, name);
}

function geometryDate(dir: string): string | null {
  const path = join(dir, 'aktualitaet.txt');
  if (!existsSync(path)) return null;
  const match = /(\d{2})\.(\d{2})\.(\d{4})/.exec(readFileSync(path, 'utf8'));
  return match ? `${match[3]}-${match[2]}-${match[1]}` : null;
}

/** Reads the Gemeinden; parts of one AGS (VG250 splits some) become one multipolygon. */
export async function readBkgGemeinden(dir: string): Promise<BkgGemeinden> {
  const shp = gemeindeFile(dir);
  const source = await shapefile.open(shp, shp.replace(/\.shp$/i, '.dbf'), { encoding: 'utf-8' });
  const parts = new Map<string, { name: string; polygons: Position[][][] }>();
  for (;;) {
    const { done, value } = await source.read();
    if (done) break;
    const props = value.properties as Record<string, unknown> | null;
    const geometry = value.geometry as Polygon | MultiPolygon | null;
    const key = String(props?.AGS ?? '');
    if (!geometry || !/^\d{8}$/.test(key) || !LAND_GF.has(Number(props?.GF))) continue;
    const entry = parts.get(key) ?? { name: String(props?.GEN ?? key), polygons: [] };
    if (geometry.type === 'Polygon') entry.polygons.push(geometry.coordinates);
    else entry.polygons.push(...geometry.coordinates);
    parts.set(key, entry);
  }
  if (parts.size === 0) throw new InputError(`${shp} enthält keine Gemeinden mit AGS.`);
  const features: SourceFeature[] = [...parts].map(([key, { name, polygons }]) => ({
    type: 'Feature',
    properties: { key, name },
    geometry:
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] }
        : { type: 'MultiPolygon', coordinates: polygons },
  }));
  const edition = /^(VG\d+)_/i.exec(shp.split(/[\\/]/).pop() ?? '')?.[1].toUpperCase() ?? 'VG';
  return { edition, geometryDate: geometryDate(dir), features };
}
