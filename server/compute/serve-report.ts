import type { Response } from 'express';
import type { AppDeps } from '../deps';
import { reportFlightFor } from '../http/report-flight';
import type { BuiltReport, Output, ReportRequest } from './report-catalogue';
import { computeFor } from './runner';

/** What {@link serveReport} needs of a route's context. */
interface ReportContext {
  res: Response;
  deps: AppDeps;
  signal: AbortSignal;
}

/** How {@link serveReport} gets the report. */
export interface ServeOptions {
  /** Through the report flight: identical requests share one computation and its bytes. */
  shared: boolean;
  /**
   * The report from a report cache (e.g. `gapReportCacheFor`), only to be serialised; without
   * it the report is built for this request.
   */
  cached?: () => Promise<object>;
}

/**
 * Computes an API report (in a compute worker when there are any) and sends it: JSON, or a
 * CSV/XLSX download with its file name. `shared` reports go through the report flight, so
 * identical requests at the same data version share one computation and, for a short time,
 * its finished bytes. In tests that check responses against the OpenAPI schemas, JSON is sent
 * through `res.json` so the check sees it.
 */
export async function serveReport(
  { res, deps, signal }: ReportContext,
  request: ReportRequest,
  options: ServeOptions,
): Promise<void> {
  const compute = computeFor(deps);
  const { cached } = options;
  const produce = (runSignal?: AbortSignal): Promise<Output> =>
    cached
      ? cached().then((report) =>
          compute.run(
            'report-output',
            { name: request.name, report, format: request.format } as BuiltReport,
            runSignal,
          ),
        )
      : compute.run('report', request, runSignal);
  const output: Output = options.shared
    ? await reportFlightFor(deps).get(
        deps.db.reader.manager,
        [request.name, request.params, request.format],
        signal,
        () => produce(),
      )
    : await produce(signal);
  if (signal.aborted) return;
  const body = Buffer.from(output.body.buffer, output.body.byteOffset, output.body.byteLength);
  if (output.fileName) res.attachment(output.fileName);
  if (deps.validateResponses && request.format === 'json') {
    res.json(JSON.parse(body.toString('utf8')));
    return;
  }
  res.type(output.contentType).send(body);
}
