import express, { type Router } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { projectRoot } from '../lib/paths';
import { sendPage, viewContext } from './web/context';
import { apiReferencePage } from './web/views/api-reference.view';

/**
 * The API reference. `/api/docs` is a server-rendered page generated from the OpenAPI document
 * (`views/api-reference.view.ts`): it passes axe like every other page. Swagger UI, from the
 * installed `swagger-ui-dist` package with no CDN, stays at `/api/docs/swagger` for trying
 * requests out; its widgets have accessibility faults that custom CSS cannot repair. The
 * initialiser is a static file, because the Content Security Policy forbids inline scripts.
 *
 * Mounted after the web interface's router, so a signed-in browser (session cookie) sees its
 * account in the page header.
 */
export function apiDocsRouter(openApi: Record<string, unknown>): Router {
  const router = express.Router();
  const swagger = readFileSync(join(projectRoot, 'server', 'public', 'api-docs.html'), 'utf8');
  router.get('/api/docs', (req, res) => {
    sendPage(res, apiReferencePage(viewContext(req), openApi));
  });
  router.get('/api/docs/swagger', (_req, res) => {
    res.type('html').send(swagger);
  });
  router.get('/api/docs/init.js', (_req, res) => {
    res.sendFile(join(projectRoot, 'server', 'public', 'api-docs-init.js'));
  });
  router.use('/api/docs/assets', express.static(getAbsoluteFSPath(), { index: false, maxAge: '1d' }));
  return router;
}
