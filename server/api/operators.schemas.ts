/** JSON schemas of the operator routes (`operators.routes.ts`). */
import { webUrlSchema } from '../../lib/url';
import { OPERATOR_TYPES } from '../../lib/vocabulary';

const landKeys = {
  type: 'array',
  maxItems: 16,
  uniqueItems: true,
  items: { type: 'string', pattern: '^\\d{2}$' },
} as const;
/** Written Land keys: the sixteen Länder only (an editor's also within the scope, see the service). */
const landKeysInput = { ...landKeys, items: { type: 'string', pattern: '^(0[1-9]|1[0-6])$' } } as const;
/** Fields a client may write. */
export const writableProperties = {
  name: { type: 'string', minLength: 2, maxLength: 200 },
  shortName: { type: ['string', 'null'], maxLength: 60 },
  type: { type: 'string', enum: [...OPERATOR_TYPES] },
  website: { ...webUrlSchema(300), type: ['string', 'null'] },
  landKeys: landKeysInput,
  note: { type: ['string', 'null'], maxLength: 2000 },
} as const;

/** An operator as the API shows it (`OperatorView`). */
export const operatorSchema = {
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

/** `{id}` of `/api/operators/{id}`. */
export const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[1-9]\\d{0,9}$' } },
} as const;

/** Body of `POST /api/operators/{id}/merge`. */
export const mergeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['into'],
  properties: {
    into: { type: 'integer', minimum: 1, maximum: 2147483647, description: 'Nummer des Betreibers, der bleibt' },
  },
} as const;

/** Answer of a merge: the operator that stays, the one merged into it, what moved. */
export const mergeResultSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['operator', 'merged', 'movedRecords', 'municipalities'],
  properties: {
    operator: operatorSchema,
    merged: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name'],
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
    },
    movedRecords: { type: 'integer' },
    municipalities: { type: 'integer' },
  },
} as const;
