import {
  CITY_STATUSES,
  DELEGATION_CARRIERS,
  RESPONSIBILITY_LEVELS,
  TASK_GROUPS,
  VERBAND_TYPES,
} from '../../lib/responsibility';

const text = { type: 'string' } as const;
const landKey = {
  type: 'string',
  pattern: '^(\\d{2})?$',
  description: 'Landesschlüssel; leer für alle Länder',
} as const;

const ruleProperties = {
  leistungsschluessel: {
    type: 'string',
    pattern: '^(\\d{14})?$',
    description: 'leer für eine Regel je OZG-Leistung oder Typ',
  },
  ozgId: {
    type: ['integer', 'null'],
    minimum: 1,
    description: 'OZG-ID; Geltungsbereich, wenn kein Leistungsschlüssel',
  },
  typ: { type: 'string', pattern: '^(\\d{1,2}(/\\d{1,2})?)?$', description: 'Typisierung einer Rückfallregel' },
  landKey,
  level: { type: 'string', enum: [...RESPONSIBILITY_LEVELS] },
  taskGroup: {
    type: 'string',
    enum: ['', ...TASK_GROUPS],
    description: 'Pflicht für Gemeinde- und Kreisaufgaben (entscheidet über Verband und Große Kreisstadt)',
  },
  reason: { type: 'string', minLength: 1, maxLength: 1000, description: 'Begründung (deutsch)' },
  source: { type: 'string', maxLength: 1000, description: 'Rechtsgrundlage oder Seite' },
} as const;

/** Body of `PUT /api/responsibility-rules`. */
export const ruleInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['level', 'reason'],
  properties: ruleProperties,
} as const;

/** A stored rule. */
export const ruleSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'leistungsschluessel',
    'ozgId',
    'typ',
    'landKey',
    'level',
    'taskGroup',
    'reason',
    'source',
    'origin',
  ],
  properties: { id: { type: 'integer' }, ...ruleProperties, origin: { type: 'string', enum: ['default', 'user'] } },
} as const;

/** Answer of `GET /api/responsibility-rules`. */
export const ruleListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rules', 'completeZustaendigkeit'],
  properties: {
    rules: { type: 'array', items: ruleSchema },
    completeZustaendigkeit: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['landKey', 'markedBy', 'markedAt'],
        properties: { landKey: text, markedBy: text, markedAt: { type: 'string', format: 'date-time' } },
      },
    },
  },
} as const;

const delegationProperties = {
  landKey: { type: 'string', pattern: '^\\d{2}$' },
  unitType: { type: 'string', enum: [...VERBAND_TYPES, ...CITY_STATUSES] },
  taskGroup: { type: 'string', enum: [...TASK_GROUPS] },
  carrier: { type: 'string', enum: [...DELEGATION_CARRIERS] },
  reason: { type: 'string', minLength: 1, maxLength: 1000 },
  source: { type: 'string', maxLength: 1000 },
} as const;

/** Body of `PUT /api/responsibility-rules/delegation`. */
export const delegationInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['landKey', 'unitType', 'taskGroup', 'carrier', 'reason'],
  properties: delegationProperties,
} as const;

/** A stored delegation rule. */
export const delegationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'landKey', 'unitType', 'taskGroup', 'carrier', 'reason', 'source', 'origin'],
  properties: {
    id: { type: 'integer' },
    ...delegationProperties,
    origin: { type: 'string', enum: ['default', 'user'] },
  },
} as const;

export const delegationListSchema = { type: 'array', items: delegationSchema } as const;

/** Body of `PUT /api/responsibility-rules/zustaendigkeit-complete/{land}`. */
export const completeBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['complete'],
  properties: { complete: { type: 'boolean' } },
} as const;

/** Query of the export. */
export const rulesExportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    table: {
      type: 'string',
      enum: ['rules', 'delegation', 'traits'],
      default: 'rules',
      description: 'rules: Zuständigkeitsregeln; delegation: Aufgabenübertragung; traits: Leistungsmerkmale',
    },
    format: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' },
  },
} as const;

/** Query of the import. */
export const rulesImportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun: { type: 'boolean', default: false, description: 'true: nur prüfen und berichten, nichts schreiben' },
  },
} as const;

const traitProperties = {
  leistungsschluessel: { type: 'string', pattern: '^(\\d{14})?$', description: '14 Ziffern, oder leer' },
  verrichtung: { type: 'string', pattern: '^(\\d{3})?$', description: 'LeiKa-Verrichtung (Stellen 9–11), oder leer' },
  onlineRelevant: { type: ['boolean', 'null'], description: 'false: nur vor Ort, in der strengen Regel nicht gezählt' },
  feeBearing: { type: ['boolean', 'null'], description: 'gebührenpflichtig (E-Payment nötig); null: sagt nichts' },
  vertrauensniveau: { type: ['string', 'null'], enum: ['basisregistrierung', 'substantiell', 'hoch', null] },
  reason: { type: 'string', maxLength: 2000 },
  source: { type: 'string', maxLength: 2000 },
} as const;

/** Body of `PUT /api/leistung-traits`. */
export const traitInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: traitProperties,
} as const;

/** A stored Leistungsmerkmal rule. */
export const traitSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'leistungsschluessel',
    'verrichtung',
    'onlineRelevant',
    'feeBearing',
    'vertrauensniveau',
    'reason',
    'source',
    'origin',
  ],
  properties: { id: { type: 'integer' }, ...traitProperties, origin: { type: 'string', enum: ['default', 'user'] } },
} as const;
