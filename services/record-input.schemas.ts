import { COMPONENT_STATUSES, OPERATOR_TYPES } from '../lib/vocabulary';

/*
 * The input of a component record as JSON schemas: the API validates its bodies with them and
 * publishes them in the OpenAPI document, and the web form validates what it built from the
 * form fields with the very same schema, so both refuse the same records.
 */

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

/** The fields of a component record a writer sends. */
export const recordInputProperties = {
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
