import { MATURITY_MODELS, OFFERING_SOURCES, OFFERING_STATUSES } from '../../lib/maturity';
import { regionSchema } from './common.schemas';
import { WEB_URL_PATTERN } from '../../lib/url';

const level = { type: 'integer', minimum: 0, maximum: 7 } as const;
const criterionName = { pattern: '^[a-z0-9-]{1,40}$' } as const;

/** A Reifegrad in requests: the model, and the level or the level per criterion (or both). */
const maturityInputSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['model'],
  properties: {
    model: { type: 'string', enum: [...MATURITY_MODELS] },
    level: { ...level, description: 'Gesamtstufe; ohne Angabe die niedrigste Kriterienstufe' },
    criteria: {
      type: 'object',
      propertyNames: criterionName,
      additionalProperties: level,
      maxProperties: 20,
      description: 'Stufe je Kriterium (nutzerkonto, bezahlprozess …); das niedrigste bestimmt den Reifegrad',
    },
  },
  description: 'RGM-1.1: Stufen 0–4, RGM-2.0: 0–7. Eine Gesamtstufe über dem niedrigsten Kriterium ist ein Fehler.',
} as const;

/** Body of `PUT /api/municipalities/{ags}/offerings/{schluessel}`. */
export const offeringInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    url: {
      type: ['string', 'null'],
      maxLength: 1000,
      format: 'uri',
      pattern: WEB_URL_PATTERN,
      description: 'Adresse des Online-Angebots (http oder https)',
    },
    status: { type: 'string', enum: [...OFFERING_STATUSES] },
    maturity: maturityInputSchema,
    flaechendeckend: { type: 'boolean', description: 'Angebot gilt für das ganze Gebiet; Standard false' },
    note: { type: ['string', 'null'], maxLength: 2000 },
  },
} as const;

/** One offering in responses. */
export const offeringSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'leistung',
    'source',
    'url',
    'status',
    'statusLabel',
    'maturity',
    'flaechendeckend',
    'coverageRaw',
    'note',
    'sourceRef',
    'updatedAt',
  ],
  properties: {
    leistung: {
      type: 'object',
      additionalProperties: false,
      required: ['schluessel', 'name', 'ozgId'],
      properties: {
        schluessel: { type: 'string', pattern: '^\\d{14}$' },
        name: { type: 'string' },
        ozgId: { type: ['integer', 'null'] },
      },
    },
    source: { type: 'string', enum: [...OFFERING_SOURCES] },
    url: { type: ['string', 'null'] },
    status: { type: 'string', enum: [...OFFERING_STATUSES] },
    statusLabel: { type: 'string' },
    maturity: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['model', 'level', 'criteria'],
      properties: {
        model: { type: 'string', enum: [...MATURITY_MODELS] },
        level: { type: ['integer', 'null'] },
        criteria: { type: ['object', 'null'], additionalProperties: { type: 'integer' } },
      },
    },
    flaechendeckend: { type: 'boolean' },
    coverageRaw: { type: ['string', 'null'], description: 'Flächendeckung, wie die Quelle sie schrieb' },
    note: { type: ['string', 'null'] },
    sourceRef: { type: ['string', 'null'], description: 'Herkunft in der Quelle, z. B. der FIM-Onlinedienst' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** All offerings of a municipality in responses. */
export const offeringListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['municipality', 'offerings'],
  properties: {
    municipality: regionSchema,
    offerings: { type: 'array', items: offeringSchema },
  },
} as const;

/** Path parameters for one Leistung of one municipality. */
export const offeringParams = {
  type: 'object',
  required: ['ags', 'schluessel'],
  additionalProperties: false,
  properties: {
    ags: {
      type: 'string',
      pattern: '^(\\d{5}|\\d{8}|\\d{9}|\\d{12})$',
      description: 'AGS einer Gemeinde (8 Ziffern), Kreisschlüssel (5), Gemeindeverband (9) oder ARS (12)',
    },
    schluessel: { type: 'string', pattern: '^\\d{14}$', description: 'Leistungsschlüssel (14 Ziffern)' },
  },
} as const;
