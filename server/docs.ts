import express, { type Router } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { projectRoot } from '../lib/paths';

/**
 * The browsable API reference: Swagger UI from the installed `swagger-ui-dist` package,
 * with no CDN, so it works offline and on an intranet. The initialiser is a static file,
 * because the Content Security Policy forbids inline scripts.
 */
export function apiDocsRouter(): Router {
  const router = express.Router();
  const page = readFileSync(join(projectRoot, 'server', 'public', 'api-docs.html'), 'utf8');
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(page);
  });
  router.get('/api/docs/init.js', (_req, res) => {
    res.sendFile(join(projectRoot, 'server', 'public', 'api-docs-init.js'));
  });
  router.use('/api/docs/assets', express.static(getAbsoluteFSPath(), { index: false, maxAge: '1d' }));
  return router;
}
