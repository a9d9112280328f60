import type { EntityManager } from 'typeorm';
import { buildBenchmarkReport } from './benchmark/report';
import { benchmarkDocument } from './benchmark/export';
import type { ExportDocument } from './export';
import { fragmentationDocument } from './fragmentation/export';
import { buildFragmentationReport } from './fragmentation/report';
import { landscapeDocument } from './landscape/export';
import { buildLandscapeReport } from './landscape/report';
import { opportunitiesDocument } from './opportunities/export';
import { buildOpportunitiesReport } from './opportunities/report';

/** The shared-service reports, by the name used in the API path and on the command line. */
export const REPORT_KINDS = ['landscape', 'fragmentation', 'opportunities', 'benchmark'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Every report's tunable options; each report reads the ones it knows. */
export interface ReportOptions {
  /** Fragmentation: population below which a Gemeinde counts as small. */
  smallPopulation?: number;
  /** Opportunities: suggestions per gap. */
  candidates?: number;
  /** Benchmark: months after which data counts as stale. */
  staleMonths?: number;
}

/** A built report: its JSON body and, on demand, its export document. */
export interface BuiltReport {
  body: object;
  document(): ExportDocument;
}

/** Builds a report by kind, for callers that handle all kinds alike (the CLI). */
export async function buildReport(
  manager: EntityManager,
  kind: ReportKind,
  area: string,
  options: ReportOptions = {},
): Promise<BuiltReport> {
  switch (kind) {
    case 'landscape': {
      const report = await buildLandscapeReport(manager, area);
      return { body: report, document: () => landscapeDocument(report) };
    }
    case 'fragmentation': {
      const report = await buildFragmentationReport(manager, area, options);
      return { body: report, document: () => fragmentationDocument(report) };
    }
    case 'opportunities': {
      const report = await buildOpportunitiesReport(manager, area, options);
      return { body: report, document: () => opportunitiesDocument(report) };
    }
    case 'benchmark': {
      const report = await buildBenchmarkReport(manager, area, options);
      return { body: report, document: () => benchmarkDocument(report) };
    }
  }
}

export {
  buildBenchmarkReport,
  benchmarkDocument,
  buildFragmentationReport,
  fragmentationDocument,
  buildLandscapeReport,
  landscapeDocument,
};
export { buildOpportunitiesReport, opportunitiesDocument };
