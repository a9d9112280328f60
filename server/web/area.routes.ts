import express, { type Request, type Response, type Router } from 'express';
import { computeFor } from '../compute/runner';
import type { AppDeps } from '../deps';
import { clientGone } from '../http/admission';
import { matrixChoice } from './views/matrix-filter';
import { viewContext } from './context';
import { mapChoice } from './map-part';
import { sendMapSvg } from './map.routes';

export { areaKey, areaReports, areaTrail } from './area-page';

async function showArea(deps: AppDeps, req: Request, res: Response): Promise<void> {
  // Rendered by a compute worker when there are any: a Kreis page takes a good part of a
  // second of pure computation, which must not hold up every other request.
  const page = await computeFor(deps).run(
    'area-page',
    {
      key: String(req.params.key),
      view: viewContext(req),
      signedIn: Boolean(req.webUser),
      map: mapChoice(req.query),
      matrix: matrixChoice(req.query),
    },
    clientGone(res),
  );
  res.status(200).setHeader('Cache-Control', 'private, no-store');
  res.type('html').send(Buffer.from(page.body.buffer, page.body.byteOffset, page.body.byteLength));
}

/** `/gebiete/{key}`: Germany (`DE`), a Land, a Regierungsbezirk or a Kreis. */
export function areaRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/gebiete/:key', (req, res) => showArea(deps, req, res));
  router.get('/gebiete/:key/karte.svg', (req, res) => sendMapSvg(deps, req, res));
  return router;
}
