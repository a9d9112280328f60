import express, { type Router } from 'express';
import { NotFoundError } from '../../lib/errors';
import { getElementTree, listElementVersions } from '../../services/fim-schema.service';
import { getLeistung } from '../../services/leistung.service';
import type { AppDeps } from '../deps';
import { elementPage, elementVersionsPage } from './views/fim-schema.view';
import { leistungPage } from './views/leistung.view';
import { sendPage, viewContext } from './context';

/** FIM ids: a letter and digits, XDatenfelder 2.0 also with a UUID-like tail (`F00-4cb0…`). */
const FIM_ID = /^[A-Za-z][A-Za-z0-9-]{1,60}$/;
const VERSION = /^(-|[0-9A-Za-z.]{1,20})$/;

/**
 * `/leistungen/{schluessel}` and `/fim/schemas/{id}[/{version}]`: public pages, like the API's
 * `GET /api/leistungen/…` and `GET /api/fim/schemas/…` they read from.
 */
export function leistungRoutes(deps: AppDeps): Router {
  const router = express.Router();
  const manager = () => deps.db.reader.manager;

  router.get('/leistungen/:schluessel', async (req, res) => {
    const schluessel = String(req.params.schluessel);
    if (!/^\d{14}$/.test(schluessel)) {
      throw new NotFoundError(`${schluessel} ist kein Leistungsschlüssel (14 Ziffern).`);
    }
    sendPage(res, leistungPage(viewContext(req), await getLeistung(manager(), schluessel)));
  });

  router.get('/fim/schemas/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!FIM_ID.test(id)) throw new NotFoundError(`${id} ist keine FIM-ID.`);
    sendPage(res, elementVersionsPage(viewContext(req), id, await listElementVersions(manager(), id)));
  });

  router.get('/fim/schemas/:id/:version', async (req, res) => {
    const id = String(req.params.id);
    const version = String(req.params.version);
    if (!FIM_ID.test(id) || !VERSION.test(version))
      throw new NotFoundError(`Kein Element ${id} in Version ${version}.`);
    sendPage(res, elementPage(viewContext(req), await getElementTree(manager(), id, version)));
  });
  return router;
}
