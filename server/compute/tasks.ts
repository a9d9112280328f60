import type { EntityManager } from 'typeorm';
import { buildGapReportRequest } from '../../reports/gaps/cache';
import { renderAreaPage, type AreaPageRequest } from '../web/area-page';
import { renderMapFile, type MapFileRequest } from '../web/map-file';
import { renderBuiltReport, renderReport, type BuiltReport, type Output, type ReportRequest } from './report-catalogue';

/**
 * Every computation that may run in a compute worker, by name: API reports as finished bytes,
 * the area page as finished HTML, the gap report as data (for the report cache), a cached
 * report serialised. Arguments and results are plain data (they cross threads by structured
 * clone). The area page and the map file reuse the OZG and shared-service maps' area-wide
 * computations of the thread that runs them (`reports/common/versioned-cache.ts`): each worker
 * keeps its own, so a repeat that lands on another worker computes once more there.
 */
export const TASKS = {
  report: (manager: EntityManager, request: ReportRequest): Promise<Output> => renderReport(manager, request),
  'area-page': (manager: EntityManager, request: AreaPageRequest): Promise<Output> => renderAreaPage(manager, request),
  'map-file': (manager: EntityManager, request: MapFileRequest) => renderMapFile(manager, request),
  'gap-report': buildGapReportRequest,
  'report-output': (_manager: EntityManager, built: BuiltReport): Promise<Output> => renderBuiltReport(built),
};

/** The name of a task in {@link TASKS}. */
export type TaskName = keyof typeof TASKS;

/** The argument of task `N`. */
export type TaskArgs<N extends TaskName> = Parameters<(typeof TASKS)[N]>[1];

/** The result of task `N`. */
export type TaskResult<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>;

/** Runs task `name` on `manager` (in whichever thread calls it). */
export function runTask<N extends TaskName>(
  manager: EntityManager,
  name: N,
  args: TaskArgs<N>,
): Promise<TaskResult<N>> {
  const task = TASKS[name] as (m: EntityManager, a: TaskArgs<N>) => Promise<TaskResult<N>>;
  return task(manager, args);
}
