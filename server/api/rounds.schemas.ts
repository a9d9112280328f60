/** JSON schemas of the rounds API (`rounds.routes.ts`). */

const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;
const email = { type: 'string', maxLength: 300, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' } as const;

/** Body of `POST /api/rounds`. */
export const openRoundSchema = {
  type: 'object',
  required: ['area', 'title', 'deadline'],
  additionalProperties: false,
  properties: {
    area: {
      type: 'string',
      pattern: '^(\\d{2}|\\d{3}|\\d{5})$',
      description: 'Land (2), Regierungsbezirk (3) oder Kreis (5 Ziffern)',
    },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    deadline: { ...date, description: 'Letzter Tag für Antworten' },
    linksValidUntil: { ...date, description: 'Letzter Tag, an dem die Links gelten (Standard: Frist + 30 Tage)' },
    contacts: {
      type: 'object',
      description: 'AGS → E-Mail-Adresse für Serienbrief und Erinnerungen',
      propertyNames: { pattern: '^(\\d{5}|\\d{8}|\\d{9})$' },
      additionalProperties: email,
    },
  },
} as const;

const memberSchema = {
  type: 'object',
  required: ['key', 'name', 'link', 'answeredAt', 'confirmedAt', 'componentsUpdatedAt', 'progress', 'overdue'],
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    level: { type: 'string' },
    email: { type: ['string', 'null'] },
    link: { type: 'string', enum: ['none', 'active', 'revoked', 'expired'] },
    linkPrefix: { type: ['string', 'null'] },
    linkIssuedAt: nullableTime,
    answeredAt: nullableTime,
    confirmedAt: nullableTime,
    componentsUpdatedAt: nullableTime,
    progress: { type: 'string', enum: ['complete', 'partial', 'pending'] },
    overdue: { type: 'boolean' },
    reminders: { type: 'integer' },
    remindedAt: nullableTime,
  },
} as const;

/** A round with its members. */
export const roundSchema = {
  type: 'object',
  required: ['id', 'area', 'title', 'deadline', 'status', 'counts', 'members'],
  properties: {
    id: { type: 'integer' },
    area: { type: 'object', required: ['key', 'name'], properties: { key: {}, name: {} } },
    title: { type: 'string' },
    deadline: date,
    linksValidUntil: date,
    questionnaireVersion: { type: 'integer' },
    status: { type: 'string', enum: ['open', 'closed'] },
    openedAt: { type: 'string' },
    openedBy: { type: 'string' },
    closedAt: nullableTime,
    closedBy: { type: ['string', 'null'] },
    counts: {
      type: 'object',
      required: ['members', 'answered', 'confirmedUnchanged', 'complete', 'overdue'],
      properties: { members: {}, answered: {}, confirmedUnchanged: {}, complete: {}, overdue: {} },
    },
    members: { type: 'array', items: memberSchema },
  },
} as const;

/** A round in the list. */
export const roundListSchema = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'area', 'title', 'deadline', 'status'],
        properties: { id: {}, area: {}, title: {}, deadline: {}, status: {} },
      },
    },
  },
} as const;

/** Body of `POST /api/rounds/{id}/links`. */
export const issueLinksSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reissue: {
      type: 'boolean',
      description: 'Auch Kommunen mit gültigem Link erhalten einen neuen; der alte gilt nicht mehr.',
    },
    keys: { type: 'array', maxItems: 20000, items: { type: 'string', pattern: '^(\\d{5}|\\d{8}|\\d{9})$' } },
  },
} as const;

/** The links issued, shown once. */
export const issuedLinksSchema = {
  type: 'object',
  required: ['links'],
  properties: {
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'name', 'email', 'url', 'expiresAt'],
        properties: { key: {}, name: {}, email: {}, url: {}, expiresAt: {} },
      },
    },
  },
} as const;

/** Body of `PUT /api/rounds/{id}/members/{ags}/contact`. */
export const contactSchema = {
  type: 'object',
  required: ['email'],
  additionalProperties: false,
  properties: { email: { oneOf: [email, { type: 'null' }] } },
} as const;

/** What a reminder run did. */
export const remindersSchema = {
  type: 'object',
  required: ['sent', 'withoutAddress', 'revoked', 'failed'],
  properties: {
    sent: { type: 'array', items: { type: 'string' } },
    withoutAddress: { type: 'array', items: { type: 'string' } },
    revoked: { type: 'array', items: { type: 'string' } },
    failed: {
      type: 'array',
      items: { type: 'object', required: ['key', 'error'], properties: { key: {}, error: {} } },
    },
  },
} as const;

/** `{ id, ags }` in a member path. */
export const memberParams = {
  type: 'object',
  required: ['id', 'ags'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[1-9]\\d{0,9}$' },
    ags: { type: 'string', pattern: '^(\\d{5}|\\d{8}|\\d{9})$' },
  },
} as const;

/** `{ id }` of a round. */
export const roundParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[1-9]\\d{0,9}$' } },
} as const;

/** `{ token }` of a round link, and `{ token, ags }`. */
export const linkParams = {
  type: 'object',
  required: ['token'],
  additionalProperties: false,
  properties: {
    token: { type: 'string', pattern: '^rnd_[A-Za-z0-9_-]{20,80}$' },
    ags: { type: 'string', pattern: '^(\\d{5}|\\d{8}|\\d{9})$' },
  },
} as const;
