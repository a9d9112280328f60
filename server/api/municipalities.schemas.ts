import { COMPONENT_STATUSES, OPERATOR_TYPES } from '../../lib/vocabulary';
import { landscapeInputSchema, operatorRefSchema, recordInputSchema } from '../../services/record-input.schemas';
import { regionSchema } from './common.schemas';

export { landscapeInputSchema, operatorRefSchema, recordInputSchema };

const nullableDate = { type: ['string', 'null'], format: 'date' } as const;

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
