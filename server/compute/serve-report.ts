import type { Response } from 'express';
import type { AppDeps } from '../deps';
import { reportFlightFor } from '../http/report-flight';
import type { Output, ReportRequest } from './report-catalogue';
import { computeFor } from './runner';

/** What {@link serveReport} needs of a route's context. */
interface ReportContext {
  res: Response;
  deps: AppDeps;
  signal: AbortSignal;
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
  options: { shared: boolean },
): Promise<void> {
  const compute = computeFor(deps);
  const output: Output = options.shared
    ? await reportFlightFor(deps).get(
        deps.dataSource.manager,
        [request.name, request.params, request.format],
        signal,
        () => compute.run('report', request),
      )
    : await compute.run('report', request, signal);
  if (signal.aborted) return;
  const body = Buffer.from(output.body.buffer, output.body.byteOffset, output.body.byteLength);
  if (output.fileName) res.attachment(output.fileName);
  if (deps.validateResponses && request.format === 'json') {
    res.json(JSON.parse(body.toString('utf8')));
    return;
  }
  res.type(output.contentType).send(body);
}
