import express, { type Request, type Response, type Router } from 'express';
import { InputError, NotAllowedError, NotFoundError } from '../../lib/errors';
import { componentsByCode } from '../../services/component.service';
import { mergeOperators } from '../../services/operator-merge';
import { mergeCandidates } from '../../services/operator-merge-candidates';
import { landNames, operatorCustomers } from '../../services/operator-customers';
import { getOperator, listOperators } from '../../services/operator.service';
import type { AppDeps } from '../deps';
import type { FieldErrors } from './views/forms';
import { operatorListPage, operatorPage, type MergeFormData } from './views/operator.view';
import { requireLogin, seeOther, sendPage, viewContext } from './context';

const PAGE_SIZE = 50;

async function componentLabels(deps: AppDeps): Promise<Map<string, string>> {
  return new Map([...(await componentsByCode(deps.db.reader.manager)).values()].map((c) => [c.code, c.label]));
}

async function list(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const query = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
  const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
  const page = await listOperators(deps.db.reader.manager, { q: query || undefined, limit: PAGE_SIZE, cursor });
  sendPage(res, operatorListPage(viewContext(req), { query, page, componentLabels: await componentLabels(deps) }));
}

function operatorId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundError('Diesen Betreiber gibt es nicht.');
  return id;
}

async function show(
  deps: AppDeps,
  req: Request,
  res: Response,
  form?: Omit<MergeFormData, 'candidates'>,
): Promise<void> {
  const id = operatorId(req);
  const manager = deps.db.reader.manager;
  const { view } = await getOperator(manager, id);
  const lands = await landNames(manager, view.landKeys);
  const { customers, total } = await operatorCustomers(manager, id);
  const isAdmin = req.webUser?.role === 'admin';
  sendPage(
    res,
    operatorPage(viewContext(req, { withCsrf: isAdmin }), {
      operator: view,
      lands: view.landKeys.map((k) => lands.get(k) ?? k),
      customers,
      totalCustomers: total,
      componentLabels: await componentLabels(deps),
      ...(isAdmin ? { merge: { candidates: await mergeCandidates(manager, view), ...form } } : {}),
    }),
    form?.errors ? 422 : 200,
  );
}

function requireAdmin(req: Request, _res: Response, next: (error?: unknown) => void): void {
  next(
    req.webUser?.role === 'admin'
      ? undefined
      : new NotAllowedError('Betreiber zusammenführen nur Administratorinnen und Administratoren.'),
  );
}

/** The form's POST: checks target and confirmation, merges, and goes to the operator that stays. */
async function merge(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const from = operatorId(req);
  const body = req.body as Record<string, unknown>;
  const values = { ziel: typeof body.ziel === 'string' ? body.ziel.trim() : '', bestaetigt: body.bestaetigt === 'ja' };
  const errors: FieldErrors = {};
  if (!/^[1-9]\d{0,9}$/.test(values.ziel)) errors.ziel = ['Bitte den Betreiber wählen, der bleiben soll.'];
  if (!values.bestaetigt) errors.bestaetigt = ['Bitte bestätigen, dass dieser Betreiber gelöscht werden soll.'];
  if (Object.keys(errors).length === 0) {
    const actor = { principal: req.principal!, requestId: req.id };
    try {
      const result = await deps.db.transaction((tx) => mergeOperators(tx, { from, into: Number(values.ziel) }, actor));
      req.session.flash =
        `„${result.merged.name}“ wurde mit „${result.operator.name}“ zusammengeführt: ` +
        `${result.movedRecords} ${result.movedRecords === 1 ? 'Eintrag' : 'Einträge'} übernommen.`;
      seeOther(res, `/betreiber/${result.operator.id}`);
      return;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.ziel = error.problems.map((p) => `${p.detail}.`);
    }
  }
  await show(deps, req, res, { values, errors });
}

/**
 * `/betreiber` (search by name or short name) and `/betreiber/{id}` (whom it serves): for
 * signed-in users, like the records they are built from. Admins merge a duplicate there
 * (`POST /betreiber/{id}/zusammenfuehren`, the same service as the API).
 */
export function operatorRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/betreiber', requireLogin, (req, res) => list(deps, req, res));
  router.get('/betreiber/:id', requireLogin, (req, res) => show(deps, req, res));
  router.post('/betreiber/:id/zusammenfuehren', requireLogin, requireAdmin, (req, res) => merge(deps, req, res));
  return router;
}
