import { BadRequestError } from '../../lib/errors';
import { formatTarget, parseTarget, type MaturityTarget } from '../../lib/maturity';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../../reports/export';
import type { CatalogueFilter } from '../../reports/gaps/inputs';
import { listSnapshots } from '../../reports/gaps/snapshots';
import { OVERLOADED_RESPONSE } from '../http/admission';
import { serveReport } from '../compute/serve-report';
import { defineRoute } from '../http/route';
import {
  attainableQuerySchema,
  gapHistoryQuerySchema,
  gapHistorySchema,
  gapQuerySchema,
  gapReportSchema,
  unitReportSchema,
} from './gap-reports.schemas';

type Format = 'json' | 'csv' | 'xlsx';

interface FilterQuery {
  target?: string;
  themenfeld?: string;
  lebenslage?: string;
  ozgId?: number;
  fokus?: boolean;
  efa?: boolean;
  format: Format;
}

function targetOf(text: string | undefined): MaturityTarget {
  const target = parseTarget(text);
  if (!target) {
    throw new BadRequestError(`Ungültiges Ziel „${text}“.`, [
      { parameter: 'target', detail: 'Stufe 0–4 (RGM-1.1) oder RGM-2.0:0–7, z. B. RGM-1.1:3' },
    ]);
  }
  return target;
}

function filterOf(query: FilterQuery): CatalogueFilter {
  return {
    ...(query.themenfeld !== undefined && { themenfeld: query.themenfeld }),
    ...(query.lebenslage !== undefined && { lebenslage: query.lebenslage }),
    ...(query.ozgId !== undefined && { ozgId: query.ozgId }),
    ...(query.fokus !== undefined && { fokus: query.fokus }),
    ...(query.efa !== undefined && { efa: query.efa }),
  };
}

const downloads = [CSV_MEDIA_TYPE.split(';')[0], XLSX_MEDIA_TYPE];

export const gapReportRoute = defineRoute<Record<string, string>, FilterQuery & { area: string }>({
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
  handler: ({ query, ...ctx }) =>
    serveReport(
      ctx,
      {
        name: 'gaps',
        params: { area: query.area, target: formatTarget(targetOf(query.target)), filter: filterOf(query) },
        format: query.format,
      },
      { shared: true },
    ),
});

export const attainableReportRoute = defineRoute<Record<string, string>, FilterQuery & { ags: string }>({
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
        params: { ags: query.ags, target: formatTarget(targetOf(query.target)), filter: filterOf(query) },
        format: query.format,
      },
      { shared: false },
    ),
});

export const gapHistoryRoute = defineRoute<Record<string, string>, { area: string; target?: string; ozgId?: number }>({
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
    const target = targetOf(query.target);
    const area = /^de$/i.test(query.area) ? 'DE' : query.area;
    res.json({
      area,
      target: formatTarget(target),
      months: await listSnapshots(deps.dataSource.manager, area, target, query.ozgId),
    });
  },
});

export const gapReportRoutes = [gapReportRoute, gapHistoryRoute, attainableReportRoute];
