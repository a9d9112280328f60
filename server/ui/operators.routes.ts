import express, { type Request, type Response, type Router } from 'express';
import { NotFoundError } from '../../lib/errors';
import { componentsByCode } from '../../services/component.service';
import { landNames, operatorCustomers } from '../../services/operator-customers';
import { getOperator, listOperators } from '../../services/operator.service';
import type { AppDeps } from '../deps';
import { operatorListPage, operatorPage } from '../views/operator.view';
import { requireLogin, sendPage, viewContext } from './context';

const PAGE_SIZE = 50;

async function componentLabels(deps: AppDeps): Promise<Map<string, string>> {
  return new Map([...(await componentsByCode(deps.dataSource.manager)).values()].map((c) => [c.code, c.label]));
}

async function list(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const query = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
  const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
  const page = await listOperators(deps.dataSource.manager, { q: query || undefined, limit: PAGE_SIZE, cursor });
  sendPage(res, operatorListPage(viewContext(req), { query, page, componentLabels: await componentLabels(deps) }));
}

async function show(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundError('Diesen Betreiber gibt es nicht.');
  const manager = deps.dataSource.manager;
  const { view } = await getOperator(manager, id);
  const lands = await landNames(manager, view.landKeys);
  const { customers, total } = await operatorCustomers(manager, id);
  sendPage(
    res,
    operatorPage(viewContext(req), {
      operator: view,
      lands: view.landKeys.map((k) => lands.get(k) ?? k),
      customers,
      totalCustomers: total,
      componentLabels: await componentLabels(deps),
    }),
  );
}

/**
 * `/betreiber` (search by name or short name) and `/betreiber/{id}` (whom it serves): for
 * signed-in users, like the records they are built from.
 */
export function operatorRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/betreiber', requireLogin, (req, res) => list(deps, req, res));
  router.get('/betreiber/:id', requireLogin, (req, res) => show(deps, req, res));
  return router;
}
