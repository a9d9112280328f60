import express, { type Request, type Response, type Router } from 'express';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../lib/errors';
import { findMunicipality, regionView } from '../../services/region.service';
import {
  mapSuccessor,
  unresolvedConflicts,
  type ConflictResolutions,
  type SuccessorResult,
} from '../../services/region-successor.service';
import { suggestSuccessors } from '../../services/region-successor-suggestions';
import type { AppDeps } from '../deps';
import type { FieldErrors } from './views/forms';
import { conflictField, successorPage, type SuccessorFormValues, type SuccessorPageData } from './views/successor.view';
import { requireLogin, seeOther, sendPage, viewContext } from './context';
import { regionTrail } from './region-trail';

const KEY = /^(\d{5}|\d{8}|\d{9}|\d{12})$/;

function text(value: unknown, max = 20): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

function requireAdmin(req: Request, _res: Response, next: (error?: unknown) => void): void {
  next(
    req.webUser?.role === 'admin'
      ? undefined
      : new NotAllowedError('Nachfolger ordnen nur Administratorinnen und Administratoren zu.'),
  );
}

function valuesOf(body: Record<string, unknown>): SuccessorFormValues {
  return {
    nachfolger: text(body.nachfolger),
    anderer: text(body.anderer),
    modus: body.modus === 'copy' ? 'copy' : 'move',
  };
}

/** The chosen conflict sides from the radios `konflikt-KEY`. */
function resolutionsOf(body: Record<string, unknown>): ConflictResolutions {
  const resolutions: ConflictResolutions = {};
  for (const [name, value] of Object.entries(body)) {
    const key = name.startsWith(conflictField('')) ? name.slice(conflictField('').length) : '';
    if (key && (value === 'predecessor' || value === 'successor')) resolutions[key] = value;
  }
  return resolutions;
}

async function render(
  deps: AppDeps,
  req: Request,
  res: Response,
  status: number,
  data: Pick<SuccessorPageData, 'values' | 'errors' | 'general' | 'preview'>,
): Promise<void> {
  const manager = deps.db.reader.manager;
  const region = await findMunicipality(manager, String(req.params.ags));
  // The preview shows the chosen successor only; the choices need the suggestions.
  const suggestions = data.preview ? [] : (await suggestSuccessors(manager, region.key)).suggestions;
  sendPage(
    res,
    successorPage(viewContext(req, { withCsrf: true }), {
      region: regionView(region),
      trail: await regionTrail(manager, region),
      suggestions,
      ...data,
    }),
    status,
  );
}

/** Field errors of a refused mapping; anything that is no expected refusal is rethrown. */
function refusal(
  error: unknown,
  values: SuccessorFormValues,
): { status: number; errors: FieldErrors; general: string[] } {
  const field = values.nachfolger === 'anderer' ? 'anderer' : 'nachfolger';
  if (error instanceof InputError) {
    const details = error.problems.map((p) => p.detail);
    return { status: 422, errors: { [field]: details.length > 0 ? details : [error.message] }, general: [] };
  }
  if (error instanceof NotFoundError) return { status: 422, errors: { [field]: [error.message] }, general: [] };
  if (error instanceof ConflictError) return { status: 409, errors: {}, general: [error.message] };
  throw error;
}

function openConflictErrors(result: SuccessorResult): FieldErrors {
  const errors: FieldErrors = {};
  for (const c of unresolvedConflicts(result.conflicts)) {
    errors[conflictField(c.key)] = ['Bitte wählen, welcher Eintrag gilt.'];
  }
  return errors;
}

/**
 * Step 1 („Vorschau“) plans the mapping as a dry run and shows what moves and every conflict;
 * step 2 („Zuordnen“) runs it through the same service as `POST /api/regions/{key}/successor`
 * with the chosen sides. Open conflicts or a changed state bring the preview back with errors.
 */
async function submit(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const region = await findMunicipality(deps.db.reader.manager, String(req.params.ags));
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values = valuesOf(body);
  const successorKey = values.nachfolger === 'anderer' || values.nachfolger === '' ? values.anderer : values.nachfolger;
  if (!KEY.test(successorKey)) {
    const field = values.nachfolger === 'anderer' ? 'anderer' : 'nachfolger';
    const message = 'Bitte einen Vorschlag wählen oder den Schlüssel des Nachfolgers eingeben (z. B. AGS, 8 Ziffern).';
    await render(deps, req, res, 422, { values, errors: { [field]: [message] }, general: [] });
    return;
  }
  const apply = body.schritt === 'zuordnen';
  let result: SuccessorResult;
  try {
    result = await mapSuccessor(deps.db.reader, {
      oldKey: region.key,
      newKey: successorKey,
      mode: values.modus,
      dryRun: !apply,
      resolutions: resolutionsOf(body),
      actor: { principal: req.principal!, requestId: req.id },
    });
  } catch (error) {
    const { status, errors, general } = refusal(error, values);
    await render(deps, req, res, status, { values, errors, general });
    return;
  }
  if (result.applied) {
    req.session.flash = `${result.from.name} (${result.from.key}) ist ${result.to.name} (${result.to.key}) als Nachfolger zugeordnet.`;
    seeOther(res, `/kommunen/${result.to.key}`);
    return;
  }
  const open = apply ? openConflictErrors(result) : {};
  await render(deps, req, res, apply ? 409 : 200, {
    values: { ...values, nachfolger: result.to.key },
    errors: open,
    general: apply ? ['Für jeden Konflikt bitte wählen, welcher Eintrag gilt; es wurde nichts zugeordnet.'] : [],
    preview: result,
  });
}

/** `/kommunen/{ags}/nachfolger`: the successor form for admins, with suggestions from the directory. */
export function successorRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/kommunen/:ags/nachfolger', requireLogin, requireAdmin, async (req, res) => {
    const values: SuccessorFormValues = { nachfolger: '', anderer: '', modus: 'move' };
    await render(deps, req, res, 200, { values, errors: {}, general: [] });
  });
  router.post('/kommunen/:ags/nachfolger', requireLogin, requireAdmin, (req, res) => submit(deps, req, res));
  return router;
}
