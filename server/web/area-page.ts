import type { EntityManager } from 'typeorm';
import { BadRequestError, NotFoundError } from '../../lib/errors';
import { resolveArea, parseArea, type Area } from '../../reports/area';
import { buildBenchmarkReport } from '../../reports/benchmark/report';
import { buildKreisOverview } from '../../reports/kreis-overview/report';
import { buildLandscapeReport } from '../../reports/landscape/report';
import { buildOpportunitiesReport } from '../../reports/opportunities/report';
import { regionByKey } from '../../services/region-reads';
import { areaPage, MATRIX_MAX_ROWS, OPPORTUNITIES_SHOWN, type AreaHead, type AreaReports } from './views/area.view';
import type { Crumb, ViewContext } from './views/layout';
import type { MatrixChoice } from './views/matrix-filter';
import { mapPart, type MapChoice } from './map-part';

/** Area pages cover Germany, Länder, Regierungsbezirke and Kreise (not operators' areas). */
export function areaKey(text: string): string {
  try {
    const spec = parseArea(text);
    if (spec.kind === 'operator') throw new NotFoundError('Für Versorgungsgebiete gibt es keine eigene Seite.');
    return spec.key;
  } catch (error) {
    if (error instanceof BadRequestError) throw new NotFoundError(`Kein Gebiet mit dem Schlüssel ${text}.`);
    throw error;
  }
}

/** Breadcrumbs Start › Deutschland › Land › Regierungsbezirk › the area itself. */
export async function areaTrail(manager: EntityManager, area: Pick<Area, 'kind' | 'key' | 'label'>): Promise<Crumb[]> {
  const crumbs: Crumb[] = [{ label: 'Start', href: '/' }];
  if (area.kind === 'germany') return [...crumbs, { label: 'Deutschland' }];
  crumbs.push({ label: 'Deutschland', href: '/gebiete/DE' });
  for (const key of [area.key.slice(0, 2), area.key.length >= 5 ? area.key.slice(0, 3) : null]) {
    if (!key || key === area.key) continue;
    const region = await regionByKey(manager, key);
    if (region && !region.name.startsWith('früher'))
      crumbs.push({ label: region.name, href: `/gebiete/${region.key}` });
  }
  return [...crumbs, { label: area.label }];
}

/**
 * Builds the reports of an area page: the matrix of Gemeinden for areas small enough to show
 * it, else one row per Kreis (two aggregate queries instead of thousands of rows); the survey
 * benchmark; and the strongest suggestions with the consolidation candidates (reasons are
 * written only for the suggestions shown, so even Germany takes a few hundred milliseconds).
 */
export async function areaReports(manager: EntityManager, area: Area): Promise<AreaReports> {
  const small = area.municipalities.length <= MATRIX_MAX_ROWS;
  return {
    landscape: small ? await buildLandscapeReport(manager, area.key) : null,
    overview: small ? null : await buildKreisOverview(manager, area.key),
    benchmark: await buildBenchmarkReport(manager, area.key),
    opportunities: await buildOpportunitiesReport(manager, area.key, { strongest: OPPORTUNITIES_SHOWN }),
  };
}

/** What the area page needs from its request (plain data: it may be rendered in a compute worker). */
export interface AreaPageRequest {
  /** The key as the URL gave it (`DE`, a Land, Regierungsbezirk or Kreis). */
  key: string;
  view: ViewContext;
  /** Reports are shown to signed-in users only. */
  signedIn: boolean;
  /** The map's measure and level from the query (`map.routes.ts`). */
  map?: MapChoice;
  /** The matrix filter and order from the query (`matrix-filter.ts`). */
  matrix?: MatrixChoice;
}

/** The area page as finished HTML. */
export async function renderAreaPage(
  manager: EntityManager,
  request: AreaPageRequest,
): Promise<{ body: Uint8Array; contentType: string }> {
  const area = await resolveArea(manager, areaKey(request.key));
  const head: AreaHead = {
    key: area.key,
    label: area.label,
    municipalityCount: area.municipalities.length,
    population: area.population,
    trail: await areaTrail(manager, area),
  };
  const reports = request.signedIn ? await areaReports(manager, area) : null;
  const map = request.signedIn ? await mapPart(manager, area, request.map ?? {}) : null;
  return {
    body: Buffer.from(areaPage(request.view, head, reports, map, request.matrix ?? {}).value),
    contentType: 'text/html; charset=utf-8',
  };
}
