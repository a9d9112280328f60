/** JSON schemas of the Leistungen and FIM read API; the OpenAPI document publishes the same objects. */
import { paginationProperties } from './common.schemas';

const localized = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: 'Text je Sprache (Schlüssel: Sprachcode wie de, en)',
} as const;

const gueltigkeit = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    properties: { beginn: { type: 'string' }, ende: { type: 'string' } },
  },
} as const;

/** A Leistung in lists. */
export const leistungSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['schluessel', 'name', 'typisierung', 'typisierungSource', 'ozgId', 'inCatalogue', 'fromFim', 'active'],
  properties: {
    schluessel: { type: 'string', pattern: '^\\d{14}$', description: 'Leistungsschlüssel (14 Ziffern)' },
    name: { type: 'string' },
    typisierung: { type: ['string', 'null'], description: 'z. B. 2/3 oder 1, 4' },
    typisierungSource: {
      type: ['string', 'null'],
      enum: ['fim', 'catalogue', null],
      description: 'fim: aus einer XZuFi-Beschreibung; catalogue: LeiKa-Typ des OZG-Katalogs',
    },
    ozgId: { type: ['integer', 'null'] },
    inCatalogue: { type: 'boolean' },
    fromFim: { type: 'boolean', description: 'von mindestens einer aktiven FIM-Beschreibung beschrieben' },
    active: { type: 'boolean' },
  },
} as const;

const fimDescriptionSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'redaktion',
    'fimId',
    'active',
    'primary',
    'leistungsschluessel',
    'bezeichnung',
    'bezeichnung2',
    'kurztext',
    'textmodule',
    'typisierung',
    'leistungsadressat',
    'vertrauensniveau',
    'gueltigkeit',
    'versionsinformation',
    'xzufiVersion',
    'updatedAt',
    'deactivatedAt',
  ],
  properties: {
    redaktion: { type: 'string', description: 'schemeAgencyID der Redaktion' },
    fimId: { type: 'string' },
    active: { type: 'boolean', description: 'false nach loesche' },
    primary: { type: 'boolean', description: 'dieser Schlüssel ist der erste (primäre) der Beschreibung' },
    leistungsschluessel: { type: 'array', items: { type: 'string' } },
    bezeichnung: localized,
    bezeichnung2: localized,
    kurztext: localized,
    textmodule: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'texte'],
        properties: { code: { type: 'string' }, texte: localized },
      },
    },
    typisierung: { type: 'array', items: { type: 'string' } },
    leistungsadressat: { type: 'array', items: { type: 'string' } },
    vertrauensniveau: { type: ['string', 'null'] },
    gueltigkeit,
    versionsinformation: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
    xzufiVersion: { type: 'string' },
    updatedAt: { type: 'string', format: 'date-time' },
    deactivatedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

/** A Leistung with its OZG-Leistung, FIM descriptions, Onlinedienste and schemas. */
export const leistungDetailSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    ...leistungSummarySchema.required,
    'name2',
    'shortText',
    'vertrauensniveau',
    'legalBasis',
    'sdgRelevant',
    'ozg',
    'fimDescriptions',
    'onlinedienste',
    'schemas',
  ],
  properties: {
    ...leistungSummarySchema.properties,
    name2: { type: ['string', 'null'] },
    shortText: { type: ['string', 'null'] },
    vertrauensniveau: { type: ['string', 'null'] },
    legalBasis: { type: ['string', 'null'] },
    sdgRelevant: { type: ['boolean', 'null'] },
    ozg: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['ozgId', 'name', 'themenfeld', 'lebenslage', 'edition', 'active'],
      properties: {
        ozgId: { type: 'integer' },
        name: { type: 'string' },
        themenfeld: { type: ['string', 'null'] },
        lebenslage: { type: ['string', 'null'] },
        edition: { type: 'string', description: 'Katalogausgabe, z. B. OZG-Umsetzungskatalog 2019' },
        active: { type: 'boolean' },
      },
    },
    fimDescriptions: { type: 'array', items: fimDescriptionSchema },
    onlinedienste: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['redaktion', 'fimId', 'name', 'urls', 'active'],
        properties: {
          redaktion: { type: 'string' },
          fimId: { type: 'string' },
          name: { type: ['string', 'null'] },
          urls: { type: 'array', items: { type: 'string' } },
          active: { type: 'boolean' },
        },
      },
    },
    schemas: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'version', 'name', 'status', 'foundIn'],
        properties: {
          id: { type: 'string' },
          version: { type: ['string', 'null'] },
          name: { type: ['string', 'null'] },
          status: { type: ['string', 'null'] },
          foundIn: { type: 'string', description: 'Textfeld, in dem der Schlüssel gefunden wurde' },
        },
      },
    },
  },
} as const;

/** Query of `GET /api/leistungen`. */
export const leistungListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: 'Ziffern: Anfang des Leistungsschlüssels; sonst Teil des Namens (ohne Rücksicht auf Umlaute)',
    },
    typisierung: { type: 'string', pattern: '^[0-9a-z/]{1,6}$', description: 'ein Typ, z. B. 3, 2/3, 4a' },
    ozgId: { type: 'integer', minimum: 1, description: 'nur Leistungen dieser OZG-Leistung' },
    ...paginationProperties,
  },
} as const;

/** Path of `GET /api/leistungen/{schluessel}`. */
export const leistungParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['schluessel'],
  properties: { schluessel: { type: 'string', pattern: '^\\d{14}$', description: 'Leistungsschlüssel' } },
} as const;

const fimIdProperty = {
  type: 'string',
  pattern: '^[A-Z]\\d{2,20}$',
  description: 'FIM-ID, z. B. S00000000364 (Schema), G60000000088 (Gruppe), F60000000319 (Feld)',
} as const;

/** Path of `GET /api/fim/schemas/{id}`. */
export const fimIdParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: fimIdProperty },
} as const;

/** Path of `GET /api/fim/schemas/{id}/{version}`. */
export const fimVersionParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version'],
  properties: {
    id: fimIdProperty,
    version: {
      type: 'string',
      pattern: '^(-|\\d+(\\.\\d+){0,3})$',
      description: 'Version wie importiert (1.0, 1.2.0); `-` für ein XDatenfelder-2.0-Element ohne Version',
    },
  },
} as const;

const status = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['list', 'code', 'label'],
  properties: {
    list: { type: 'string', description: 'freigabestatus (3.0) oder status (2.0)' },
    code: { type: 'string' },
    label: { type: ['string', 'null'] },
  },
} as const;

const versionProperties = {
  id: { type: 'string' },
  kind: { type: 'string', enum: ['stammdatenschema', 'datenfeldgruppe', 'datenfeld', 'regel'] },
  version: { type: ['string', 'null'] },
  name: { type: ['string', 'null'] },
  xdfVersion: { type: 'string', enum: ['2.0', '3.0.0'] },
  status,
  importedAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;
const versionRequired = ['id', 'kind', 'version', 'name', 'xdfVersion', 'status', 'importedAt', 'updatedAt'];

/** Every stored version of an element. */
export const fimVersionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'versions'],
  properties: {
    id: { type: 'string' },
    versions: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: versionRequired, properties: versionProperties },
    },
  },
} as const;

const treeElement = {
  type: 'object',
  additionalProperties: false,
  required: [...versionRequired, 'key', 'content', 'children'],
  properties: {
    ...versionProperties,
    key: { type: 'string', description: 'id@version (ohne Version: id); Verweise in children zeigen darauf' },
    content: { type: 'object', description: 'Alles Weitere aus der Nachricht (Texte, Feldart, Datentyp, Codeliste …)' },
    children: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'anzahl', 'min', 'max', 'bezug'],
        properties: {
          key: { type: 'string' },
          anzahl: { type: 'string', description: 'wie angegeben, z. B. 0:1, 1:*' },
          min: { type: ['integer', 'null'] },
          max: { type: ['integer', 'null'], description: 'null: unbegrenzt (*)' },
          bezug: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['text'],
              properties: { text: { type: 'string' }, link: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;

/** One version with its whole tree, each contained element listed once. */
export const fimTreeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['root', 'elements', 'leistungsschluessel', 'counts'],
  properties: {
    root: treeElement,
    elements: { type: 'array', items: treeElement },
    leistungsschluessel: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['schluessel', 'source', 'field'],
        properties: { schluessel: { type: 'string' }, source: { type: 'string' }, field: { type: 'string' } },
      },
    },
    counts: {
      type: 'object',
      additionalProperties: false,
      required: ['gruppen', 'felder'],
      properties: { gruppen: { type: 'integer' }, felder: { type: 'integer' } },
    },
  },
} as const;
