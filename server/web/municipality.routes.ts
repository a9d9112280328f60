import express, { type Request, type Response, type Router } from 'express';
import type { EntityManager } from 'typeorm';
import type { Region } from '../../entities';
import { entityTag } from '../../lib/concurrency';
import { PreconditionFailedError } from '../../lib/errors';
import { lastComponentChange } from '../../services/audit-history';
import { regionHistory } from '../../services/audit.service';
import { componentsByCode } from '../../services/component.service';
import { confirmInventory, getConfirmation } from '../../services/confirmation.service';
import { loadComponentsInUse } from '../../services/components-in-use';
import { loadUnits } from '../../services/administrative-units';
import { completenessGaps } from '../../services/inventory-completeness';
import { getLandscape, putComponentRecord, type ComponentRecordView } from '../../services/inventory.service';
import { catalogueComponent } from '../../services/inventory-views';
import { operatorNameSuggestions, productNameSuggestions } from '../../services/record-form-suggestions';
import { assertCurrent, findMunicipality, regionView } from '../../services/region.service';
import type { AppDeps } from '../deps';
import { confirmRefusedPage } from './views/confirm-refused.view';
import { municipalityPage } from './views/municipality.view';
import { recordFormPage, type RecordFormData, type RecordFormValues } from './views/record-form.view';
import { connectionsOfPage } from './connections.routes';
import { requireLogin, seeOther, sendPage, viewContext } from './context';
import {
  fieldErrorsOfInputError,
  operatorCandidatesOf,
  recordInputOfForm,
  valuesOfForm,
  valuesOfRecord,
} from './record-form';
import { assertUserMayWrite, mayWrite, regionTrail } from './region-trail';

const HISTORY_ROWS = 20;

/** The current record of one component and its ETag (the one `putComponentRecord` checks). */
async function currentRecord(
  manager: EntityManager,
  key: string,
  code: string,
): Promise<{ record: ComponentRecordView | null; etag: string }> {
  const { view } = await getLandscape(manager, key);
  const record = view.components.find((c) => c.component === code) ?? null;
  return { record, etag: record ? entityTag(record) : '' };
}

async function formData(
  manager: EntityManager,
  region: Region,
  code: string,
  values: RecordFormValues | null,
): Promise<RecordFormData & { record: ComponentRecordView | null }> {
  const component = await catalogueComponent(manager, code);
  const { record, etag } = await currentRecord(manager, region.key, code);
  return {
    region: regionView(region),
    trail: await regionTrail(manager, region),
    component: { code: component.code, label: component.label, description: component.description },
    values: values ?? valuesOfRecord(record),
    etag,
    errors: {},
    operatorSuggestions: await operatorNameSuggestions(manager, region),
    productSuggestions: await productNameSuggestions(manager, component.id),
    record,
  };
}

async function showMunicipality(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const manager = deps.db.reader.manager;
  const region = await findMunicipality(manager, String(req.params.ags));
  const catalogue = [...(await componentsByCode(manager)).values()].map((c) => ({ code: c.code, label: c.label }));
  const base = { region: regionView(region), trail: await regionTrail(manager, region), catalogue };
  if (!req.webUser) {
    sendPage(
      res,
      municipalityPage(viewContext(req), {
        ...base,
        mayWrite: false,
        confirmation: null,
        history: [],
        moreHistory: false,
      }),
    );
    return;
  }
  const { view, etag } = await getLandscape(manager, region.key);
  const history = await regionHistory(manager, region.id, { limit: HISTORY_ROWS });
  const [unit] = region.isCurrent ? await loadUnits(manager, { column: 'id', value: region.id }) : [];
  const inherited = unit ? (await loadComponentsInUse(manager, [unit])).get(unit.id)?.inherited : undefined;
  // A retired municipality stays readable; the services refuse changes to it (409), so offer none.
  const writable = region.isCurrent && mayWrite(req.principal, region);
  sendPage(
    res,
    municipalityPage(viewContext(req, { withCsrf: writable }), {
      ...base,
      landscape: view,
      inherited: [...(inherited ?? new Map())].map(([component, from]) => ({ component, from })),
      mayWrite: writable,
      connections: await connectionsOfPage(manager, region, writable),
      confirmation: await getConfirmation(manager, region.id, etag),
      history: history.items,
      moreHistory: history.nextCursor !== null,
    }),
  );
}

async function showForm(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const manager = deps.db.reader.manager;
  const region = await findMunicipality(manager, String(req.params.ags));
  assertUserMayWrite(req.principal, region);
  await assertCurrent(manager, region);
  const data = await formData(manager, region, String(req.params.code), null);
  sendPage(res, recordFormPage(viewContext(req, { withCsrf: true }), data));
}

/**
 * Saves the form through the same service as `PUT /api/municipalities/{ags}/components/{code}`,
 * with the ETag from the hidden field as `If-Match` (or `If-None-Match: *` for a new record):
 * a stale form is refused and shows the current state beside the user's unchanged input.
 */
async function saveForm(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const manager = deps.db.reader.manager;
  const region = await findMunicipality(manager, String(req.params.ags));
  assertUserMayWrite(req.principal, region);
  const code = String(req.params.code);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values = valuesOfForm(body);
  const etag = typeof body.etag === 'string' ? body.etag : '';
  const { input, errors } = recordInputOfForm(values);
  const rerender = async (status: number, extra: Partial<RecordFormData>) => {
    const data = await formData(manager, region, code, values);
    sendPage(res, recordFormPage(viewContext(req, { withCsrf: true }), { ...data, etag, ...extra }), status);
  };
  if (!input) {
    await rerender(422, { errors });
    return;
  }
  // "nicht genutzt" drops operator and product: asked first when the form still names them.
  if (input.status === 'not-used' && (input.operator || input.product) && body.clearConfirmed !== 'ja') {
    const operator = typeof input.operator === 'string' ? input.operator : (input.operator?.name ?? '');
    await rerender(200, { confirmClear: { operator, product: input.product ?? '' } });
    return;
  }
  try {
    const component = await catalogueComponent(manager, code);
    await putComponentRecord(deps.db.reader, {
      key: region.key,
      code,
      input,
      actor: { principal: req.principal!, requestId: req.id },
      precondition: etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
    });
    const cleared = input.status === 'not-used' && (input.operator || input.product);
    req.session.flash = `Gespeichert: ${component.label}.${
      cleared ? ' Betreiber und Produkt wurden entfernt, weil die Komponente nicht genutzt wird.' : ''
    }`;
    seeOther(res, `/kommunen/${region.key}#k-${code}`);
  } catch (error) {
    if (error instanceof PreconditionFailedError) {
      const { record, etag: currentEtag } = await currentRecord(manager, region.key, code);
      const change = await lastComponentChange(manager, region, code);
      await rerender(409, {
        etag: currentEtag,
        conflict: {
          current: record,
          changedBy: change?.by ?? null,
          changedAt: change?.at ?? record?.updatedAt ?? null,
        },
      });
      return;
    }
    const operatorCandidates = operatorCandidatesOf(error);
    await rerender(422, { errors: fieldErrorsOfInputError(error), operatorCandidates });
  }
}

async function confirm(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const region = await findMunicipality(deps.db.reader.manager, String(req.params.ags));
  assertUserMayWrite(req.principal, region);
  const { view } = await getLandscape(deps.db.reader.manager, region.key);
  const gaps = await completenessGaps(deps.db.reader.manager, view);
  if (gaps.length > 0) {
    const trail = await regionTrail(deps.db.reader.manager, region);
    sendPage(res, confirmRefusedPage(viewContext(req), { region: regionView(region), trail, gaps }), 409);
    return;
  }
  await confirmInventory(deps.db.reader, { key: region.key, actor: { principal: req.principal!, requestId: req.id } });
  req.session.flash = `Die Angaben von ${region.name} wurden als vollständig und aktuell bestätigt.`;
  seeOther(res, `/kommunen/${region.key}#bestaetigung`);
}

/** `/kommunen/{ags}` and its edit and confirm forms. */
export function municipalityRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/kommunen/:ags', (req, res) => showMunicipality(deps, req, res));
  router.get('/kommunen/:ags/komponenten/:code', requireLogin, (req, res) => showForm(deps, req, res));
  router.post('/kommunen/:ags/komponenten/:code', requireLogin, (req, res) => saveForm(deps, req, res));
  router.post('/kommunen/:ags/bestaetigen', requireLogin, (req, res) => confirm(deps, req, res));
  return router;
}
