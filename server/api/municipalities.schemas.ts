import { COMPONENT_STATUSES, OPERATOR_TYPES } from '../../lib/vocabulary';
import { regionSchema } from './common.schemas';

const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;
const nullableDate = { type: ['string', 'null'], format: 'date' } as const;

/** A reference to an operator by name; a new name needs a type. */
export const operatorRefSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    name: { type: ['string', 'null'], minLength: 1, maxLength: 200 },
    type: { type: ['string', 'null'], enum: [...OPERATOR_TYPES, null] },
    createNew: {
      type: 'boolean',
      description:
        'true: einen neuen Betreiber anlegen, obwohl ein erfasster ähnlich heißt (sonst 422 mit „candidates“)',
    },
  },
  description:
    'Betreiber nach Name (oder Kurzname). Ein noch unbekannter Name braucht einen Typ und wird angelegt; ' +
    'ähnelt er einem erfassten Betreiber (Kurzname, Anfang, Abkürzung, Tippfehler), antwortet die API 422 ' +
    'mit den Kandidaten („Meinten Sie …?“), bis createNew: true die Neuanlage bestätigt. ' +
    'Typ own-it ohne Namen steht für die eigene IT-Abteilung der Kommune.',
} as const;

const recordInputProperties = {
  status: { type: 'string', enum: [...COMPONENT_STATUSES] },
  operator: operatorRefSchema,
  product: nullableText(200),
  validFrom: nullableDate,
  validTo: nullableDate,
  note: nullableText(2000),
  servesMembers: {
    type: 'boolean',
    description: 'nur bei einem Landkreis: er betreibt die Komponente auch für seine Gemeinden (zählt dann für sie)',
  },
} as const;

/** Body of `PUT /api/municipalities/{ags}/components/{code}`. */
export const recordInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: recordInputProperties,
} as const;

/** Body of `PUT /api/municipalities/{ags}/components`: the whole landscape. */
export const landscapeInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['components'],
  properties: {
    components: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['component', 'status'],
        properties: {
          component: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' },
          ...recordInputProperties,
        },
      },
    },
  },
} as const;

/** One component record in responses. */
export const recordSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'component',
    'componentLabel',
    'status',
    'statusLabel',
    'operator',
    'servesMembers',
    'source',
    'updatedAt',
  ],
  properties: {
    component: { type: 'string' },
    componentLabel: { type: 'string' },
    status: { type: 'string', enum: [...COMPONENT_STATUSES] },
    statusLabel: { type: 'string' },
    operator: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['id', 'name', 'type'],
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        type: { type: 'string', enum: [...OPERATOR_TYPES] },
      },
    },
    product: { type: ['string', 'null'] },
    validFrom: nullableDate,
    validTo: nullableDate,
    note: { type: ['string', 'null'] },
    servesMembers: { type: 'boolean' },
    source: { type: 'string' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** A municipality's landscape in responses. */
export const landscapeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['municipality', 'components', 'missingComponents'],
  properties: {
    municipality: regionSchema,
    components: { type: 'array', items: recordSchema },
    missingComponents: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** One audit event in responses. */
export const auditEventSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'occurredAt', 'actor', 'actorKind', 'requestId', 'action', 'entityType', 'entityKey'],
  properties: {
    id: { type: 'integer' },
    occurredAt: { type: 'string', format: 'date-time' },
    actor: { type: 'string' },
    actorKind: { type: 'string' },
    requestId: { type: ['string', 'null'] },
    action: { type: 'string' },
    entityType: { type: 'string' },
    entityKey: { type: 'string' },
    importRunId: { type: ['integer', 'null'] },
    before: {},
    after: {},
  },
} as const;

/** Path parameters for one component of one municipality. */
export const recordParams = {
  type: 'object',
  required: ['ags', 'code'],
  additionalProperties: false,
  properties: {
    ags: { type: 'string', pattern: '^(\\d{5}|\\d{8}|\\d{9}|\\d{12})$' },
    code: { type: 'string', pattern: '^[a-z0-9-]{1,40}$', description: 'Code der Basiskomponente' },
  },
} as const;
