import { REGION_LEVELS } from '../../lib/keys';
import type { JsonSchema } from '../../lib/validation';

/** `limit` and `cursor` for keyset-paginated lists. */
export const paginationProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50, description: 'Einträge pro Seite' },
  cursor: { type: 'string', maxLength: 500, description: 'nextCursor der vorherigen Seite' },
} as const;

/** Wraps an item schema into a page: `{ items, nextCursor }`. */
export function pageOf(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: item },
      nextCursor: { type: ['string', 'null'] },
    },
  };
}

/** A municipality key in a path: AGS (8), Kreis (5), Gemeindeverband (9) or ARS (12). */
export const municipalityKeyParams = {
  type: 'object',
  required: ['ags'],
  additionalProperties: false,
  properties: {
    ags: {
      type: 'string',
      pattern: '^(\\d{5}|\\d{8}|\\d{9}|\\d{12})$',
      description: 'AGS einer Gemeinde (8 Ziffern), Kreisschlüssel (5), Gemeindeverband (9) oder ARS (12)',
    },
  },
} as const;

/** A region as returned by the API. */
export const regionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'level', 'name', 'landKey', 'current', 'gebietsstand'],
  properties: {
    key: { type: 'string' },
    level: { type: 'string', enum: [...REGION_LEVELS] },
    name: { type: 'string' },
    type: { type: ['string', 'null'] },
    textCode: { type: ['string', 'null'] },
    ars: { type: ['string', 'null'] },
    seat: { type: ['string', 'null'] },
    parentKey: { type: ['string', 'null'] },
    landKey: { type: 'string' },
    regierungsbezirkKey: { type: ['string', 'null'] },
    kreisKey: { type: ['string', 'null'] },
    gemeindeverbandKey: { type: ['string', 'null'] },
    population: { type: ['integer', 'null'] },
    areaHa: { type: ['integer', 'null'] },
    postcode: { type: ['string', 'null'] },
    unincorporated: { type: 'boolean' },
    current: { type: 'boolean' },
    gebietsstand: { type: 'string', format: 'date' },
    retiredGebietsstand: { type: ['string', 'null'], format: 'date' },
    successorKey: { type: ['string', 'null'] },
  },
} as const;

/** RFC 9457 problem details, as every error response carries. */
export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['detail'],
        properties: {
          detail: { type: 'string' },
          pointer: { type: 'string' },
          parameter: { type: 'string' },
          row: { type: 'integer' },
          column: { type: 'string' },
        },
      },
    },
  },
} as const;
