/** JSON schemas of the OZG gap report API; the OpenAPI document publishes the same objects. */
import { GAP_AREA_PATTERN } from '../../reports/gaps/area';

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
  fokus: {
    type: 'boolean',
    description: 'true: nur Fokusleistungen, false: nur die übrigen (Markierung aus dem Katalogimport, Spalte fokus)',
  },
  efa: {
    type: 'boolean',
    description: 'true: nur EfA-Leistungen, false: nur die übrigen (Markierung aus dem Katalogimport, Spalte efa)',
  },
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

const unmetSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['blocked', 'noData', 'unknownRequirement', 'offeringMissing'],
  description:
    'unter dem Ziel, nach dem, was zurückhält: Komponente fehlt laut Angaben, keine Angaben, unbekannte Gebühr bzw. ' +
    'unbekanntes Vertrauensniveau, Angebot fehlt (jede Einheit bzw. jedes Paar genau einmal)',
  properties: { blocked: count, noData: count, unknownRequirement: count, offeringMissing: count },
} as const;

const requirementsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['feeBearing', 'feeOrigin', 'vertrauensniveau', 'trustOrigin'],
  description: 'Gebührenpflicht und Vertrauensniveau (null: unbekannt) und woher sie stammen (regel, leistungsdaten)',
  properties: {
    feeBearing: { type: ['boolean', 'null'] },
    feeOrigin: { type: ['string', 'null'], enum: ['regel', 'leistungsdaten', null] },
    vertrauensniveau: nullableText,
    trustOrigin: { type: ['string', 'null'], enum: ['regel', 'leistungsdaten', null] },
  },
} as const;

const relevanceRuleSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['id', 'reason', 'source'],
  description: 'das Leistungsmerkmal, das über die Online-Relevanz entscheidet',
  properties: { id: { type: 'integer' }, reason: text, source: text },
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
    'inPersonLeistungen',
    'unmetUnits',
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
    inPersonLeistungen: { ...count, description: 'Leistungen nur vor Ort: in der strengen Regel nicht mitgezählt' },
    unmetUnits: unmetSchema,
    blockers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'criterion',
          'label',
          'components',
          'units',
          'noDataUnits',
          'unknownRequirementUnits',
          'connectable',
        ],
        properties: {
          criterion: text,
          label: text,
          components: { type: 'array', items: text },
          units: { ...count, description: 'Einheiten, denen die Komponenten laut Angaben fehlen' },
          noDataUnits: { ...count, description: 'Einheiten ohne Angaben zu diesen Komponenten' },
          unknownRequirementUnits: {
            ...count,
            description: 'Einheiten ohne die Komponenten, bei denen unbekannt ist, ob die Leistung sie braucht',
          },
          connectable: {
            type: 'array',
            description:
              'Dienste, an die sich die Einheiten anschließen können, statt die Komponente selbst zu betreiben',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['code', 'name', 'kind'],
              properties: { code: text, name: text, kind: { type: 'string', enum: ['bund', 'land', 'efa'] } },
            },
          },
        },
      },
    },
  },
} as const;

/** The gap report of an area. */
export const gapReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'area',
    'target',
    'catalogue',
    'filter',
    'totals',
    'sources',
    'definitions',
    'ozgLeistungen',
    'combinations',
  ],
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
      properties: {
        themenfeld: text,
        lebenslage: text,
        ozgId: { type: 'integer' },
        fokus: { type: 'boolean' },
        efa: { type: 'boolean' },
      },
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
        'componentDataShare',
        'responsiblePairs',
        'metPairs',
        'unmetPairs',
        'inPersonLeistungen',
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
        componentDataShare: { type: ['number', 'null'] },
        responsiblePairs: count,
        metPairs: count,
        unmetPairs: unmetSchema,
        inPersonLeistungen: count,
        onlineWithoutMaturityPairs: {
          type: 'integer',
          minimum: 0,
          description: 'zuständige Paare, die nur ohne Reifegrad online sind: Dashboard-Regel ja, Reifegrad-Ziel nein',
        },
      },
    },
    parts: {
      type: 'array',
      description:
        'Deutschland: die Zahlen je Land; Land oder Regierungsbezirk: je Kreis (fehlt bei Kreis und Gemeinde)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'level', 'label', 'units', 'relevant', 'flaechendeckend', 'responsiblePairs', 'metPairs'],
        properties: {
          key: text,
          level: { type: 'string', enum: ['land', 'kreis'] },
          label: text,
          units: count,
          relevant: count,
          flaechendeckend: count,
          responsiblePairs: count,
          metPairs: count,
        },
      },
    },
    combinations: {
      type: 'array',
      description:
        'kleinste Mengen fehlender Komponenten und die Paare (Einheit × Leistung), die sie freischalten würden',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['components', 'labels', 'pairs', 'units'],
        properties: {
          components: { type: 'array', items: text },
          labels: { type: 'array', items: text },
          pairs: count,
          units: count,
        },
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
          required: ['manual', 'dashboard', 'fim', 'demo', 'connection'],
          description: 'erreichte Ziele nach Herkunft des Angebots; connection: Anschluss an einen EfA-Dienst',
          properties: { manual: count, dashboard: count, fim: count, demo: count, connection: count },
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
          'onlineRelevant',
          'relevanceRule',
          'requirements',
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
          onlineRelevant: { type: 'boolean' },
          relevanceRule: relevanceRuleSchema,
          requirements: requirementsSchema,
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
  required: ['components', 'criterion', 'label', 'cap', 'status', 'unknownRequirement'],
  properties: {
    components: { type: 'array', items: text },
    criterion: text,
    label: text,
    cap: count,
    status: {
      type: 'string',
      enum: ['missing', 'no-data', 'requirement-unknown'],
      description:
        'missing: laut Angaben nicht im Einsatz; no-data: keine Angaben; requirement-unknown: ob nötig, ist unbekannt',
    },
    unknownRequirement: { type: ['string', 'null'], enum: ['fee', 'vertrauensniveau', null] },
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
    'onlineRelevant',
    'relevanceRule',
    'requirements',
    'carriedBy',
    'responsibility',
    'offering',
    'meetsTarget',
    'attainable',
    'reasons',
    'reuse',
    'connect',
  ],
  properties: {
    schluessel: text,
    name: text,
    ozgId: { type: 'integer' },
    typisierung: nullableText,
    responsible: { type: 'boolean' },
    onlineRelevant: { type: 'boolean' },
    relevanceRule: relevanceRuleSchema,
    requirements: requirementsSchema,
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
      required: ['level', 'worstCase', 'caps'],
      properties: {
        level: { ...count, description: 'was die Angaben erlauben' },
        worstCase: { ...count, description: 'wenn alles Unbekannte dagegen spricht' },
        caps: { type: 'array', items: capSchema },
      },
    },
    reasons: { type: 'array', items: text },
    reuse: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'key', 'name', 'url', 'level', 'product', 'operator'],
        properties: {
          kind: { type: 'string', enum: ['nachbar', 'kreis', 'land'] },
          key: text,
          name: text,
          url: { ...nullableText, description: 'nur beim Angebot eines Kreises oder Landes' },
          level: { type: ['integer', 'null'] },
          product: { ...nullableText, description: 'Formularserver-Produkt der anbietenden Einheit' },
          operator: nullableText,
        },
      },
    },
    connect: {
      type: 'array',
      description:
        'Bundes-, Landes- oder EfA-Dienste, die die Lücke durch Anschluss schließen würden, mit erfasstem Anschlussstatus',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name', 'kind', 'components', 'ozgId', 'level', 'status'],
        properties: {
          code: text,
          name: text,
          kind: { type: 'string', enum: ['bund', 'land', 'efa'] },
          components: { type: 'array', items: text },
          ozgId: { type: ['integer', 'null'] },
          level: { type: ['integer', 'null'] },
          status: { type: ['string', 'null'], enum: ['interest', 'contract', 'test', 'live', null] },
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
    'componentData',
    'totals',
    'unlocks',
    'combinations',
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
              'null: eigener Eintrag; sonst der Gemeindeverband oder der Landkreis, der sie für die Einheit betreibt, ' +
              'oder der Bundes-, Landes- bzw. EfA-Dienst, an den die Einheit angeschlossen ist (key: sein Code)',
            properties: {
              key: text,
              name: text,
              via: { type: 'string', enum: ['verband', 'kreis', 'anschluss'] },
            },
          },
        },
      },
    },
    componentData: {
      type: 'object',
      additionalProperties: false,
      required: ['recorded', 'noData'],
      description: 'Basiskomponenten mit Angaben (im Einsatz oder als nicht im Einsatz erfasst) und ohne',
      properties: { recorded: { type: 'array', items: text }, noData: { type: 'array', items: text } },
    },
    totals: {
      type: 'object',
      additionalProperties: false,
      required: [
        'responsible',
        'meetsTarget',
        'attainable',
        'attainableIfUnknownsAllow',
        'online',
        'carriedByVerband',
        'inPersonOnly',
      ],
      properties: {
        responsible: { ...count, description: 'zuständige online-relevante Leistungen' },
        meetsTarget: count,
        attainable: { ...count, description: 'mit den vorhandenen Komponenten sicher erreichbar' },
        attainableIfUnknownsAllow: { ...count, description: 'erreichbar, falls fehlende Angaben es erlauben' },
        online: count,
        carriedByVerband: { ...count, description: 'Leistungen, die der Gemeindeverband für die Gemeinde ausführt' },
        inPersonOnly: { ...count, description: 'zuständige Leistungen nur vor Ort, nicht mitgezählt' },
      },
    },
    combinations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['components', 'labels', 'leistungen', 'ozgLeistungen', 'sentence'],
        properties: {
          components: { type: 'array', items: text },
          labels: { type: 'array', items: text },
          leistungen: count,
          ozgLeistungen: count,
          sentence: text,
        },
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
            required: ['responsibleUnits', 'metUnits', 'dashboardUnits', 'blockedUnits', 'noDataUnits'],
            properties: {
              responsibleUnits: count,
              metUnits: count,
              dashboardUnits: count,
              blockedUnits: { type: ['integer', 'null'], description: 'null in Monatsständen vor dieser Angabe' },
              noDataUnits: { type: ['integer', 'null'], description: 'null in Monatsständen vor dieser Angabe' },
            },
          },
        },
      },
    },
  },
} as const;
