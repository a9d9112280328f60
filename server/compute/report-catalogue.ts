import type { EntityManager } from 'typeorm';
import { buildBenchmarkReport } from '../../reports/benchmark/report';
import { benchmarkDocument } from '../../reports/benchmark/export';
import { renderExport, type ExportDocument } from '../../reports/export';
import { buildFragmentationReport, fragmentationDocument } from '../../reports';
import { buildLandscapeReport, landscapeDocument } from '../../reports';
import { opportunitiesDocument } from '../../reports/opportunities/export';
import { buildOpportunitiesReport } from '../../reports/opportunities/report';
import type { CatalogueFilter } from '../../reports/gaps/queries';
import { gapsDocument } from '../../reports/gaps/export';
import { unitDocument } from '../../reports/ozg-unit/export';
import { buildGapReport } from '../../reports/gaps/report';
import { targetFromText } from '../../reports/gaps/options';
import { buildUnitReport } from '../../reports/ozg-unit/report';

/** A report ready to send: the bytes, their media type and, for downloads, a file name. */
export interface Output {
  body: Uint8Array;
  contentType: string;
  fileName?: string;
}

/** The formats every report route offers. */
export type OutputFormat = 'json' | 'csv' | 'xlsx';

/** How one API report is built from plain (structured-cloneable) parameters and exported. */
interface ReportDefinition<P, R extends object> {
  build(manager: EntityManager, params: P): Promise<R>;
  document(report: R): ExportDocument;
}

function define<P, R extends object>(
  build: (m: EntityManager, p: P) => Promise<R>,
  document: (r: R) => ExportDocument,
): ReportDefinition<P, R> {
  return { build, document };
}

/**
 * Every report the API serves, by name, with the parameters the route has already validated.
 * The one place a report name becomes a computation: the route handlers (in-process) and the
 * compute workers (`worker.ts`) both look reports up here, so both produce the same bytes.
 */
export const REPORTS = {
  landscape: define((m, p: { area: string }) => buildLandscapeReport(m, p.area), landscapeDocument),
  fragmentation: define(
    (m, p: { area: string; smallPopulation: number }) =>
      buildFragmentationReport(m, p.area, { smallPopulation: p.smallPopulation }),
    fragmentationDocument,
  ),
  opportunities: define(
    (m, p: { area: string; candidates: number }) => buildOpportunitiesReport(m, p.area, { candidates: p.candidates }),
    opportunitiesDocument,
  ),
  benchmark: define(
    (m, p: { area: string; staleMonths: number }) => buildBenchmarkReport(m, p.area, { staleMonths: p.staleMonths }),
    benchmarkDocument,
  ),
  // The gap and attainable reports take the target as text, so parameters stay plain data.
  gaps: define(
    (m, p: { area: string; target: string; filter: CatalogueFilter }) =>
      buildGapReport(m, p.area, { target: targetFromText(p.target), filter: p.filter }),
    gapsDocument,
  ),
  attainable: define(
    (m, p: { ags: string; target: string; filter: CatalogueFilter }) =>
      buildUnitReport(m, p.ags, targetFromText(p.target), p.filter),
    unitDocument,
  ),
};

/** The name of a report in {@link REPORTS}. */
export type ReportName = keyof typeof REPORTS;

/** The parameters of report `N`. */
export type ReportParams<N extends ReportName> = Parameters<(typeof REPORTS)[N]['build']>[1];

/** A report request as it crosses to a worker: plain data only. */
export interface ReportRequest<N extends ReportName = ReportName> {
  name: N;
  params: ReportParams<N>;
  format: OutputFormat;
}

/** A report built elsewhere (e.g. taken from a report cache), to serialise: plain data only. */
export interface BuiltReport<N extends ReportName = ReportName> {
  name: N;
  report: Awaited<ReturnType<(typeof REPORTS)[N]['build']>>;
  format: OutputFormat;
}

/** Serialises a built report: JSON, or its export document as CSV/XLSX. */
export async function renderBuiltReport({ name, report, format }: BuiltReport): Promise<Output> {
  if (format === 'json') {
    return { body: Buffer.from(JSON.stringify(report)), contentType: 'application/json; charset=utf-8' };
  }
  const definition = REPORTS[name] as unknown as ReportDefinition<unknown, object>;
  const file = await renderExport(definition.document(report), format);
  return { body: file.body, contentType: file.contentType, fileName: file.fileName };
}

/** Builds a report and serialises it: JSON, or its export document as CSV/XLSX. */
export async function renderReport(manager: EntityManager, request: ReportRequest): Promise<Output> {
  const definition = REPORTS[request.name] as unknown as ReportDefinition<unknown, object>;
  const report = await definition.build(manager, request.params);
  return renderBuiltReport({ name: request.name, report, format: request.format } as BuiltReport);
}
