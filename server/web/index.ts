import express, { type Request, type RequestHandler } from 'express';
import { join } from 'node:path';
import { projectRoot } from '../../lib/paths';
import { CsrfError, csrfProtection } from '../auth/csrf';
import { SESSION_COOKIE, webSession } from '../auth/session';
import type { AppDeps } from '../deps';
import { areaRoutes } from './area.routes';
import { authRoutes } from './auth.routes';
import { connectionRoutes } from './connections.routes';
import { loadWebUser } from './context';
import { historyRoutes } from './history.routes';
import { cancelledPage, HEAVY_PAGES, heavyPage } from './heavy-pages';
import { isApiPath } from './errors';
import { UPLOAD_PATHS } from './import-kinds';
import { importRoutes } from './import.routes';
import { leistungRoutes } from './leistung.routes';
import { municipalityRoutes } from './municipality.routes';
import { operatorRoutes } from './operators.routes';
import { ozgRoutes } from './ozg.routes';
import { pageRoutes } from './pages.routes';
import { roundRoutes } from './rounds.routes';
import { selfAssessmentRoutes } from './self-assessment.routes';
import { rulesRoutes } from './rules.routes';
import { setupRoutes } from './setup.routes';
import { successorRoutes } from './successor.routes';
import { userRoutes } from './users.routes';

export { uiErrorPage, uiNotFoundPage } from './errors';

function hasSessionCookie(req: Request): boolean {
  return (req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
}

/**
 * CSRF check for every posting page. Multipart bodies are parsed only by the import uploads,
 * which check the token themselves after parsing; a multipart post anywhere else is refused.
 */
const csrfGuard: RequestHandler = (req, res, next) => {
  if (req.is('multipart/form-data')) {
    next(req.method === 'POST' && UPLOAD_PATHS.has(req.path) ? undefined : new CsrfError());
    return;
  }
  csrfProtection(req, res, next);
};

/**
 * The German web interface (server-rendered HTML, see `server/web/views/`): static files,
 * sessions, login, and the pages. Mounted in `createApp` before the API routes.
 *
 * Requests to API paths pass straight through — except safe reads (GET/HEAD) that carry a
 * session cookie and no bearer token: they are authenticated by the session, so a signed-in
 * browser can follow the download links to `/api/reports/…` with the user's role and
 * scopes. Writes through the API always need a bearer token (and so are never exposed to
 * cross-site requests riding on the cookie).
 */
export function uiRouter(deps: AppDeps): RequestHandler {
  const session = webSession(deps);
  const loadUser = loadWebUser(deps);
  const pages = express.Router();
  pages.use('/static', express.static(join(projectRoot, 'server', 'public'), { index: false, maxAge: '1h' }));
  pages.use(session, loadUser, express.urlencoded({ extended: false, limit: '100kb' }), csrfGuard);
  pages.get(HEAVY_PAGES, heavyPage(deps));
  pages.use(authRoutes(deps));
  pages.use(setupRoutes(deps));
  pages.use(userRoutes(deps));
  pages.use(pageRoutes(deps));
  pages.use(municipalityRoutes(deps));
  pages.use(operatorRoutes(deps));
  pages.use(connectionRoutes(deps));
  pages.use(historyRoutes(deps));
  pages.use(areaRoutes(deps));
  pages.use(ozgRoutes(deps));
  pages.use(leistungRoutes(deps));
  pages.use(rulesRoutes(deps));
  pages.use(successorRoutes(deps));
  pages.use(roundRoutes(deps));
  pages.use(selfAssessmentRoutes(deps));
  pages.use(importRoutes(deps));
  pages.use(cancelledPage);

  const apiRead: RequestHandler = (req, res, next) => {
    session(req, res, (error?: unknown) => (error ? next(error) : loadUser(req, res, next)));
  };
  return (req, res, next) => {
    if (!isApiPath(req.path)) {
      pages(req, res, next);
    } else if ((req.method === 'GET' || req.method === 'HEAD') && !req.principal && hasSessionCookie(req)) {
      apiRead(req, res, next);
    } else {
      next();
    }
  };
}
