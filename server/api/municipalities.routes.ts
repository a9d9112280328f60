import { regionHistory } from '../../services/audit.service';
import {
  deleteComponentRecord,
  getComponentRecord,
  getLandscapeJson,
  landscapeBodyProblems,
  putComponentRecord,
  putLandscape,
} from '../../services/inventory.service';
import { findMunicipality } from '../../services/region.service';
import { sendPage } from '../http/pagination';
import { defineRoute, sendJson } from '../http/route';
import { municipalityKeyParams, pageOf, paginationProperties } from './common.schemas';
import {
  auditEventSchema,
  landscapeInputSchema,
  landscapeSchema,
  recordInputSchema,
  recordParams,
  recordSchema,
} from './municipalities.schemas';

const notFound = { description: 'Keine Kommune mit diesem Schlüssel (oder keine Komponente mit diesem Code).' };
const writeErrors = {
  403: { description: 'Das Token darf diese Kommune nicht ändern.' },
  409: {
    description:
      'Die Kommune steht nicht mehr im aktuellen Gemeindeverzeichnis; `detail` nennt das Nachfolgegebiet, falls zugeordnet.',
  },
  412: { description: 'If-Match passt nicht mehr: zwischenzeitlich geändert.' },
  422: { description: 'Eingaben ungültig; `errors` zeigt auf jedes Feld.' },
  428: { description: 'Änderung eines bestehenden Eintrags ohne If-Match.' },
};
const etagHeader = { ETag: 'Starkes Entity-Tag des Zustands; für If-Match bei der nächsten Änderung.' };

export const getLandscapeRoute = defineRoute({
  method: 'get',
  path: '/api/municipalities/:ags/components',
  operationId: 'getLandscape',
  summary: 'Komponentenlandschaft einer Kommune',
  tags: ['Bestand'],
  access: 'reader',
  params: municipalityKeyParams,
  responses: {
    200: { description: 'Alle erfassten Komponenten.', schema: landscapeSchema, headers: etagHeader },
    404: notFound,
  },
  handler: async ({ res, params, deps }) => {
    const { json, etag } = await getLandscapeJson(deps.db.reader.manager, params.ags);
    sendJson(res.setHeader('ETag', etag), json);
  },
});

export const putLandscapeRoute = defineRoute({
  method: 'put',
  path: '/api/municipalities/:ags/components',
  operationId: 'putLandscape',
  summary: 'Ganze Komponentenlandschaft schreiben (atomar)',
  description:
    'Ersetzt die Landschaft: aufgeführte Komponenten werden angelegt oder geändert, nicht aufgeführte gelöscht. ' +
    'Alles oder nichts. Ist schon etwas erfasst, ist If-Match mit dem ETag des letzten GET nötig.',
  tags: ['Bestand'],
  access: 'editor',
  conditional: true,
  params: municipalityKeyParams,
  body: {
    json: landscapeInputSchema,
    problems: (body, deps) => landscapeBodyProblems(deps.db.reader.manager, body),
  },
  responses: {
    200: { description: 'Die neue Landschaft.', schema: landscapeSchema, headers: etagHeader },
    404: notFound,
    ...writeErrors,
  },
  handler: async ({ res, params, body, actor, precondition, deps }) => {
    const result = await putLandscape(deps.db.reader, {
      key: params.ags,
      items: body.components,
      actor,
      precondition,
    });
    res.setHeader('ETag', result.etag).json(result.view);
  },
});

export const getRecordRoute = defineRoute({
  method: 'get',
  path: '/api/municipalities/:ags/components/:code',
  operationId: 'getComponentRecord',
  summary: 'Eine Komponente einer Kommune',
  tags: ['Bestand'],
  access: 'reader',
  params: recordParams,
  responses: { 200: { description: 'Der Eintrag.', schema: recordSchema, headers: etagHeader }, 404: notFound },
  handler: async ({ res, params, deps }) => {
    const { view, etag } = await getComponentRecord(deps.db.reader.manager, params.ags, params.code);
    res.setHeader('ETag', etag).json(view);
  },
});

export const putRecordRoute = defineRoute({
  method: 'put',
  path: '/api/municipalities/:ags/components/:code',
  operationId: 'putComponentRecord',
  summary: 'Eine Komponente einer Kommune anlegen oder ändern',
  tags: ['Bestand'],
  access: 'editor',
  conditional: true,
  params: recordParams,
  body: { json: recordInputSchema },
  responses: {
    200: { description: 'Geändert (oder unverändert).', schema: recordSchema, headers: etagHeader },
    201: { description: 'Angelegt.', schema: recordSchema, headers: etagHeader },
    404: notFound,
    ...writeErrors,
  },
  handler: async ({ res, params, body, actor, precondition, deps }) => {
    const result = await putComponentRecord(deps.db.reader, {
      key: params.ags,
      code: params.code,
      input: body,
      actor,
      precondition,
    });
    res
      .status(result.created ? 201 : 200)
      .setHeader('ETag', result.etag)
      .json(result.view);
  },
});

export const deleteRecordRoute = defineRoute({
  method: 'delete',
  path: '/api/municipalities/:ags/components/:code',
  operationId: 'deleteComponentRecord',
  summary: 'Eine Komponente einer Kommune löschen',
  description: 'Nur mit If-Match. Die Historie behält den gelöschten Stand.',
  tags: ['Bestand'],
  access: 'editor',
  conditional: true,
  params: recordParams,
  responses: { 204: { description: 'Gelöscht.' }, 404: notFound, ...writeErrors },
  handler: async ({ res, params, actor, precondition, deps }) => {
    await deleteComponentRecord(deps.db.reader, { key: params.ags, code: params.code, actor, precondition });
    res.status(204).end();
  },
});

export const historyRoute = defineRoute({
  method: 'get',
  path: '/api/municipalities/:ags/history',
  operationId: 'getMunicipalityHistory',
  summary: 'Änderungshistorie einer Kommune',
  description: 'Jede Änderung (API oder Import) mit Akteur, Zeit, Anfrage-ID, vorher und nachher; neueste zuerst.',
  tags: ['Bestand'],
  access: 'reader',
  params: municipalityKeyParams,
  query: { type: 'object', additionalProperties: false, properties: { ...paginationProperties } },
  responses: { 200: { description: 'Eine Seite Ereignisse.', schema: pageOf(auditEventSchema) }, 404: notFound },
  handler: async ({ req, res, params, query, deps }) => {
    const region = await findMunicipality(deps.db.reader.manager, params.ags);
    sendPage(req, res, await regionHistory(deps.db.reader.manager, region.id, query));
  },
});

export const municipalityRoutes = [
  getLandscapeRoute,
  putLandscapeRoute,
  getRecordRoute,
  putRecordRoute,
  deleteRecordRoute,
  historyRoute,
];
