import { BadRequestError } from '../../lib/errors';
import { formatTarget, type MaturityTarget } from '../../lib/maturity';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../../reports/export';
import type { CatalogueFilter } from '../../reports/gaps/queries';
import { invalidTargetError, parseGapOptions } from '../../reports/gaps/options';
import { listSnapshots } from '../../reports/gaps/snapshots';
import { OVERLOADED_RESPONSE } from '../http/admission';
import { gapReportCacheFor } from '../compute/gap-report-cache';
import { serveReport } from '../compute/serve-report';
import { defineRoute } from '../http/route';
import type { Validated } from '../http/schema-types';
import {
  attainableQuerySchema,
  gapHistoryQuerySchema,
  gapHistorySchema,
  gapQuerySchema,
  gapReportSchema,
  unitReportSchema,
} from './gap-reports.schemas';

/** The filter and target parameters of a gap report query, as the schema declares them. */
type FilterQuery = Omit<Validated<typeof gapQuerySchema>, 'area'>;

/**
 * The report options of a query (see `reports/gaps/options.ts`); the schema has checked the
 * syntax of the filter, so the target is what is left to refuse, as a 400 naming the parameter.
 */
function optionsOf(query: Omit<FilterQuery, 'format'>): { target: MaturityTarget; filter: CatalogueFilter } {
  const { target, filter, problems } = parseGapOptions(query, { allowLevelZero: true });
  const [problem] = problems;
  if (problem?.field === 'target') throw invalidTargetError(problem.value);
  if (problem) {
    throw new BadRequestError(`Ungültige OZG-ID „${problem.value}“.`, [
      { parameter: 'ozgId', detail: 'eine OZG-ID (ganze Zahl ab 1)' },
    ]);
  }
  return { target, filter };
}

/** The options as plain data for a compute worker: the target as text. */
function plainOptionsOf(query: Omit<FilterQuery, 'format'>): { target: string; filter: CatalogueFilter } {
  const { target, filter } = optionsOf(query);
  return { target: formatTarget(target), filter };
}

const downloads = [CSV_MEDIA_TYPE.split(';')[0], XLSX_MEDIA_TYPE];

export const gapReportRoute = defineRoute({
  method: 'get',
  path: '/api/reports/gaps',
  operationId: 'getGapReport',
  summary: 'OZG-Umsetzungslücken eines Gebiets, mit Gründen',
  description:
    'Je OZG-Leistung: zuständige Einheiten (Gemeinden, kreisfreie Städte, Landkreise), wie viele das Ziel erreichen, ' +
    'flächendeckend bzw. in mindestens einer, daneben die Dashboard-Regel, woher die Zuständigkeit stammt und welche ' +
    'fehlenden Basiskomponenten die übrigen aufhalten. Die Definitionen stehen im Feld `definitions`.',
  tags: ['Berichte'],
  access: 'reader',
  heavy: 'shared',
  query: gapQuerySchema,
  responses: {
    200: {
      description: 'Der Bericht; mit format=csv|xlsx als Download.',
      schema: gapReportSchema,
      mediaTypes: downloads,
    },
    400: { description: 'Gebiet, Ziel oder Filter ungültig.' },
    404: { description: 'Kein Gebiet mit diesem Schlüssel.' },
    503: OVERLOADED_RESPONSE,
  },
  handler: ({ query, ...ctx }) => {
    const { target, filter } = optionsOf(query);
    const cache = gapReportCacheFor(ctx.deps);
    return serveReport(
      ctx,
      { name: 'gaps', params: { area: query.area, target: formatTarget(target), filter }, format: query.format },
      {
        shared: true,
        // The same cache as the OZG pages': a report computed for one is reused by the other.
        cached: async () => (await cache.get(ctx.deps.db.reader.manager, query.area, target, filter)).report,
      },
    );
  },
});

export const attainableReportRoute = defineRoute({
  method: 'get',
  path: '/api/reports/attainable',
  operationId: 'getAttainableReport',
  summary: 'Erreichbarer Reifegrad einer Gemeinde oder eines Landkreises',
  description:
    'Jede Leistung, für die die Einheit zuständig ist (und jede, die sie anbietet): Angebot, Reifegrad gegen das Ziel, ' +
    'mit den vorhandenen Basiskomponenten erreichbarer Reifegrad, Gründe, wer die Leistung in der Nähe schon online ' +
    'anbietet; und welche einzelne Komponente die meisten Leistungen freischalten würde.',
  tags: ['Berichte'],
  access: 'reader',
  heavy: true,
  query: attainableQuerySchema,
  responses: {
    200: {
      description: 'Der Bericht; mit format=csv|xlsx als Download.',
      schema: unitReportSchema,
      mediaTypes: downloads,
    },
    400: { description: 'Schlüssel, Ziel oder Filter ungültig.' },
    404: { description: 'Keine aktuelle Gemeinde und kein Landkreis mit diesem Schlüssel.' },
    503: OVERLOADED_RESPONSE,
  },
  handler: ({ query, ...ctx }) =>
    serveReport(
      ctx,
      {
        name: 'attainable',
        params: { ags: query.ags, ...plainOptionsOf(query) },
        format: query.format,
      },
      { shared: false },
    ),
});

export const gapHistoryRoute = defineRoute({
  method: 'get',
  path: '/api/reports/gaps/history',
  operationId: 'getGapHistory',
  summary: 'Entwicklung der OZG-Umsetzung eines Gebiets, Monat für Monat',
  description:
    'Die gespeicherten Monatsstände (der Dienst hält sie für Deutschland, jedes Land und jeden Kreis zum Standardziel ' +
    'fest; `npm run cli -- report snapshot` für andere Gebiete oder Ziele). Mit ozgId die Zahlen dieser OZG-Leistung.',
  tags: ['Berichte'],
  access: 'reader',
  query: gapHistoryQuerySchema,
  responses: { 200: { description: 'Die Monatsstände, älteste zuerst.', schema: gapHistorySchema } },
  handler: async ({ res, query, deps }) => {
    const { target } = optionsOf({ target: query.target });
    const area = /^de$/i.test(query.area) ? 'DE' : query.area;
    res.json({
      area,
      target: formatTarget(target),
      months: await listSnapshots(deps.db.reader.manager, area, target, query.ozgId),
    });
  },
});

export const gapReportRoutes = [gapReportRoute, gapHistoryRoute, attainableReportRoute];
