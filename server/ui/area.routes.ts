import express, { type Request, type Response, type Router } from 'express';
import type { EntityManager } from 'typeorm';
import { Region } from '../../entities';
import { findOneByColumn } from '../../entities/fast-find';
import { BadRequestError, NotFoundError } from '../../lib/errors';
import { resolveArea, parseArea, type Area } from '../../reports/area';
import { buildBenchmarkReport } from '../../reports/benchmark.report';
import { buildLandscapeReport } from '../../reports/landscape.report';
import { buildOpportunitiesReport } from '../../reports/opportunities.report';
import type { AppDeps } from '../deps';
import { areaPage, MATRIX_MAX_ROWS, type AreaHead, type AreaReports } from '../views/area.view';
import type { Crumb } from '../views/layout';
import { sendPage, viewContext } from './context';

/** Area pages cover Germany, Länder, Regierungsbezirke and Kreise (not operators' areas). */
function areaKey(text: string): string {
  try {
    const spec = parseArea(text);
    if (spec.kind === 'operator') throw new NotFoundError('Für Versorgungsgebiete gibt es keine eigene Seite.');
    return spec.key;
  } catch (error) {
    if (error instanceof BadRequestError) throw new NotFoundError(`Kein Gebiet mit dem Schlüssel ${text}.`);
    throw error;
  }
}

async function trail(manager: EntityManager, area: Area): Promise<Crumb[]> {
  const crumbs: Crumb[] = [{ label: 'Start', href: '/' }];
  if (area.kind === 'germany') return [...crumbs, { label: 'Deutschland' }];
  crumbs.push({ label: 'Deutschland', href: '/gebiete/DE' });
  for (const key of [area.key.slice(0, 2), area.key.length >= 5 ? area.key.slice(0, 3) : null]) {
    if (!key || key === area.key) continue;
    const region = await findOneByColumn(manager, Region, 'key', key);
    if (region && !region.name.startsWith('früher'))
      crumbs.push({ label: region.name, href: `/gebiete/${region.key}` });
  }
  return [...crumbs, { label: area.label }];
}

/**
 * Builds the three reports of an area page. Suggestions are computed only for areas small
 * enough to show a matrix: for a Land they would cost seconds, and the Kreis pages have them.
 */
export async function areaReports(manager: EntityManager, area: Area): Promise<AreaReports> {
  const small = area.municipalities.length <= MATRIX_MAX_ROWS;
  return {
    landscape: await buildLandscapeReport(manager, area.key),
    benchmark: await buildBenchmarkReport(manager, area.key),
    opportunities: small ? await buildOpportunitiesReport(manager, area.key) : null,
  };
}

async function showArea(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const manager = deps.dataSource.manager;
  const area = await resolveArea(manager, areaKey(String(req.params.key)));
  const head: AreaHead = {
    key: area.key,
    label: area.label,
    municipalityCount: area.municipalities.length,
    population: area.population,
    trail: await trail(manager, area),
  };
  const reports = req.webUser ? await areaReports(manager, area) : null;
  sendPage(res, areaPage(viewContext(req), head, reports));
}

/** `/gebiete/{key}`: Germany (`DE`), a Land, a Regierungsbezirk or a Kreis. */
export function areaRoutes(deps: AppDeps): Router {
  const router = express.Router();
  router.get('/gebiete/:key', (req, res) => showArea(deps, req, res));
  return router;
}
