import type { JsonSchema } from '../../lib/validation';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../../reports/export';
import { serveReport } from '../compute/serve-report';
import { OVERLOADED_RESPONSE } from '../http/admission';
import { defineRoute, type ResponseSpec } from '../http/route';
import {
  benchmarkQuerySchema,
  benchmarkReportSchema,
  fragmentationQuerySchema,
  fragmentationReportSchema,
  landscapeQuerySchema,
  landscapeReportSchema,
  opportunitiesQuerySchema,
  opportunitiesReportSchema,
} from './reports.schemas';

const errors = {
  400: { description: 'Gebiet oder Parameter ungültig (z. B. area=123456).' },
  404: { description: 'Kein Land, Kreis, Regierungsbezirk oder Betreiber mit diesem Schlüssel.' },
  503: OVERLOADED_RESPONSE,
};

function ok(description: string, schema: JsonSchema): ResponseSpec {
  return {
    description: `${description} Mit format=csv oder format=xlsx als Download (Content-Disposition mit Dateinamen).`,
    schema,
    mediaTypes: [CSV_MEDIA_TYPE.split(';')[0], XLSX_MEDIA_TYPE],
  };
}

const areaDescription =
  'area: Land (2 Ziffern), Regierungsbezirk (3), Kreis (5), operator:{id} (alle Gemeinden mit mindestens einem Eintrag ' +
  'dieses Betreibers) oder DE. Zeilen sind Gemeinden; eigene Einträge von Kreisen und Gemeindeverbänden stehen gesondert.';

export const landscapeReportRoute = defineRoute({
  method: 'get',
  path: '/api/reports/landscape',
  operationId: 'getLandscapeReport',
  summary: 'Komponentenlandschaft eines Gebiets (Gemeinden × Basiskomponenten)',
  description: `${areaDescription} Jede Zelle: Status, Betreiber (Name, Typ), Produkt; Summen je Komponente und je Betreiber.`,
  tags: ['Berichte'],
  access: 'reader',
  heavy: true,
  query: landscapeQuerySchema,
  responses: { 200: ok('Die Matrix.', landscapeReportSchema), ...errors },
  handler: (ctx) =>
    serveReport(
      ctx,
      { name: 'landscape', params: { area: ctx.query.area }, format: ctx.query.format },
      { shared: false },
    ),
});

export const fragmentationReportRoute = defineRoute({
  method: 'get',
  path: '/api/reports/fragmentation',
  operationId: 'getFragmentationReport',
  summary: 'Zersplitterung: Betreiber und Produkte je Komponente',
  description: `${areaDescription} Hebt Komponenten hervor, die viele kleine Gemeinden jeweils für sich allein betreiben.`,
  tags: ['Berichte'],
  access: 'reader',
  heavy: true,
  query: fragmentationQuerySchema,
  responses: {
    200: ok('Je Komponente Betreiber, Produkte, versorgte Gemeinden und Einwohner.', fragmentationReportSchema),
    ...errors,
  },
  handler: ({ query, ...ctx }) =>
    serveReport(
      ctx,
      {
        name: 'fragmentation',
        params: { area: query.area, smallPopulation: query.smallPopulation },
        format: query.format,
      },
      { shared: false },
    ),
});

export const opportunitiesReportRoute = defineRoute({
  method: 'get',
  path: '/api/reports/opportunities',
  operationId: 'getOpportunitiesReport',
  summary: 'Chancen für gemeinsame Nutzung und Bündelung',
  description:
    `${areaDescription} Für jede fehlende Komponente einer Gemeinde die Betreiber, die sie im selben Kreis bzw. Land ` +
    'schon betreiben, mit einer Begründung in einem Satz; dazu Bündelungskandidaten.',
  tags: ['Berichte'],
  access: 'reader',
  heavy: 'shared',
  query: opportunitiesQuerySchema,
  responses: { 200: ok('Vorschläge und Bündelungskandidaten.', opportunitiesReportSchema), ...errors },
  handler: ({ query, ...ctx }) =>
    serveReport(
      ctx,
      { name: 'opportunities', params: { area: query.area, candidates: query.candidates }, format: query.format },
      { shared: true },
    ),
});

export const benchmarkReportRoute = defineRoute({
  method: 'get',
  path: '/api/reports/benchmark',
  operationId: 'getBenchmarkReport',
  summary: 'Vergleich mit der KGSt/ÖFIT-Umfrage 2019',
  description:
    `${areaDescription} Anteile der Gemeinden mit keiner, ein bis zwei und drei oder mehr Komponenten im Einsatz ` +
    '(Umfrage: 16 / 32 %; 52 % für drei oder mehr ist abgeleitet, survey.figures.*.derived), je Kreis und je ' +
    'KGSt-Größenklasse (bySizeClass; die Umfrage nennt keine Werte je Größenklasse); Stichprobe der Umfrage in survey.sample; ' +
    'Betreibertypen je Komponente; Gemeinden ohne oder mit veralteten Angaben.',
  tags: ['Berichte'],
  access: 'reader',
  heavy: true,
  query: benchmarkQuerySchema,
  responses: { 200: ok('Der Vergleich.', benchmarkReportSchema), ...errors },
  handler: ({ query, ...ctx }) =>
    serveReport(
      ctx,
      { name: 'benchmark', params: { area: query.area, staleMonths: query.staleMonths }, format: query.format },
      { shared: false },
    ),
});

export const reportRoutes = [
  landscapeReportRoute,
  fragmentationReportRoute,
  opportunitiesReportRoute,
  benchmarkReportRoute,
];
