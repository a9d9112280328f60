import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { configureImportLimits } from '../importers/tabular/limits';
import { packageVersion } from '../lib/paths';
import { bearerAuthentication } from './auth/bearer';
import type { AppDeps } from './deps';
import { apiDocsRouter } from './docs';
import { verifyJsonBody } from './http/json-body';
import { notFoundHandler, problemDetailsHandler, problemTypeSlugs } from './http/problem-details';
import { requestLog } from './http/request-log';
import { registerRoutes } from './http/route';
import { buildOpenApiDocument } from './openapi';
import { allRoutes } from './api';
import { uiErrorPage, uiNotFoundPage, uiRouter } from './web';
import type { PageLocals } from './web/context';

/** 180 days, the value helmet uses by default. */
const HSTS = 'max-age=15552000; includeSubDomains';

/**
 * HSTS only on requests that arrived over HTTPS (`req.secure`, which honours `TRUST_PROXY`
 * for a TLS-terminating proxy): browsers ignore it over plain HTTP, and sending it there
 * claims a TLS setup that may not exist.
 */
const strictTransportSecurity: RequestHandler = (req, res, next) => {
  if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
  next();
};

/**
 * Builds the Express app. It never listens: `main.ts` does, and tests drive it with supertest.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Only the strong ETags the routes set on purpose; no automatic weak ones.
  app.set('etag', false);
  app.set('trust proxy', deps.config.trustProxy);
  app.set('query parser', 'simple');
  // Import limits (IMPORT_MAX_ROWS, …) reach the table readers of every importer from here.
  configureImportLimits(deps.config.importLimits ?? {});
  // `/API/…` or `/api/x/` must not reach a route that `isApiPath` (server/web/errors.ts) does
  // not see as the API: the check that keeps sessions off API writes compares paths exactly.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  const locals: PageLocals = { contact: deps.config.contact ?? null };
  Object.assign(app.locals, locals);

  app.use(requestLog(deps.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // NOTE: helmet 8 sends HSTS on every response; it is set below for secure requests only.
      strictTransportSecurity: false,
    }),
  );
  app.use(strictTransportSecurity);
  // Upload routes (imports) take every body raw, JSON files included: their own size limit applies.
  const uploadPaths = new Set(allRoutes.filter((r) => r.body && 'upload' in r.body).map((r) => r.path));
  app.use(
    express.json({
      limit: '1mb',
      // Invalid UTF-8 and too deep nesting are refused on the raw bytes, before parsing.
      verify: verifyJsonBody(deps.config.jsonMaxDepth),
      type: (req) =>
        !uploadPaths.has((req as express.Request).path) &&
        /^application\/([\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? ''),
    }),
  );
  app.use(bearerAuthentication(deps.db.reader));

  const openApi = buildOpenApiDocument(allRoutes, { version: packageVersion() });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.get('/problems/:slug', (req, res, next) => {
    const type = problemTypeSlugs().find((t) => t.slug === req.params.slug);
    if (!type) {
      next();
      return;
    }
    res.type('text/plain; charset=utf-8').send(`${type.title} (HTTP ${type.status})\n`);
  });

  // Web interface (issue 6): pages, static files, sessions; API paths pass through (see server/web).
  app.use(uiRouter(deps));
  // After the web interface, which loads the session's user for `/api/docs` (see `docs.ts`).
  app.use(apiDocsRouter(openApi));

  const router = express.Router({ caseSensitive: true, strict: true });
  registerRoutes(router, allRoutes, deps);
  app.use(router);

  // Web interface: browsers get German HTML error pages; API paths keep problem+json below.
  app.use(uiNotFoundPage);
  app.use(notFoundHandler);
  app.use(uiErrorPage);
  app.use(problemDetailsHandler);
  return app;
}
