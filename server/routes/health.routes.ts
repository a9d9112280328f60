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

/** Readiness: the database answers. */
export const readyz = defineRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'readyz',
  summary: 'Bereitschaft (Datenbank erreichbar)',
  tags: ['Betrieb'],
  access: 'public',
  responses: {
    200: { description: 'Datenbank erreichbar.', schema: statusSchema },
    503: { description: 'Datenbank nicht erreichbar.' },
  },
  handler: async ({ res, deps }) => {
    try {
      await deps.dataSource.query('SELECT 1');
      res.json({ status: 'ok', database: deps.dataSource.options.type });
    } catch {
      res.status(503).type('application/problem+json').json({
        type: '/problems/unavailable',
        title: 'Dienst nicht verfügbar',
        status: 503,
        detail: 'Die Datenbank antwortet nicht.',
      });
    }
  },
});

export const healthRoutes = [healthz, readyz];
