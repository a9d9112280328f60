import type { Request, Response } from 'express';
import { computeFor } from '../compute/runner';
import type { AppDeps } from '../deps';
import { clientGone } from '../http/admission';
import { mapChoice } from './map-part';

/**
 * `/gebiete/{key}/karte.svg`: the same map as a file. Drawn by a compute worker when there are
 * any, after the heavy-page admission (`heavy-pages.ts`), like the area page itself.
 */
export async function sendMapSvg(deps: AppDeps, req: Request, res: Response): Promise<void> {
  if (!req.webUser) {
    res.redirect(303, `/anmeldung?weiter=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  const file = await computeFor(deps).run(
    'map-file',
    { key: String(req.params.key), choice: mapChoice(req.query) },
    clientGone(res),
  );
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  res.type(file.contentType).send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
}
