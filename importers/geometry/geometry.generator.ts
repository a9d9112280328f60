import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGeometryFile } from '../../lib/geo/build';
import { bkgAttribution, type GeometryFile } from '../../lib/geo/geometry-file';
import type { CurrentGemeinde } from '../../lib/geo/join';
import { referenceDataDir } from '../../lib/paths';
import { InputError } from '../../lib/errors';
import { parseGv100ad } from '../gv100ad/gv100ad.parser';
import { REFERENCE_FILES } from '../reference-data';
import { readBkgGemeinden } from './bkg-shapefile.reader';

/** Where the shipped geometry lives. */
export const SHIPPED_GEOMETRY = join(referenceDataDir, 'geo', 'gemeinden.topo.json');

/**
 * Smallest triangle a point must span to stay, in squared grid units (~9 m): the Kreis maps are
 * the finest scale shown, where 40 units (~3 000 m², half a pixel) are invisible.
 */
export const KREIS_SCALE_MIN_WEIGHT = 40;

/** The current Gemeinden of a directory and its Gebietsstand. */
export interface Directory {
  date: string;
  gemeinden: CurrentGemeinde[];
  /** Old key → successor key (retired regions an admin mapped). */
  history: Map<string, string>;
}

/** The directory shipped with the project (GV100AD, `data/reference`). */
export function shippedDirectory(): Directory {
  const parsed = parseGv100ad(readFileSync(join(referenceDataDir, REFERENCE_FILES.regions)));
  if (parsed.gebietsstand === null)
    throw new InputError('Das mitgelieferte Gemeindeverzeichnis hat keinen Gebietsstand.');
  return {
    date: parsed.gebietsstand,
    gemeinden: parsed.regions
      .filter((r) => r.level === 'gemeinde')
      .map((r) => ({ key: r.key, name: r.name, areaHa: r.areaHa })),
    history: new Map(),
  };
}

/** Reads a BKG folder, joins it to the directory and returns the file to ship. */
export async function generateGeometry(dir: string, directory: Directory): Promise<GeometryFile> {
  const bkg = await readBkgGemeinden(dir);
  const geometryDate = bkg.geometryDate ?? `${new Date().getUTCFullYear()}-01-01`;
  return buildGeometryFile(bkg.features, directory.gemeinden, {
    history: directory.history,
    minWeight: KREIS_SCALE_MIN_WEIGHT,
    meta: {
      edition: bkg.edition,
      attribution: bkgAttribution(geometryDate.slice(0, 4)),
      attributionUrl: 'https://www.bkg.bund.de',
      licence: 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)',
      licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
      geometryDate,
      directoryDate: directory.date,
    },
  });
}

/** Writes the file compactly (one line: it is data, not for reading). */
export function writeGeometryFile(path: string, file: GeometryFile): void {
  writeFileSync(path, `${JSON.stringify(file)}\n`);
}
