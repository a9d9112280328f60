import { REGION_LEVELS } from '../../lib/keys';
import { findRegion, listRegions, regionView } from '../../services/region.service';
import { defineRoute } from '../http/route';
import { sendPage } from '../http/pagination';
import { pageOf, paginationProperties, regionSchema } from './common.schemas';

/** Lists regions by level, ancestor and name. */
export const listRegionsRoute = defineRoute({
  method: 'get',
  path: '/api/regions',
  operationId: 'listRegions',
  summary: 'Gebiete auflisten und suchen',
  description:
    'Gebiete des Gemeindeverzeichnisses nach Ebene, übergeordnetem Gebiet (Land, Regierungsbezirk, Kreis oder ' +
    'Gemeindeverband) und Name. `q` sucht im Namen (ohne Rücksicht auf Groß-/Kleinschreibung und Umlaute) oder, ' +
    'wenn nur Ziffern, nach Schlüssel-, ARS- oder Postleitzahl-Anfang. Sortiert nach Schlüssel, seitenweise per Cursor.',
  tags: ['Gebiete'],
  access: 'public',
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      level: { type: 'string', enum: [...REGION_LEVELS] },
      parent: { type: 'string', pattern: '^(\\d{2}|\\d{3}|\\d{5}|\\d{9})$' },
      q: { type: 'string', minLength: 1, maxLength: 100 },
      includeRetired: { type: 'boolean', default: false },
      ...paginationProperties,
    },
  },
  responses: { 200: { description: 'Eine Seite Gebiete.', schema: pageOf(regionSchema) } },
  handler: async ({ req, res, query, deps }) => {
    sendPage(req, res, await listRegions(deps.db.reader.manager, query));
  },
});

/** One region by key or ARS. */
export const getRegionRoute = defineRoute({
  method: 'get',
  path: '/api/regions/:key',
  operationId: 'getRegion',
  summary: 'Gebiet nach AGS, Schlüssel oder ARS',
  description:
    'Ein Gebiet nach seinem Schlüssel (Land 2, Regierungsbezirk 3, Kreis 5, AGS 8, Gemeindeverband 9 Ziffern) ' +
    'oder dem 12-stelligen ARS (auch mit Nullen aufgefüllt, wie im OZG-Dashboard).',
  tags: ['Gebiete'],
  access: 'public',
  params: {
    type: 'object',
    required: ['key'],
    additionalProperties: false,
    properties: { key: { type: 'string', pattern: '^\\d{2,12}$' } },
  },
  responses: {
    200: { description: 'Das Gebiet.', schema: regionSchema },
    404: { description: 'Kein Gebiet mit diesem Schlüssel.' },
  },
  handler: async ({ res, params, deps }) => {
    res.json(regionView(await findRegion(deps.db.reader.manager, params.key)));
  },
});

export const regionRoutes = [listRegionsRoute, getRegionRoute];
