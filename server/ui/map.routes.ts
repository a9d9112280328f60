import type { Request, Response } from 'express';
import { shippedGeometry } from '../../lib/geo/shipped';
import { resolveArea } from '../../reports/area';
import type { AppDeps } from '../deps';
import { mapSvg } from '../views/map-svg';
import { areaKey } from './area-page';
import { mapChoice, mapReport } from './map-part';

/** `/gebiete/{key}/karte.svg`: the same map as a file (legend and attribution inside). */
export async function sendMapSvg(deps: AppDeps, req: Request, res: Response): Promise<void> {
  if (!req.webUser) {
    res.redirect(303, `/anmeldung?weiter=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  const manager = deps.dataSource.manager;
  const area = await resolveArea(manager, areaKey(String(req.params.key)));
  const { report } = await mapReport(manager, area, mapChoice(req.query));
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="karte-${area.key}-${report.measure}-${report.level}.svg"`,
  );
  res.type('image/svg+xml').send(`<?xml version="1.0" encoding="UTF-8"?>\n${mapSvg(report, shippedGeometry())}`);
}
