/** JSON schemas of the self-assessment API (`self-assessment.routes.ts`). */

/** Answers: question code → option value (single choice) or values (multiple choice). */
export const answersSchema = {
  type: 'object',
  maxProperties: 200,
  propertyNames: { pattern: '^[a-z0-9-]{1,60}$' },
  additionalProperties: {
    oneOf: [
      { type: 'string', maxLength: 60 },
      { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 60 } },
    ],
  },
} as const;

/** Body of `PUT …/self-assessment`. */
export const selfAssessmentInputSchema = {
  type: 'object',
  required: ['answers'],
  additionalProperties: false,
  properties: {
    questionnaireVersion: {
      type: 'integer',
      minimum: 1,
      description: 'Version der Selbstauskunft, in der geantwortet wird (Standard: die aktuelle).',
    },
    answers: answersSchema,
  },
} as const;

/** A municipality's self-assessment. */
export const selfAssessmentSchema = {
  type: 'object',
  required: ['municipality', 'questionnaireVersion', 'currentVersion', 'answers', 'updatedAt', 'updatedBy'],
  additionalProperties: false,
  properties: {
    municipality: {
      type: 'object',
      required: ['key', 'name', 'level'],
      properties: { key: { type: 'string' }, name: { type: 'string' }, level: { type: 'string' } },
    },
    questionnaireVersion: { type: ['integer', 'null'], description: 'Version, in der geantwortet wurde.' },
    currentVersion: { type: 'integer' },
    answers: answersSchema,
    updatedAt: { type: ['string', 'null'], format: 'date-time' },
    updatedBy: { type: ['string', 'null'] },
  },
} as const;

/** A questionnaire version as shipped (`data/reference/selbstauskunft-v{N}.json`). */
export const questionnaireSchema = {
  type: 'object',
  required: ['version', 'title', 'sources', 'questions'],
  properties: {
    version: { type: 'integer' },
    title: { type: 'string' },
    validFrom: { type: 'string' },
    sources: { type: 'object' },
    questions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'dimension', 'text', 'kind', 'options', 'figures'],
        properties: {
          code: { type: 'string' },
          dimension: { type: 'string' },
          text: { type: 'string' },
          kind: { type: 'string', enum: ['single', 'multi'] },
          options: {
            type: 'array',
            items: { type: 'object', required: ['value', 'label'], properties: { value: {}, label: {} } },
          },
          figures: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'label', 'survey', 'note', 'source'],
              properties: { code: {}, label: {}, survey: {}, note: {}, source: {} },
            },
          },
        },
      },
    },
  },
} as const;

const tally = {
  type: 'object',
  required: ['answered', 'matched', 'percent'],
  properties: { answered: { type: 'integer' }, matched: { type: 'integer' }, percent: { type: ['number', 'null'] } },
} as const;

/** `GET /api/reports/survey-figures`. */
export const surveyFiguresSchema = {
  type: 'object',
  required: ['area', 'municipalities', 'respondents', 'groups', 'figures'],
  properties: {
    area: { type: 'object', required: ['key', 'name'], properties: { key: {}, name: {} } },
    municipalities: { type: 'integer' },
    respondents: { type: 'integer' },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'label', 'municipalities', 'respondents'],
        properties: { key: {}, label: {}, municipalities: {}, respondents: {} },
      },
    },
    sources: { type: 'object' },
    figures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'label', 'survey', 'total', 'byGroup'],
        properties: {
          code: { type: 'string' },
          label: { type: 'string' },
          survey: {
            oneOf: [
              { type: 'null' },
              {
                type: 'object',
                required: ['value', 'derived'],
                properties: { value: { type: 'number' }, derived: { type: 'boolean' } },
              },
            ],
          },
          total: tally,
          byGroup: { type: 'object', additionalProperties: tally },
        },
      },
    },
  },
} as const;
