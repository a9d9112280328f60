import express, { type Router } from 'express';
import { searchLeistungen } from '../../services/leistung-search.service';
import { getOverview, recentImports } from '../../reports/overview/report';
import { listRegions } from '../../services/region.service';
import type { AppDeps } from '../deps';
import { accessibilityPage } from './views/accessibility.view';
import { searchPage } from './views/search.view';
import { startPage } from './views/start.view';
import { sendPage, viewContext } from './context';

const SEARCH_LIMIT = 25;

/** Start, search and the accessibility statement: public pages. */
export function pageRoutes(deps: AppDeps): Router {
  const router = express.Router();
  const manager = () => deps.db.reader.manager;

  router.get('/', async (req, res) => {
    const overview = await getOverview(manager());
    const imports = req.webUser ? await recentImports(manager()) : null;
    sendPage(res, startPage(viewContext(req), overview, imports));
  });

  router.get('/suche', async (req, res) => {
    const raw = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    if (!raw) {
      sendPage(res, searchPage(viewContext(req), null));
      return;
    }
    const regions = await listRegions(manager(), { q: raw, limit: SEARCH_LIMIT });
    const { hits, catalogueSize } = await searchLeistungen(manager(), raw, SEARCH_LIMIT);
    sendPage(
      res,
      searchPage(viewContext(req), {
        query: raw,
        regions: regions.items,
        moreRegions: regions.nextCursor !== null,
        leistungen: hits,
        catalogueSize,
      }),
    );
  });

  router.get('/barrierefreiheit', (req, res) => {
    sendPage(res, accessibilityPage(viewContext(req)));
  });
  return router;
}
