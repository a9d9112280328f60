import { MATURITY_MODELS, OFFERING_SOURCES, OFFERING_STATUSES } from '../../lib/maturity';
import { COMPONENT_STATUSES } from '../../lib/vocabulary';
import { SUGGESTION_LIMIT } from '../../services/region-successor-suggestions';

const nullableString = { type: ['string', 'null'] } as const;
const keyPattern = '^(\\d{5}|\\d{8}|\\d{9}|\\d{12})$';
const side = { type: 'string', enum: ['predecessor', 'successor'] } as const;

/** Path of the successor routes: the retired region's key. */
export const successorParams = {
  type: 'object',
  required: ['key'],
  additionalProperties: false,
  properties: { key: { type: 'string', pattern: keyPattern } },
} as const;

/** Body of `POST /api/regions/{key}/successor`. */
export const successorBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['successor'],
  properties: {
    successor: {
      type: 'string',
      pattern: keyPattern,
      description: 'Schlüssel des Nachfolgers: AGS (8), Kreis (5), Gemeindeverband (9) oder ARS (12)',
    },
    mode: { type: 'string', enum: ['move', 'copy'], default: 'move' },
    dryRun: {
      type: 'boolean',
      default: false,
      description: 'true: nur planen und Konflikte mit beiden Werten zeigen, nichts schreiben',
    },
    resolutions: {
      type: 'object',
      propertyNames: { pattern: '^([a-z][a-z0-9-]{0,39}|\\d{14})$' },
      additionalProperties: side,
      maxProperties: 2000,
      default: {},
      description:
        'Je Konflikt (Komponenten-Code oder Leistungsschlüssel), welcher Eintrag bleibt: `predecessor` (der des ' +
        'nicht mehr geführten Gebiets ersetzt den des Nachfolgers) oder `successor` (der des Nachfolgers bleibt, ' +
        'der andere bleibt beim alten Gebiet und steht im Änderungsprotokoll)',
    },
  },
} as const;

const recordSnapshotSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['component', 'status', 'operator', 'product', 'validFrom', 'validTo', 'note', 'servesMembers'],
  properties: {
    component: { type: 'string' },
    status: { type: 'string', enum: [...COMPONENT_STATUSES] },
    operator: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['name', 'type'],
      properties: { name: { type: 'string' }, type: { type: 'string' } },
    },
    product: nullableString,
    validFrom: nullableString,
    validTo: nullableString,
    note: nullableString,
    servesMembers: { type: 'boolean' },
  },
} as const;

const offeringSnapshotSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['leistung', 'source', 'status', 'url', 'maturity', 'flaechendeckend', 'note'],
  properties: {
    leistung: { type: 'string' },
    source: { type: 'string', enum: [...OFFERING_SOURCES] },
    status: { type: 'string', enum: [...OFFERING_STATUSES] },
    url: nullableString,
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
    note: nullableString,
  },
} as const;

const conflictCommon = {
  key: { type: 'string', description: 'Komponenten-Code oder Leistungsschlüssel: der Schlüssel in `resolutions`' },
  label: { type: 'string' },
  successorFrom: {
    type: ['string', 'null'],
    description: 'Vorgänger, dessen frühere Zuordnung den Eintrag des Nachfolgers gebracht hat',
  },
  resolution: { type: ['string', 'null'], enum: ['predecessor', 'successor', null] },
} as const;

const conflictSchema = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'key', 'label', 'successorFrom', 'resolution', 'predecessor', 'successor'],
      properties: {
        kind: { const: 'component' },
        ...conflictCommon,
        predecessor: recordSnapshotSchema,
        successor: recordSnapshotSchema,
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'key', 'label', 'source', 'successorFrom', 'resolution', 'predecessor', 'successor'],
      properties: {
        kind: { const: 'offering' },
        ...conflictCommon,
        source: { type: 'string', enum: [...OFFERING_SOURCES] },
        predecessor: offeringSnapshotSchema,
        successor: offeringSnapshotSchema,
      },
    },
  ],
} as const;

const offeringRefSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['leistung', 'source'],
  properties: { leistung: { type: 'string' }, source: { type: 'string', enum: [...OFFERING_SOURCES] } },
} as const;

const entryListsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['components', 'offerings'],
  properties: {
    components: { type: 'array', items: { type: 'string' } },
    offerings: { type: 'array', items: offeringRefSchema },
  },
} as const;

/** What a mapping did or, in a dry run, would do. */
export const successorResultSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'mode', 'dryRun', 'applied', 'transferred', 'identical', 'conflicts'],
  properties: {
    from: {
      type: 'object',
      additionalProperties: false,
      required: ['key', 'name', 'retiredGebietsstand'],
      properties: {
        key: { type: 'string' },
        name: { type: 'string' },
        retiredGebietsstand: { type: ['string', 'null'], format: 'date' },
      },
    },
    to: {
      type: 'object',
      additionalProperties: false,
      required: ['key', 'name'],
      properties: { key: { type: 'string' }, name: { type: 'string' } },
    },
    mode: { type: 'string', enum: ['move', 'copy'] },
    dryRun: { type: 'boolean' },
    applied: { type: 'boolean', description: 'true: geschrieben; false: Probelauf' },
    transferred: {
      ...entryListsSchema,
      description:
        'Einträge, die der Nachfolger übernimmt (Komponenten-Codes; Angebote mit Leistungsschlüssel und Quelle)',
    },
    identical: {
      ...entryListsSchema,
      description: 'Einträge, die der Nachfolger mit gleichem Inhalt schon hat: nichts zu entscheiden',
    },
    conflicts: {
      type: 'array',
      items: conflictSchema,
      description: 'Beide Gebiete haben einen Eintrag mit unterschiedlichem Inhalt; beide Werte und die Entscheidung',
    },
  },
} as const;

/** Query of `GET /api/regions/{key}/successor-suggestions`. */
export const suggestionsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: SUGGESTION_LIMIT.max, default: SUGGESTION_LIMIT.default },
  },
} as const;

/** Ranked successor suggestions with German reasons. */
export const suggestionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['region', 'suggestions'],
  properties: {
    region: {
      type: 'object',
      additionalProperties: false,
      required: ['key', 'name', 'level', 'retiredGebietsstand', 'successorKey'],
      properties: {
        key: { type: 'string' },
        name: { type: 'string' },
        level: { type: 'string' },
        retiredGebietsstand: { type: ['string', 'null'], format: 'date' },
        successorKey: nullableString,
      },
    },
    suggestions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'name', 'ars', 'verband', 'population', 'score', 'reasons'],
        properties: {
          key: { type: 'string' },
          name: { type: 'string' },
          ars: nullableString,
          verband: {
            type: ['object', 'null'],
            additionalProperties: false,
            required: ['key', 'name'],
            properties: { key: { type: 'string' }, name: { type: 'string' } },
          },
          population: { type: ['integer', 'null'] },
          score: { type: 'integer' },
          reasons: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;
