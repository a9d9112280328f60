import { defineRoute } from '../http/route';

const statusSchema = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: { status: { type: 'string' }, database: { type: 'string' } },
} as const;

/** Liveness: the process answers. */
export const healthz = defineRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'healthz',
  summary: 'Lebenszeichen des Dienstes',
  tags: ['Betrieb'],
  access: 'public',
  responses: { 200: { description: 'Der Prozess läuft.', schema: statusSchema } },
  handler: ({ res }) => {
    res.json({ status: 'ok' });
  },
});

/**
 * Readiness: the database answers within a second and writes can succeed (not read-only, disk
 * not full). Answers within about a second either way, also when the database server is frozen.
 */
export const readyz = defineRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'readyz',
  summary: 'Bereitschaft (Datenbank erreichbar und beschreibbar)',
  tags: ['Betrieb'],
  access: 'public',
  responses: {
    200: { description: 'Datenbank erreichbar und beschreibbar.', schema: statusSchema },
    503: { description: 'Datenbank nicht erreichbar, zu langsam oder nicht beschreibbar.' },
  },
  handler: async ({ res, deps }) => {
    const readiness = await deps.db.health.readiness({
      timeoutMs: 1000,
      minFreeMb: deps.config.databaseLimits?.minFreeMb,
    });
    if (readiness.ready) {
      res.json({ status: 'ok', database: deps.db.reader.options.type });
      return;
    }
    res.status(503).setHeader('Retry-After', '5');
    res.type('application/problem+json').json({
      type: '/problems/unavailable',
      title: 'Dienst nicht verfügbar',
      status: 503,
      detail: readiness.detail ?? 'Die Datenbank antwortet nicht.',
    });
  },
});

export const healthRoutes = [healthz, readyz];
