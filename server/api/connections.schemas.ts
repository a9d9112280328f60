import { CONNECTION_STATUSES, SERVICE_CODE_PATTERN, SERVICE_KINDS } from '../../lib/connections';
import { MATURITY_MODELS } from '../../lib/maturity';

const nullableText = { type: ['string', 'null'] } as const;

/** A connectable service in responses (`services/connectable-services.ts#ConnectableServiceView`). */
export const connectableServiceSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'code',
    'name',
    'kind',
    'kindLabel',
    'components',
    'ozgIds',
    'landKeys',
    'operator',
    'url',
    'maturity',
    'source',
    'note',
    'active',
  ],
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string', enum: [...SERVICE_KINDS] },
    kindLabel: { type: 'string' },
    components: {
      type: 'array',
      items: { type: 'string' },
      description: 'Codes der Basiskomponenten, die der Dienst stellt',
    },
    ozgIds: { type: 'array', items: { type: 'integer' }, description: 'OZG-Leistungen, die ein EfA-Dienst abdeckt' },
    landKeys: {
      type: 'array',
      items: { type: 'string', pattern: '^\\d{2}$' },
      description: 'Länder, in denen Kommunen sich anschließen können; leer: ganz Deutschland',
    },
    operator: { type: 'string' },
    url: nullableText,
    maturity: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['model', 'level'],
      properties: { model: { type: 'string', enum: [...MATURITY_MODELS] }, level: { type: 'integer' } },
    },
    source: { type: 'string', description: 'Öffentliche Quelle(n) der Angaben' },
    note: nullableText,
    active: { type: 'boolean', description: 'false: abgelöst oder abgeschaltet, kein neuer Anschluss möglich' },
  },
} as const;

/** One connection of a municipality in responses. */
export const connectionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['service', 'serviceName', 'status', 'statusLabel', 'note', 'updatedAt', 'updatedBy'],
  properties: {
    service: { type: 'string' },
    serviceName: { type: 'string' },
    status: { type: 'string', enum: [...CONNECTION_STATUSES] },
    statusLabel: { type: 'string' },
    note: nullableText,
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
  },
} as const;

/** `GET /api/municipalities/{ags}/connections`. */
export const municipalityConnectionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['municipality', 'services'],
  properties: {
    municipality: {
      type: 'object',
      additionalProperties: false,
      required: ['key', 'name', 'landKey'],
      properties: { key: { type: 'string' }, name: { type: 'string' }, landKey: { type: 'string' } },
    },
    services: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['service', 'connection'],
        properties: {
          service: connectableServiceSchema,
          connection: { oneOf: [{ type: 'null' }, connectionSchema] },
        },
      },
    },
  },
} as const;

/** Body of `PUT /api/municipalities/{ags}/connections/{service}`. */
export const connectionInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    status: {
      type: 'string',
      enum: [...CONNECTION_STATUSES],
      description: 'interest (Interesse), contract (Vertrag geschlossen), test (im Test), live (in Betrieb)',
    },
    note: { type: ['string', 'null'], maxLength: 2000 },
  },
} as const;

/** Path of one connection: the municipality and the service code. */
export const connectionParams = {
  type: 'object',
  required: ['ags', 'service'],
  additionalProperties: false,
  properties: {
    ags: { type: 'string', pattern: '^(\\d{5}|\\d{8}|\\d{9}|\\d{12})$' },
    service: { type: 'string', pattern: SERVICE_CODE_PATTERN, description: 'Code des anschließbaren Dienstes' },
  },
} as const;

/** Query of `GET /api/connectable-services`. */
export const connectableServicesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    land: {
      type: 'string',
      pattern: '^(0[1-9]|1[0-6])$',
      description: 'Nur die in diesem Land aktiv angebotenen Dienste (Landesschlüssel, 2 Ziffern)',
    },
  },
} as const;
