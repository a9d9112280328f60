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
    table: { type: 'string', enum: ['rules', 'delegation'], default: 'rules' },
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
