import express, { type Request, type Response, type Router } from 'express';
import type { EntityManager } from 'typeorm';
import type { Region } from '../../entities';
import { entityTag } from '../../lib/concurrency';
import { CONNECTION_STATUS_LABELS } from '../../lib/connections';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../lib/errors';
import { componentsByCode } from '../../services/component.service';
import {
  deleteConnection,
  getMunicipalityConnections,
  putConnection,
  type ConnectionLine,
} from '../../services/connectable-services';
import { findMunicipality, regionView } from '../../services/region.service';
import type { AppDeps } from '../deps';
import {
  connectionFormPage,
  connectionInputOfForm,
  valuesOfConnection,
  type ConnectionFormData,
  type ConnectionFormValues,
  type ConnectionsSectionData,
} from './views/connections.view';
import { requireLogin, seeOther, sendPage, viewContext } from './context';
import { assertUserMayWrite, regionTrail } from './region-trail';

/** The connections section of the Kommune page (signed-in users), built from the same view as the API's. */
export async function connectionsOfPage(
  manager: EntityManager,
  region: Region,
  mayWrite: boolean,
): Promise<ConnectionsSectionData> {
  const { view } = await getMunicipalityConnections(manager, region.key);
  const componentLabels = new Map([...(await componentsByCode(manager)).values()].map((c) => [c.code, c.label]));
  return { region: regionView(region), lines: view.services, componentLabels, mayWrite };
}

/** The line of one service for the municipality, and the ETag of its connection ('' when there is none). */
async function lineOf(
  manager: EntityManager,
  region: Region,
  code: string,
): Promise<{ line: ConnectionLine; etag: string }> {
  const { view } = await getMunicipalityConnections(manager, region.key);
  const line = view.services.find((l) => l.service.code === code);
  if (!line) throw new NotFoundError(`Kein anschließbarer Dienst ${code} für ${region.name} (${region.key}).`);
  return { line, etag: line.connection ? entityTag(line.connection) : '' };
}

async function openRegion(deps: AppDeps, req: Request): Promise<Region> {
  const region = await findMunicipality(deps.db.reader.manager, String(req.params.ags));
  assertUserMayWrite(req.principal, region);
  return region;
}

async function render(
  deps: AppDeps,
  req: Request,
  res: Response,
  region: Region,
  form: {
    values: ConnectionFormValues | null;
    etag?: string;
    errors?: ConnectionFormData['errors'];
    general?: string[];
  },
  status = 200,
): Promise<void> {
  const manager = deps.db.reader.manager;
  const { line, etag } = await lineOf(manager, region, String(req.params.service));
  const data: ConnectionFormData = {
    region: regionView(region),
    trail: await regionTrail(manager, region),
    line,
    values: form.values ?? valuesOfConnection(line.connection),
    etag: form.etag ?? etag,
    errors: form.errors ?? {},
    general: form.general ?? [],
  };
  sendPage(res, connectionFormPage(viewContext(req, { withCsrf: true }), data), status);
}

function changedMeanwhile(): string {
  return 'Nicht gespeichert: der Anschluss wurde zwischenzeitlich geändert. Das Formular zeigt jetzt den aktuellen Stand.';
}

async function showForm(deps: AppDeps, req: Request, res: Response): Promise<void> {
  await render(deps, req, res, await openRegion(deps, req), { values: null });
}

/**
 * Saves through the same service as `PUT /api/municipalities/{ags}/connections/{service}`,
 * with the form's ETag as `If-Match` (`If-None-Match: *` for a new connection): a stale form
 * is refused and shows the current state.
 */
async function save(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const region = await openRegion(deps, req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values = { status: String(body.status ?? ''), note: String(body.note ?? '') };
  const etag = typeof body.etag === 'string' ? body.etag : '';
  const { input, errors } = connectionInputOfForm(values);
  if (!input) {
    await render(deps, req, res, region, { values, etag, errors }, 422);
    return;
  }
  const code = String(req.params.service);
  try {
    const { view } = await deps.db.transaction((tx) =>
      putConnection(tx, {
        key: region.key,
        code,
        input,
        actor: { principal: req.principal!, requestId: req.id },
        precondition: etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
      }),
    );
    req.session.flash = `Gespeichert: Anschluss an ${view.serviceName} – ${CONNECTION_STATUS_LABELS[view.status]}.`;
    seeOther(res, `/kommunen/${region.key}#anschluss-${code}`);
  } catch (error) {
    if (error instanceof PreconditionFailedError) {
      await render(deps, req, res, region, { values: null, general: [changedMeanwhile()] }, 409);
      return;
    }
    if (error instanceof ConflictError) {
      await render(deps, req, res, region, { values, etag, general: [error.message] }, 409);
      return;
    }
    throw error;
  }
}

async function remove(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const region = await openRegion(deps, req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const etag = typeof body.etag === 'string' ? body.etag : '';
  const code = String(req.params.service);
  try {
    await deps.db.transaction((tx) =>
      deleteConnection(tx, {
        key: region.key,
        code,
        actor: { principal: req.principal!, requestId: req.id },
        precondition: { ifMatch: etag || '""' },
      }),
    );
  } catch (error) {
    if (error instanceof PreconditionFailedError || error instanceof NotFoundError) {
      await render(deps, req, res, region, { values: null, general: [changedMeanwhile()] }, 409);
      return;
    }
    throw error;
  }
  req.session.flash = 'Der Anschluss wurde entfernt.';
  seeOther(res, `/kommunen/${region.key}#anschluss-${code}`);
}

/** `/kommunen/{ags}/anschluesse/{service}`: set, change or remove a connection. */
export function connectionRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/kommunen/:ags/anschluesse/:service', requireLogin, (req, res) => showForm(deps, req, res));
  router.post('/kommunen/:ags/anschluesse/:service', requireLogin, (req, res) => save(deps, req, res));
  router.post('/kommunen/:ags/anschluesse/:service/entfernen', requireLogin, (req, res) => remove(deps, req, res));
  return router;
}
