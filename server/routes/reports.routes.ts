import type { Response } from 'express';
import type { JsonSchema } from '../../lib/validation';
import { buildBenchmarkReport } from '../../reports/benchmark.report';
import { benchmarkDocument } from '../../reports/benchmark-export';
import { CSV_MEDIA_TYPE, renderExport, XLSX_MEDIA_TYPE, type ExportDocument } from '../../reports/export';
import { buildFragmentationReport, fragmentationDocument } from '../../reports/fragmentation.report';
import { buildLandscapeReport, landscapeDocument } from '../../reports/landscape.report';
import { opportunitiesDocument } from '../../reports/opportunities-export';
import { buildOpportunitiesReport } from '../../reports/opportunities.report';
import { OVERLOADED_RESPONSE } from '../http/admission';
import { isSharedReport, reportFlightFor, type SharedReport } from '../http/report-flight';
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

type Format = 'json' | 'csv' | 'xlsx';
interface CommonQuery {
  area: string;
  format: Format;
}

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

/** Sends a report as JSON or renders its export document as a CSV/XLSX download. */
async function sendReport(
  res: Response,
  format: Format,
  body: object | SharedReport<object>,
  document: () => ExportDocument,
): Promise<void> {
  if (format === 'json') {
    // A shared report goes out as its one serialisation (a Buffer is written without a copy).
    if (isSharedReport(body)) res.type('application/json').send(body.json());
    else res.json(body);
    return;
  }
  const file = await renderExport(document(), format);
  res.attachment(file.fileName).type(file.contentType).send(file.body);
}

const areaDescription =
  'area: Land (2 Ziffern), Regierungsbezirk (3), Kreis (5), operator:{id} (alle Gemeinden mit mindestens einem Eintrag ' +
  'dieses Betreibers) oder DE. Zeilen sind Gemeinden; eigene Einträge von Kreisen und Gemeindeverbänden stehen gesondert.';

export const landscapeReportRoute = defineRoute<Record<string, string>, CommonQuery>({
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
  handler: async ({ res, query, deps }) => {
    const report = await buildLandscapeReport(deps.dataSource.manager, query.area);
    await sendReport(res, query.format, report, () => landscapeDocument(report));
  },
});

export const fragmentationReportRoute = defineRoute<Record<string, string>, CommonQuery & { smallPopulation: number }>({
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
  handler: async ({ res, query, deps }) => {
    const report = await buildFragmentationReport(deps.dataSource.manager, query.area, {
      smallPopulation: query.smallPopulation,
    });
    await sendReport(res, query.format, report, () => fragmentationDocument(report));
  },
});

export const opportunitiesReportRoute = defineRoute<Record<string, string>, CommonQuery & { candidates: number }>({
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
  handler: async ({ res, query, deps, signal }) => {
    const manager = deps.dataSource.manager;
    const key = ['opportunities', query.area, query.candidates];
    const shared = await reportFlightFor(deps).get(manager, key, signal, () =>
      buildOpportunitiesReport(manager, query.area, { candidates: query.candidates }),
    );
    await sendReport(res, query.format, shared, () => opportunitiesDocument(shared.report));
  },
});

export const benchmarkReportRoute = defineRoute<Record<string, string>, CommonQuery & { staleMonths: number }>({
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
  handler: async ({ res, query, deps }) => {
    const report = await buildBenchmarkReport(deps.dataSource.manager, query.area, { staleMonths: query.staleMonths });
    await sendReport(res, query.format, report, () => benchmarkDocument(report));
  },
});

export const reportRoutes = [
  landscapeReportRoute,
  fragmentationReportRoute,
  opportunitiesReportRoute,
  benchmarkReportRoute,
];
