import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { importInventory } from '../../importers/inventory/inventory.importer';
import { XLSX_MEDIA_TYPE } from '../../importers/tabular';
import { NotAllowedError, NotFoundError } from '../../lib/errors';
import { CsrfError, hasValidCsrfToken } from '../auth/csrf';
import type { AppDeps } from '../deps';
import { importJobPage, importPage } from '../views/import.view';
import { requireLogin, seeOther, sendPage, viewContext, type WebUser } from './context';
import { ImportJobs, TooManyImportsError, type ImportJob } from './import-jobs';
import { boundaryOf, parseMultipart } from './multipart';

function requireImporter(req: Request, _res: Response, next: NextFunction): void {
  next(
    req.webUser?.role === 'reader'
      ? new NotAllowedError('Importe brauchen Bearbeitungsrechte; Ihr Konto hat nur Lesezugriff.')
      : undefined,
  );
}

function jobOf(jobs: ImportJobs, req: Request): ImportJob {
  const job = jobs.get(String(req.params.id), (req.webUser as WebUser).id);
  if (!job)
    throw new NotFoundError('Diesen Importauftrag gibt es nicht (mehr). Aufträge werden nach 30 Minuten gelöscht.');
  return job;
}

/**
 * `/import`: upload → background dry run with progress → report with every row error →
 * confirm → background real run. Uses the same importer as the API and the CLI, with the
 * signed-in user as actor (editors only for their regions, as for tokens).
 */
export function importRoutes(deps: AppDeps): Router {
  const router = express.Router();
  const jobs = new ImportJobs();
  const upload = express.raw({ type: 'multipart/form-data', limit: deps.config.importMaxBytes + 64 * 1024 });

  const startJob = (req: Request, init: Pick<ImportJob, 'fileName' | 'mediaType' | 'buffer' | 'dryRun'>): ImportJob => {
    const principal = req.principal!;
    const actor = { principal, requestId: req.id };
    return jobs.start(
      { ...init, ownerId: (req.webUser as WebUser).id },
      (progress) =>
        importInventory(deps.dataSource, {
          buffer: init.buffer,
          sourceName: init.fileName,
          mediaType: init.mediaType,
          dryRun: init.dryRun,
          actor,
          progress,
        }),
      (error) => deps.logger.error({ err: error }, 'import job failed'),
    );
  };

  /**
   * Starts a job, or answers 429 with the page the user came from (the upload form, or the
   * dry run to confirm) and the German reason when too many of the user's jobs are running.
   */
  const tryStart = (
    req: Request,
    res: Response,
    init: Pick<ImportJob, 'fileName' | 'mediaType' | 'buffer' | 'dryRun'>,
    from?: ImportJob,
  ): ImportJob | null => {
    try {
      return startJob(req, init);
    } catch (error) {
      if (!(error instanceof TooManyImportsError)) throw error;
      const ctx = viewContext(req, { withCsrf: true });
      sendPage(res, from ? importJobPage(ctx, from, error.message) : importPage(ctx, {}, error.message), 429);
      return null;
    }
  };

  router.get('/import', requireLogin, requireImporter, (req, res) => {
    sendPage(res, importPage(viewContext(req, { withCsrf: true })));
  });

  router.post('/import', requireLogin, requireImporter, upload, (req, res) => {
    const boundary = boundaryOf(req.headers['content-type']);
    if (!boundary || !Buffer.isBuffer(req.body)) {
      sendPage(res, importPage(viewContext(req, { withCsrf: true }), { datei: ['Bitte eine Datei auswählen.'] }), 422);
      return;
    }
    const form = parseMultipart(req.body, boundary);
    req.body = form.fields;
    if (!hasValidCsrfToken(req)) throw new CsrfError();
    const file = form.files.find((f) => f.field === 'datei');
    if (!file || file.data.length === 0) {
      sendPage(
        res,
        importPage(viewContext(req, { withCsrf: true }), {
          datei: ['Bitte eine Datei auswählen (die gewählte Datei ist leer).'],
        }),
        422,
      );
      return;
    }
    const mediaType = file.contentType?.startsWith(XLSX_MEDIA_TYPE) ? XLSX_MEDIA_TYPE : undefined;
    const job = tryStart(req, res, { fileName: file.fileName || 'upload', mediaType, buffer: file.data, dryRun: true });
    if (job) seeOther(res, `/import/auftraege/${job.id}`);
  });

  router.get('/import/auftraege/:id', requireLogin, (req, res) => {
    sendPage(res, importJobPage(viewContext(req, { withCsrf: true }), jobOf(jobs, req)));
  });

  router.get('/import/auftraege/:id/status', requireLogin, (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(jobOf(jobs, req).status);
  });

  router.post('/import/auftraege/:id/ausfuehren', requireLogin, requireImporter, (req, res) => {
    const dryRun = jobOf(jobs, req);
    if (!dryRun.report || dryRun.report.status !== 'succeeded' || !dryRun.dryRun) {
      throw new NotFoundError('Nur ein fehlerfreier Probelauf kann importiert werden.');
    }
    if (dryRun.followUpId) {
      seeOther(res, `/import/auftraege/${dryRun.followUpId}`);
      return;
    }
    const job = tryStart(
      req,
      res,
      { fileName: dryRun.fileName, mediaType: dryRun.mediaType, buffer: dryRun.buffer, dryRun: false },
      dryRun,
    );
    if (!job) return;
    dryRun.followUpId = job.id;
    seeOther(res, `/import/auftraege/${job.id}`);
  });
  return router;
}
