import {
  deleteConnection,
  getConnection,
  getMunicipalityConnections,
  listConnectableServices,
  putConnection,
} from '../../services/connectable-services';
import { defineRoute } from '../http/route';
import { municipalityKeyParams } from './common.schemas';
import {
  connectableServiceSchema,
  connectableServicesQuery,
  connectionInputSchema,
  connectionParams,
  connectionSchema,
  municipalityConnectionsSchema,
} from './connections.schemas';

const notFound = {
  description: 'Keine Kommune mit diesem Schlüssel, kein Dienst mit diesem Code (oder kein Anschluss).',
};
const etagHeader = { ETag: 'Starkes Entity-Tag des Anschlusses; für If-Match bei der nächsten Änderung.' };
const writeErrors = {
  403: { description: 'Das Token darf diese Kommune nicht ändern.' },
  409: {
    description:
      'Der Dienst wird in diesem Land nicht (mehr) angeboten, oder die Kommune steht nicht mehr im aktuellen Gemeindeverzeichnis.',
  },
  412: { description: 'If-Match passt nicht mehr: zwischenzeitlich geändert.' },
  422: { description: 'Eingaben ungültig; `errors` zeigt auf jedes Feld.' },
  428: { description: 'Änderung eines bestehenden Anschlusses ohne If-Match.' },
};

export const listConnectableServicesRoute = defineRoute({
  method: 'get',
  path: '/api/connectable-services',
  operationId: 'listConnectableServices',
  summary: 'Anschließbare Bundes-, Landes- und EfA-Dienste',
  description:
    'Dienste, an die sich eine Kommune anschließt, statt selbst zu bauen: BundID, Organisationskonto, ' +
    'Servicekonten und Plattformen der Länder, EfA-Onlinedienste – mit den Basiskomponenten, die sie stellen, ' +
    'den Ländern, in denen sie angeboten werden, und einer öffentlichen Quelle je Dienst.',
  tags: ['Katalog'],
  access: 'public',
  query: connectableServicesQuery,
  responses: {
    200: {
      description: 'Bundesdienste zuerst, dann Landes- und EfA-Dienste.',
      schema: { type: 'array', items: connectableServiceSchema },
    },
  },
  handler: async ({ res, query, deps }) => {
    res.json(await listConnectableServices(deps.db.reader.manager, { land: query.land }));
  },
});

export const getMunicipalityConnectionsRoute = defineRoute({
  method: 'get',
  path: '/api/municipalities/:ags/connections',
  operationId: 'getMunicipalityConnections',
  summary: 'Anschlüsse einer Kommune an Bundes-, Landes- und EfA-Dienste',
  description:
    'Die im Land der Kommune angebotenen Dienste, je mit dem erfassten Anschluss (oder null), dazu Anschlüsse an ' +
    'Dienste, die dort nicht mehr angeboten werden.',
  tags: ['Bestand'],
  access: 'reader',
  params: municipalityKeyParams,
  responses: {
    200: { description: 'Dienste und Anschlüsse.', schema: municipalityConnectionsSchema, headers: etagHeader },
    404: notFound,
  },
  handler: async ({ res, params, deps }) => {
    const { view, etag } = await getMunicipalityConnections(deps.db.reader.manager, params.ags);
    res.setHeader('ETag', etag).json(view);
  },
});

export const getConnectionRoute = defineRoute({
  method: 'get',
  path: '/api/municipalities/:ags/connections/:service',
  operationId: 'getConnection',
  summary: 'Ein Anschluss einer Kommune',
  tags: ['Bestand'],
  access: 'reader',
  params: connectionParams,
  responses: { 200: { description: 'Der Anschluss.', schema: connectionSchema, headers: etagHeader }, 404: notFound },
  handler: async ({ res, params, deps }) => {
    const { view, etag } = await getConnection(deps.db.reader.manager, params.ags, params.service);
    res.setHeader('ETag', etag).json(view);
  },
});

export const putConnectionRoute = defineRoute({
  method: 'put',
  path: '/api/municipalities/:ags/connections/:service',
  operationId: 'putConnection',
  summary: 'Anschluss einer Kommune an einen Dienst erfassen oder ändern',
  description:
    'Status: interest, contract, test, live. Ein bestehender Anschluss braucht If-Match mit dem ETag des letzten GET. ' +
    'Jede Änderung steht in der Historie der Kommune.',
  tags: ['Bestand'],
  access: 'editor',
  conditional: true,
  params: connectionParams,
  body: { json: connectionInputSchema },
  responses: {
    200: { description: 'Geändert (oder unverändert).', schema: connectionSchema, headers: etagHeader },
    201: { description: 'Angelegt.', schema: connectionSchema, headers: etagHeader },
    404: notFound,
    ...writeErrors,
  },
  handler: async ({ res, params, body, actor, precondition, deps }) => {
    const result = await deps.db.transaction((tx) =>
      putConnection(tx, { key: params.ags, code: params.service, input: body, actor, precondition }),
    );
    res
      .status(result.created ? 201 : 200)
      .setHeader('ETag', result.etag)
      .json(result.view);
  },
});

export const deleteConnectionRoute = defineRoute({
  method: 'delete',
  path: '/api/municipalities/:ags/connections/:service',
  operationId: 'deleteConnection',
  summary: 'Anschluss einer Kommune entfernen',
  description: 'Nur mit If-Match. Die Historie behält den entfernten Stand.',
  tags: ['Bestand'],
  access: 'editor',
  conditional: true,
  params: connectionParams,
  responses: { 204: { description: 'Entfernt.' }, 404: notFound, ...writeErrors },
  handler: async ({ res, params, actor, precondition, deps }) => {
    await deps.db.transaction((tx) =>
      deleteConnection(tx, { key: params.ags, code: params.service, actor, precondition }),
    );
    res.status(204).end();
  },
});

export const connectionRoutes = [
  listConnectableServicesRoute,
  getMunicipalityConnectionsRoute,
  getConnectionRoute,
  putConnectionRoute,
  deleteConnectionRoute,
];
