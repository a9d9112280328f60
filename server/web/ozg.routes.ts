import express, { type Request, type Response, type Router } from 'express';
import type { EntityManager } from 'typeorm';
import { BadRequestError, NotFoundError } from '../../lib/errors';
import { renderExport, type ExportDocument } from '../../reports/export';
import { findGapArea } from '../../reports/gaps/area';
import type { GapReportCache } from '../../reports/gaps/cache';
import { loadCatalogueFacets, type CatalogueFacets } from '../../reports/gaps/catalogue-facets';
import { gapsDocument } from '../../reports/gaps/export';
import { unitDocument } from '../../reports/ozg-unit/export';
import { listSnapshots } from '../../reports/gaps/snapshots';
import { buildUnitReport } from '../../reports/ozg-unit/report';
import { findUnitRegion } from '../../reports/ozg-unit/queries';
import { componentsByCode } from '../../services/component.service';
import type { AppDeps } from '../deps';
import { ozgAreaPage } from './views/ozg-area.view';
import { ozgDefinitionsPage } from './views/ozg-definitions.view';
import { selectionQuery, selectionText } from './views/ozg-common.view';
import { ozgSummaryPage } from './views/ozg-summary.view';
import { ozgUnitPage } from './views/ozg-unit.view';
import { gapReportCacheFor } from '../compute/gap-report-cache';
import { areaKey, areaTrail } from './area-page';
import { requireLogin, sendPage, viewContext } from './context';
import { hasErrors, parseOzgQuery, type OzgQuery } from './ozg-query';
import { regionTrail } from './region-trail';

/** Key, kind and heading of an area page, without resolving its units. */
async function areaHead(
  manager: EntityManager,
  text: string,
): Promise<{ kind: 'germany' | 'land' | 'regierungsbezirk' | 'kreis'; key: string; label: string }> {
  const { kind, key, label } = await findGapArea(manager, areaKey(text));
  // `areaKey` accepts the forms of the area pages, which have no Gemeinde.
  return { kind: kind as Exclude<typeof kind, 'gemeinde'>, key, label };
}

async function componentLabels(manager: EntityManager): Promise<Map<string, string>> {
  return new Map([...(await componentsByCode(manager)).values()].map((c) => [c.code, c.label]));
}

async function query(manager: EntityManager, req: Request): Promise<{ query: OzgQuery; facets: CatalogueFacets }> {
  const facets = await loadCatalogueFacets(manager);
  return { query: parseOzgQuery(req, facets), facets };
}

async function showArea(deps: AppDeps, cache: GapReportCache, req: Request, res: Response): Promise<void> {
  const manager = deps.db.reader.manager;
  const head = await areaHead(manager, String(req.params.key));
  const { query: q, facets } = await query(manager, req);
  const invalid = hasErrors(q);
  const cached = invalid ? null : await cache.get(manager, head.key, q.target, q.filter);
  const report = cached?.report ?? null;
  sendPage(
    res,
    ozgAreaPage(viewContext(req), {
      area: { key: head.key, label: head.label },
      trail: await areaTrail(manager, head),
      values: q.values,
      errors: q.errors,
      facets,
      report,
      computedAt: cached?.computedAt ?? null,
      snapshots: report ? await listSnapshots(manager, head.key, q.target) : [],
      componentLabels: await componentLabels(manager),
    }),
    invalid ? 400 : 200,
  );
}

/** The one-page summary of an area: the same cached report as the OZG page, a bad selection a German 400. */
async function showSummary(deps: AppDeps, cache: GapReportCache, req: Request, res: Response): Promise<void> {
  const manager = deps.db.reader.manager;
  const head = await areaHead(manager, String(req.params.key));
  const { query: q, facets } = await query(manager, req);
  if (hasErrors(q)) throw new BadRequestError(Object.values(q.errors).flat().join(' '));
  const { report, computedAt } = await cache.get(manager, head.key, q.target, q.filter);
  sendPage(
    res,
    ozgSummaryPage(viewContext(req), {
      area: { key: head.key, label: head.label },
      trail: await areaTrail(manager, head),
      reportHref: `/gebiete/${head.key}/ozg${selectionQuery(q.values)}`,
      // The order of the full report's table means nothing on the summary.
      selection: selectionText(q.values, facets, 'area').replace(/; Sortierung: [^;]*$/, ''),
      report,
      computedAt,
      snapshots: await listSnapshots(manager, head.key, q.target),
    }),
  );
}

async function showUnit(deps: AppDeps, req: Request, res: Response): Promise<void> {
  const manager = deps.db.reader.manager;
  const { region, gemeindeKey } = await findUnitRegion(manager, String(req.params.ags));
  if (!region) {
    res.redirect(
      302,
      `/kommunen/${gemeindeKey}/ozg${req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : ''}`,
    );
    return;
  }
  const { query: q, facets } = await query(manager, req);
  const invalid = hasErrors(q);
  sendPage(
    res,
    ozgUnitPage(viewContext(req), {
      region: { key: region.key, name: region.name },
      trail: await regionTrail(manager, region),
      values: q.values,
      errors: q.errors,
      facets,
      report: invalid ? null : await buildUnitReport(manager, region.key, q.target, q.filter),
      componentLabels: await componentLabels(manager),
    }),
    invalid ? 400 : 200,
  );
}

function formatOf(req: Request): 'csv' | 'xlsx' {
  const format = req.query.format;
  if (format === 'csv' || format === 'xlsx') return format;
  throw new BadRequestError('Bitte das Format csv oder xlsx wählen.');
}

/** Checks the selection of a download; a hand-edited link with bad values is a German 400 page. */
async function downloadQuery(manager: EntityManager, req: Request): Promise<OzgQuery> {
  const { query: q } = await query(manager, req);
  if (hasErrors(q)) throw new BadRequestError(Object.values(q.errors).flat().join(' '));
  return q;
}

async function sendDocument(res: Response, document: ExportDocument, format: 'csv' | 'xlsx'): Promise<void> {
  const file = await renderExport(document, format);
  res.setHeader('Cache-Control', 'private, no-store');
  res.attachment(file.fileName).type(file.contentType).send(file.body);
}

/**
 * The OZG pages: `/gebiete/{key}/ozg` (Germany, Land, Regierungsbezirk, Kreis) and
 * `/kommunen/{ags}/ozg` (Gemeinde or Landkreis), each with its CSV/XLSX download under the
 * session. Signed-in users only, as the API's gap reports need a token.
 */
export function ozgRoutes(deps: AppDeps): Router {
  const router = express.Router();
  const manager = () => deps.db.reader.manager;
  // The app's one gap report cache, shared with the API (computed by the compute workers when there are any).
  const cache = gapReportCacheFor(deps);
  router.get('/ozg-definitionen', async (req, res) => {
    sendPage(res, ozgDefinitionsPage(viewContext(req), await componentLabels(manager())));
  });
  router.get('/gebiete/:key/ozg', requireLogin, (req, res) => showArea(deps, cache, req, res));
  router.get('/gebiete/:key/ozg/zusammenfassung', requireLogin, (req, res) => showSummary(deps, cache, req, res));
  router.get('/gebiete/:key/ozg/download', requireLogin, async (req, res) => {
    const format = formatOf(req);
    const head = await areaHead(manager(), String(req.params.key));
    const q = await downloadQuery(manager(), req);
    const { report } = await cache.get(manager(), head.key, q.target, q.filter);
    await sendDocument(res, gapsDocument(report), format);
  });
  router.get('/kommunen/:ags/ozg', requireLogin, (req, res) => showUnit(deps, req, res));
  router.get('/kommunen/:ags/ozg/download', requireLogin, async (req, res) => {
    const format = formatOf(req);
    const { region } = await findUnitRegion(manager(), String(req.params.ags));
    if (!region) throw new NotFoundError('Die Auswertung steht bei der Gemeinde der kreisfreien Stadt.');
    const q = await downloadQuery(manager(), req);
    await sendDocument(res, unitDocument(await buildUnitReport(manager(), region.key, q.target, q.filter)), format);
  });
  return router;
}
