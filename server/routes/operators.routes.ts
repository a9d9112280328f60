import { inTransaction } from '../../entities/transaction';
import { webUrlSchema } from '../../lib/url';
import { OPERATOR_TYPES, type OperatorType } from '../../lib/vocabulary';
import {
  createOperator,
  getOperator,
  listOperators,
  updateOperator,
  type OperatorInput,
} from '../../services/operator.service';
import { sendPage } from '../http/pagination';
import { defineRoute } from '../http/route';
import { pageOf, paginationProperties } from './common.schemas';

const landKeys = {
  type: 'array',
  maxItems: 16,
  uniqueItems: true,
  items: { type: 'string', pattern: '^\\d{2}$' },
} as const;
/** Written Land keys: the sixteen Länder only (an editor's also within the scope, see the service). */
const landKeysInput = { ...landKeys, items: { type: 'string', pattern: '^(0[1-9]|1[0-6])$' } } as const;
const writableProperties = {
  name: { type: 'string', minLength: 2, maxLength: 200 },
  shortName: { type: ['string', 'null'], maxLength: 60 },
  type: { type: 'string', enum: [...OPERATOR_TYPES] },
  website: { ...webUrlSchema(300), type: ['string', 'null'] },
  landKeys: landKeysInput,
  note: { type: ['string', 'null'], maxLength: 2000 },
} as const;

const operatorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'type', 'typeLabel', 'origin', 'municipalityCount', 'componentCounts'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    shortName: { type: ['string', 'null'] },
    type: { type: 'string', enum: [...OPERATOR_TYPES] },
    typeLabel: { type: 'string' },
    website: { type: ['string', 'null'] },
    landKeys,
    note: { type: ['string', 'null'] },
    origin: { type: 'string', enum: ['reference', 'user'] },
    municipalityCount: { type: 'integer' },
    componentCounts: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const;

const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[1-9]\\d{0,9}$' } },
} as const;

const etagHeader = { ETag: 'Starkes Entity-Tag; für If-Match beim PATCH.' };

export const listOperatorsRoute = defineRoute<
  Record<string, string>,
  { q?: string; type?: OperatorType; land?: string; limit: number; cursor?: string }
>({
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
    sendPage(req, res, await listOperators(deps.dataSource.manager, query));
  },
});

export const createOperatorRoute = defineRoute<Record<string, string>, Record<string, never>, OperatorInput>({
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
    const { view, etag } = await inTransaction(deps.dataSource, (tx) => createOperator(tx, body, actor));
    res.status(201).setHeader('ETag', etag).setHeader('Location', `/api/operators/${view.id}`).json(view);
  },
});

export const getOperatorRoute = defineRoute<{ id: string }>({
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
    const { view, etag } = await getOperator(deps.dataSource.manager, Number(params.id));
    res.setHeader('ETag', etag).json(view);
  },
});

export const patchOperatorRoute = defineRoute<{ id: string }, Record<string, never>, Partial<OperatorInput>>({
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
    const { view, etag } = await inTransaction(deps.dataSource, (tx) =>
      updateOperator(tx, Number(params.id), body, actor, precondition),
    );
    res.setHeader('ETag', etag).json(view);
  },
});

export const operatorRoutes = [listOperatorsRoute, createOperatorRoute, getOperatorRoute, patchOperatorRoute];
