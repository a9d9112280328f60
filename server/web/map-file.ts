import type { EntityManager } from 'typeorm';
import { shippedGeometry } from '../../lib/geo/shipped';
import { resolveArea } from '../../reports/area';
import { mapSvg } from './views/map-svg';
import { areaKey } from './area-page';
import { mapReport, type MapChoice } from './map-part';

/** What the SVG download of a map needs (plain data: it is drawn in a compute worker). */
export interface MapFileRequest {
  key: string;
  choice: MapChoice;
}

/**
 * The map of an area as a self-contained SVG file (legend and attribution inside). An OZG or
 * shared-service map runs the gap or opportunities computation over the whole area, so this is
 * heavy work like the page it belongs to.
 */
export async function renderMapFile(
  manager: EntityManager,
  request: MapFileRequest,
): Promise<{ body: Uint8Array; contentType: string; fileName: string }> {
  const area = await resolveArea(manager, areaKey(request.key));
  const { report } = await mapReport(manager, area, request.choice);
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${mapSvg(report, shippedGeometry())}`;
  return {
    body: Buffer.from(svg),
    contentType: 'image/svg+xml; charset=utf-8',
    fileName: `karte-${area.key}-${report.measure}-${report.level}.svg`,
  };
}
