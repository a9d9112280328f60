import express, { type Request, type Response, type Router } from 'express';
import { NotFoundError } from '../../lib/errors';
import { regionHistoryPage } from '../../services/audit-history';
import { componentsByCode } from '../../services/component.service';
import { findMunicipality } from '../../services/region.service';
import type { AppDeps } from '../deps';
import { historyPage, HISTORY_PAGE_SIZE } from './views/history.view';
import { requireLogin, sendPage, viewContext } from './context';
import { regionTrail } from './region-trail';

/** The page number of `?seite=`: 1 when missing; anything but a positive integer is no page. */
function pageNumber(value: unknown): number {
  if (value === undefined || value === '') return 1;
  const page = typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(page)) throw new NotFoundError(`„${String(value)}“ ist keine Seitenzahl der Historie.`);
  return page;
}

/**
 * `/kommunen/{ags}/historie?seite=N`: the whole change history of a municipality, newest
 * first, in numbered pages. Numbered rather than cursor pages (as in the API), because
 * people navigate by "Seite 3 von 7"; a municipality has hundreds of events at most, so the
 * count and offset cost nothing.
 */
async function showHistory(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const manager = deps.db.reader.manager;
  const region = await findMunicipality(manager, String(req.params.ags));
  const page = pageNumber(req.query.seite);
  const { events, total } = await regionHistoryPage(manager, region.id, { number: page, size: HISTORY_PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  if (page > pages) throw new NotFoundError(`Die Historie von ${region.name} hat nur ${pages} Seite(n).`);
  const catalogue = await componentsByCode(manager);
  sendPage(
    res,
    historyPage(viewContext(req), {
      region: { key: region.key, name: region.name },
      trail: await regionTrail(manager, region),
      labels: new Map([...catalogue.values()].map((c) => [c.code, c.label])),
      events,
      page,
      pages,
      total,
    }),
  );
}

/** The change history pages (signed-in users, like the history on the Kommune page). */
export function historyRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/kommunen/:ags/historie', requireLogin, (req, res) => showHistory(deps, req, res));
  return router;
}
