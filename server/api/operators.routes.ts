import { OPERATOR_TYPES } from '../../lib/vocabulary';
import { mergeOperators } from '../../services/operator-merge';
import { createOperator, getOperator, listOperators, updateOperator } from '../../services/operator.service';
import { sendPage } from '../http/pagination';
import { defineRoute } from '../http/route';
import { pageOf, paginationProperties } from './common.schemas';
import { idParams, mergeBody, mergeResultSchema, operatorSchema, writableProperties } from './operators.schemas';

const etagHeader = { ETag: 'Starkes Entity-Tag; für If-Match beim PATCH.' };

export const listOperatorsRoute = defineRoute({
  method: 'get',
  path: '/api/operators',
  operationId: 'listOperators',
  summary: 'Betreiber auflisten',
  description:
    'Betreiber mit der Zahl der Kommunen, für die sie Komponenten betreiben. Vorbelegte Einträge (origin reference) sind Vorschläge.',
  tags: ['Betreiber'],
  access: 'reader',
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      q: { type: 'string', minLength: 1, maxLength: 100 },
      type: { type: 'string', enum: [...OPERATOR_TYPES] },
      land: { type: 'string', pattern: '^\\d{2}$' },
      ...paginationProperties,
    },
  },
  responses: { 200: { description: 'Eine Seite Betreiber.', schema: pageOf(operatorSchema) } },
  handler: async ({ req, res, query, deps }) => {
    sendPage(req, res, await listOperators(deps.db.reader.manager, query));
  },
});

export const createOperatorRoute = defineRoute({
  method: 'post',
  path: '/api/operators',
  operationId: 'createOperator',
  summary: 'Betreiber anlegen',
  tags: ['Betreiber'],
  access: 'editor',
  body: {
    json: { type: 'object', additionalProperties: false, required: ['name', 'type'], properties: writableProperties },
  },
  responses: {
    201: {
      description: 'Angelegt.',
      schema: operatorSchema,
      headers: { ...etagHeader, Location: 'URL des Betreibers' },
    },
    409: { description: 'Ein Betreiber dieses Namens existiert schon.' },
    422: { description: 'Eingaben ungültig.' },
  },
  handler: async ({ res, body, actor, deps }) => {
    const { view, etag } = await deps.db.transaction((tx) => createOperator(tx, body, actor));
    res.status(201).setHeader('ETag', etag).setHeader('Location', `/api/operators/${view.id}`).json(view);
  },
});

export const getOperatorRoute = defineRoute({
  method: 'get',
  path: '/api/operators/:id',
  operationId: 'getOperator',
  summary: 'Ein Betreiber',
  tags: ['Betreiber'],
  access: 'reader',
  params: idParams,
  responses: {
    200: { description: 'Der Betreiber.', schema: operatorSchema, headers: etagHeader },
    404: { description: 'Kein Betreiber mit dieser Nummer.' },
  },
  handler: async ({ res, params, deps }) => {
    const { view, etag } = await getOperator(deps.db.reader.manager, Number(params.id));
    res.setHeader('ETag', etag).json(view);
  },
});

export const patchOperatorRoute = defineRoute({
  method: 'patch',
  path: '/api/operators/:id',
  operationId: 'patchOperator',
  summary: 'Betreiber ändern',
  description:
    'Nur für Administratorinnen und Administratoren, da ein Betreiber vielen Kommunen gemeinsam ist. If-Match ist Pflicht.',
  tags: ['Betreiber'],
  access: 'admin',
  conditional: true,
  params: idParams,
  body: { json: { type: 'object', additionalProperties: false, minProperties: 1, properties: writableProperties } },
  responses: {
    200: { description: 'Geändert.', schema: operatorSchema, headers: etagHeader },
    404: { description: 'Kein Betreiber mit dieser Nummer.' },
    409: { description: 'Der neue Name gehört schon einem anderen Betreiber.' },
    412: { description: 'Zwischenzeitlich geändert.' },
    422: { description: 'Eingaben ungültig.' },
    428: { description: 'If-Match fehlt.' },
  },
  handler: async ({ res, params, body, actor, precondition, deps }) => {
    const { view, etag } = await deps.db.transaction((tx) =>
      updateOperator(tx, Number(params.id), body, actor, precondition),
    );
    res.setHeader('ETag', etag).json(view);
  },
});

export const mergeOperatorRoute = defineRoute({
  method: 'post',
  path: '/api/operators/:id/merge',
  operationId: 'mergeOperator',
  summary: 'Doppelten Betreiber zusammenführen',
  description:
    'Nur für Administratorinnen und Administratoren. Alle Einträge, die den Betreiber {id} nennen, nennen danach den ' +
    'Betreiber `into`; {id} wird gelöscht. Name und Angaben von `into` bleiben; hat er keinen Kurznamen, wird der ' +
    '(Kurz-)Name des gelöschten sein Kurzname, damit Importe mit dem alten Namen ihn finden. Protokolliert als ' +
    '`component-record.updated` je verschobenem Eintrag und `operator.merged`.',
  tags: ['Betreiber'],
  access: 'admin',
  params: idParams,
  body: { json: mergeBody },
  responses: {
    200: { description: 'Zusammengeführt.', schema: mergeResultSchema, headers: etagHeader },
    404: { description: 'Kein Betreiber {id}.' },
    422: { description: '`into` gibt es nicht oder ist {id} selbst.' },
  },
  handler: async ({ res, params, body, actor, deps }) => {
    const { etag, ...result } = await deps.db.transaction((tx) =>
      mergeOperators(tx, { from: Number(params.id), into: body.into }, actor),
    );
    res.setHeader('ETag', etag).json(result);
  },
});

export const operatorRoutes = [
  listOperatorsRoute,
  createOperatorRoute,
  getOperatorRoute,
  patchOperatorRoute,
  mergeOperatorRoute,
];
