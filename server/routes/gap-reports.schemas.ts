/** JSON schemas of the OZG gap report API; the OpenAPI document publishes the same objects. */
import { GAP_AREA_PATTERN } from '../../reports/ozg/gap-area';

const count = { type: 'integer', minimum: 0 } as const;
const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;

const targetProperty = {
  type: 'string',
  pattern: '^((RGM-1\\.1|RGM-2\\.0):)?\\d$',
  default: 'RGM-1.1:3',
  description: 'Ziel-Reifegrad: Stufe (Modell 1.1) oder Modell:Stufe, z. B. RGM-1.1:3 (Standard) oder RGM-2.0:4',
} as const;

const formatProperty = {
  type: 'string',
  enum: ['json', 'csv', 'xlsx'],
  default: 'json',
  description: 'json, oder csv/xlsx als Download (deutsche Spaltenköpfe, CSV mit BOM)',
} as const;

const filterProperties = {
  themenfeld: {
    type: 'string',
    minLength: 1,
    maxLength: 120,
    description: 'Themenfeld (Nummer oder Name laut Katalog)',
  },
  lebenslage: {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    description: 'Lebenslage (Nummer oder Name laut Katalog)',
  },
  ozgId: { type: 'integer', minimum: 1, description: 'nur diese OZG-Leistung' },
} as const;

/** Query of `GET /api/reports/gaps`. */
export const gapQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['area'],
  properties: {
    area: {
      type: 'string',
      pattern: GAP_AREA_PATTERN,
      description: 'DE, Land (2 Ziffern), Regierungsbezirk (3), Kreis (5) oder Gemeinde (AGS, 8)',
    },
    target: targetProperty,
    ...filterProperties,
    format: formatProperty,
  },
} as const;

/** Query of `GET /api/reports/attainable`. */
export const attainableQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ags'],
  properties: {
    ags: {
      type: 'string',
      pattern: '^(\\d{5}|\\d{8}|\\d{9})$',
      description: 'Gemeinde (AGS, 8 Ziffern), Gemeindeverband (9) oder Landkreis (5)',
    },
    target: targetProperty,
    ...filterProperties,
    format: formatProperty,
  },
} as const;

/** Query of `GET /api/reports/gaps/history`. */
export const gapHistoryQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['area'],
  properties: {
    area: gapQuerySchema.properties.area,
    target: targetProperty,
    ozgId: filterProperties.ozgId,
  },
} as const;

const targetSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['model', 'level', 'label', 'text'],
  properties: { model: text, level: count, label: text, text },
} as const;

const catalogueSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['edition', 'note'],
  properties: { edition: text, note: text },
} as const;

const sourcesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['zustaendigkeit', 'regel', 'typisierung'],
  properties: { zustaendigkeit: count, regel: count, typisierung: count },
} as const;

const ozgGapSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'ozgId',
    'name',
    'themenfeld',
    'lebenslage',
    'leistungen',
    'responsibleUnits',
    'metUnits',
    'metShare',
    'flaechendeckend',
    'inAtLeastOne',
    'dashboard',
    'responsibilitySources',
    'blockers',
  ],
  properties: {
    ozgId: { type: 'integer' },
    name: text,
    themenfeld: nullableText,
    lebenslage: nullableText,
    leistungen: count,
    responsibleUnits: { ...count, description: 'Einheiten, die für mindestens eine ihrer Leistungen zuständig sind' },
    metUnits: { ...count, description: 'Einheiten, in denen jede zuständige Leistung das Ziel erreicht' },
    metShare: { type: ['number', 'null'] },
    flaechendeckend: { type: 'boolean' },
    inAtLeastOne: { type: 'boolean' },
    dashboard: {
      type: 'object',
      additionalProperties: false,
      required: ['units', 'flaechendeckend', 'inAtLeastOne'],
      properties: { units: count, flaechendeckend: { type: 'boolean' }, inAtLeastOne: { type: 'boolean' } },
    },
    responsibilitySources: sourcesSchema,
    blockers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['criterion', 'label', 'components', 'units'],
        properties: { criterion: text, label: text, components: { type: 'array', items: text }, units: count },
      },
    },
  },
} as const;

/** The gap report of an area. */
export const gapReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['area', 'target', 'catalogue', 'filter', 'totals', 'sources', 'definitions', 'ozgLeistungen'],
  properties: {
    area: {
      type: 'object',
      additionalProperties: false,
      required: ['key', 'kind', 'name', 'label', 'units', 'population'],
      properties: { key: text, kind: text, name: text, label: text, units: count, population: count },
    },
    target: targetSchema,
    catalogue: catalogueSchema,
    filter: {
      type: 'object',
      additionalProperties: false,
      properties: { themenfeld: text, lebenslage: text, ozgId: { type: 'integer' } },
    },
    totals: {
      type: 'object',
      additionalProperties: false,
      required: [
        'ozgLeistungen',
        'relevant',
        'flaechendeckend',
        'inAtLeastOne',
        'dashboardFlaechendeckend',
        'dashboardInAtLeastOne',
        'units',
        'unitsWithComponentData',
        'responsiblePairs',
        'metPairs',
      ],
      properties: {
        ozgLeistungen: count,
        relevant: count,
        flaechendeckend: count,
        inAtLeastOne: count,
        dashboardFlaechendeckend: count,
        dashboardInAtLeastOne: count,
        units: count,
        unitsWithComponentData: count,
        responsiblePairs: count,
        metPairs: count,
      },
    },
    sources: {
      type: 'object',
      additionalProperties: false,
      required: ['responsibility', 'metOfferings'],
      properties: {
        responsibility: sourcesSchema,
        metOfferings: {
          type: 'object',
          additionalProperties: false,
          required: ['manual', 'dashboard', 'fim', 'demo'],
          properties: { manual: count, dashboard: count, fim: count, demo: count },
        },
      },
    },
    definitions: { type: 'array', items: text },
    ozgLeistungen: { type: 'array', items: ozgGapSchema },
    leistungen: {
      type: 'array',
      description: 'nur mit ozgId: die Leistungen dieser OZG-Leistung einzeln',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'schluessel',
          'name',
          'typisierung',
          'typisierungSource',
          'responsibility',
          'responsibleUnits',
          'onlineUnits',
          'metUnits',
        ],
        properties: {
          schluessel: text,
          name: text,
          typisierung: nullableText,
          typisierungSource: { type: ['string', 'null'], enum: ['fim', 'catalogue', null] },
          responsibility: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['landKey', 'level', 'taskGroup', 'source', 'rule'],
              properties: {
                landKey: text,
                level: text,
                taskGroup: { type: 'string', description: 'Aufgabengruppe einer Gemeinde- oder Kreisaufgabe' },
                source: text,
                rule: {
                  type: ['object', 'null'],
                  additionalProperties: false,
                  required: ['id', 'reason', 'source'],
                  description: 'die Zuständigkeitsregel, auf der die Zuordnung beruht',
                  properties: { id: { type: 'integer' }, reason: text, source: text },
                },
              },
            },
          },
          responsibleUnits: count,
          onlineUnits: count,
          metUnits: count,
        },
      },
    },
  },
} as const;

const capSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['components', 'criterion', 'label', 'cap', 'assumed'],
  properties: {
    components: { type: 'array', items: text },
    criterion: text,
    label: text,
    cap: count,
    assumed: { type: 'boolean', description: 'beruht auf einer Annahme (Gebührenpflicht unbekannt)' },
  },
} as const;

const unitLeistungSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'schluessel',
    'name',
    'ozgId',
    'typisierung',
    'responsible',
    'carriedBy',
    'responsibility',
    'offering',
    'meetsTarget',
    'attainable',
    'reasons',
    'reuse',
  ],
  properties: {
    schluessel: text,
    name: text,
    ozgId: { type: 'integer' },
    typisierung: nullableText,
    responsible: { type: 'boolean' },
    carriedBy: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['key', 'name'],
      description: 'der Gemeindeverband, der die Leistung für diese Mitgliedsgemeinde ausführt',
      properties: { key: text, name: text },
    },
    responsibility: {
      type: 'object',
      additionalProperties: false,
      required: ['level', 'levelLabel', 'taskGroup', 'source', 'reason', 'legalSource'],
      properties: {
        level: text,
        levelLabel: text,
        taskGroup: { type: 'string' },
        source: text,
        reason: nullableText,
        legalSource: { ...nullableText, description: 'Rechtsgrundlage bzw. Quelle der Regel' },
      },
    },
    offering: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['status', 'url', 'level', 'recorded', 'source', 'inheritedFrom'],
      properties: {
        status: text,
        url: nullableText,
        level: { type: ['integer', 'null'] },
        recorded: {
          type: 'object',
          additionalProperties: false,
          required: ['model', 'level'],
          properties: { model: nullableText, level: { type: ['integer', 'null'] } },
        },
        source: text,
        inheritedFrom: {
          type: ['object', 'null'],
          additionalProperties: false,
          required: ['key', 'name'],
          properties: { key: text, name: text },
        },
      },
    },
    meetsTarget: { type: 'boolean' },
    attainable: {
      type: 'object',
      additionalProperties: false,
      required: ['level', 'caps'],
      properties: { level: count, caps: { type: 'array', items: capSchema } },
    },
    reasons: { type: 'array', items: text },
    reuse: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'key', 'name', 'url', 'level'],
        properties: {
          kind: { type: 'string', enum: ['nachbar', 'kreis', 'land'] },
          key: text,
          name: text,
          url: nullableText,
          level: { type: ['integer', 'null'] },
        },
      },
    },
  },
} as const;

/** The report of one unit. */
export const unitReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'unit',
    'target',
    'catalogue',
    'componentsInUse',
    'componentSources',
    'totals',
    'unlocks',
    'ozgLeistungen',
    'leistungen',
    'definitions',
  ],
  properties: {
    unit: {
      type: 'object',
      additionalProperties: false,
      required: ['key', 'name', 'kind', 'kindLabel', 'landKey', 'kreisKey', 'verband'],
      properties: {
        key: text,
        name: text,
        kind: text,
        kindLabel: text,
        landKey: text,
        kreisKey: nullableText,
        verband: {
          type: ['object', 'null'],
          additionalProperties: false,
          required: ['key', 'name'],
          description: 'der Gemeindeverband, der die Gemeinde verwaltet',
          properties: { key: text, name: text },
        },
      },
    },
    target: targetSchema,
    catalogue: catalogueSchema,
    componentsInUse: { type: 'array', items: text, description: 'eigene und vom Gemeindeverband übernommene' },
    componentSources: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['component', 'inheritedFrom'],
        properties: {
          component: text,
          inheritedFrom: {
            type: ['object', 'null'],
            additionalProperties: false,
            required: ['key', 'name', 'via'],
            description:
              'null: eigener Eintrag; sonst der Gemeindeverband oder der Landkreis, der sie für die Einheit betreibt',
            properties: { key: text, name: text, via: { type: 'string', enum: ['verband', 'kreis'] } },
          },
        },
      },
    },
    totals: {
      type: 'object',
      additionalProperties: false,
      required: ['responsible', 'meetsTarget', 'attainable', 'online', 'carriedByVerband'],
      properties: {
        responsible: count,
        meetsTarget: count,
        attainable: count,
        online: count,
        carriedByVerband: { ...count, description: 'Leistungen, die der Gemeindeverband für die Gemeinde ausführt' },
      },
    },
    unlocks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['component', 'label', 'leistungen', 'raised', 'ozgLeistungen', 'sentence'],
        properties: {
          component: text,
          label: text,
          leistungen: count,
          raised: count,
          ozgLeistungen: count,
          sentence: text,
        },
      },
    },
    ozgLeistungen: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['ozgId', 'name', 'responsible', 'carried', 'met', 'fulfilled', 'dashboard'],
        properties: {
          ozgId: { type: 'integer' },
          name: text,
          responsible: count,
          carried: { ...count, description: 'Leistungen, die der Gemeindeverband für die Gemeinde ausführt' },
          met: count,
          fulfilled: { type: 'boolean' },
          dashboard: { type: 'boolean' },
        },
      },
    },
    leistungen: { type: 'array', items: unitLeistungSchema },
    definitions: { type: 'array', items: text },
  },
} as const;

/** The monthly trend of an area. */
export const gapHistorySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['area', 'target', 'months'],
  properties: {
    area: text,
    target: text,
    months: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['month', 'takenAt', 'edition', 'totals'],
        properties: {
          month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
          takenAt: { type: 'string', format: 'date-time' },
          edition: text,
          totals: { type: 'object', additionalProperties: { type: 'number' } },
          ozg: {
            type: ['object', 'null'],
            additionalProperties: false,
            required: ['responsibleUnits', 'metUnits', 'dashboardUnits'],
            properties: { responsibleUnits: count, metUnits: count, dashboardUnits: count },
          },
        },
      },
    },
  },
} as const;
