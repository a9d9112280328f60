import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { JobRunner } from '../../jobs/runner';
import { NotAllowedError, NotFoundError } from '../../lib/errors';
import { CsrfError, hasValidCsrfToken } from '../auth/csrf';
import type { AppDeps } from '../deps';
import { importJobPage, importPage, type ImportFormKind } from './views/import.view';
import { requireLogin, seeOther, sendPage, viewContext, type WebUser } from './context';
import { ImportJobs, JOB_GONE, TooManyImportsError, type ImportJob, type ImportJobStart } from './import-jobs';
import { IMPORT_KINDS, kindOf, type ImportKind } from './import-kinds';
import { boundaryOf, parseMultipart } from './multipart';

/** A dry run to start, or the real run of this dry run. */
type JobInit = Pick<ImportJobStart, 'kind' | 'files' | 'mediaType'> | { confirming: ImportJob };

function requireImporter(req: Request, _res: Response, next: NextFunction): void {
  next(req.webUser?.role === 'reader' ? new NotAllowedError(IMPORT_KINDS.inventory.refusal) : undefined);
}

function requireKind(kind: ImportKind) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    next(kind.mayUse(req.webUser as WebUser) ? undefined : new NotAllowedError(kind.refusal));
  };
}

async function jobOf(jobs: ImportJobs, req: Request): Promise<ImportJob> {
  const job = await jobs.get(String(req.params.id), (req.webUser as WebUser).id);
  if (!job) throw new NotFoundError(JOB_GONE);
  return job;
}

/**
 * `/import`: upload → background dry run with progress → report with every error → confirm →
 * background real run, for each kind of `import-kinds.ts` (inventory CSV/XLSX; FIM XML for
 * admins). Each run is a persisted job (`jobs/`) run by `deps.jobs`, the runner `main.ts` starts;
 * without one (tests) a runner that runs what is queued here, in this process. Uses the same
 * importers as the API and the CLI, with the signed-in user as actor.
 */
export function importRoutes(deps: AppDeps): Router {
  const router = express.Router();
  const runner =
    deps.jobs ??
    new JobRunner({ dataSource: deps.db.reader, config: deps.config, logger: deps.logger }, { pollMs: null });
  const jobs = new ImportJobs(deps.db.reader, runner);
  /** The forms the user sees on `/import`. */
  const kindsFor = (req: Request): ImportFormKind[] =>
    Object.values(IMPORT_KINDS)
      .filter((k) => k.mayUse(req.webUser as WebUser))
      .map((k) => ({ id: k.id, maxBytes: k.maxBytes(deps.config) }));

  const startJob = (req: Request, init: JobInit): Promise<ImportJob> => {
    const actor = { principal: req.principal!, requestId: req.id };
    if ('confirming' in init) return jobs.confirm(init.confirming, actor);
    return jobs.start({ ...init, ownerId: (req.webUser as WebUser).id, dryRun: true, actor });
  };

  /**
   * Starts a job, or answers 429 with the page the user came from (the upload form, or the
   * dry run to confirm) and the German reason when too many of the user's jobs are running.
   */
  const tryStart = async (req: Request, res: Response, init: JobInit): Promise<ImportJob | null> => {
    const from = 'confirming' in init ? init.confirming : undefined;
    try {
      return await startJob(req, init);
    } catch (error) {
      if (!(error instanceof TooManyImportsError)) throw error;
      const ctx = viewContext(req, { withCsrf: true });
      sendPage(
        res,
        from
          ? importJobPage(ctx, from, error.message)
          : importPage(ctx, {
              kinds: kindsFor(req),
              failed: kindOf('kind' in init ? init : init.confirming).id,
              problem: error.message,
            }),
        429,
      );
      return null;
    }
  };

  router.get('/import', requireLogin, requireImporter, (req, res) => {
    sendPage(res, importPage(viewContext(req, { withCsrf: true }), { kinds: kindsFor(req) }));
  });

  for (const kind of Object.values(IMPORT_KINDS)) {
    const upload = express.raw({ type: 'multipart/form-data', limit: kind.maxBytes(deps.config) + 64 * 1024 });
    const refuse = (req: Request, res: Response, message: string) =>
      sendPage(
        res,
        importPage(viewContext(req, { withCsrf: true }), {
          kinds: kindsFor(req),
          failed: kind.id,
          errors: { [kind.field]: [message] },
        }),
        422,
      );
    router.post(kind.path, requireLogin, requireImporter, requireKind(kind), upload, async (req, res) => {
      const boundary = boundaryOf(req.headers['content-type']);
      if (!boundary || !Buffer.isBuffer(req.body)) {
        refuse(req, res, kind.maxFiles > 1 ? 'Bitte mindestens eine Datei auswählen.' : 'Bitte eine Datei auswählen.');
        return;
      }
      const form = await parseMultipart(req.body, boundary);
      req.body = form.fields;
      if (!hasValidCsrfToken(req)) throw new CsrfError();
      const files = form.files.filter((f) => f.field === kind.field);
      if (files.length === 0 || files.some((f) => f.data.length === 0)) {
        refuse(
          req,
          res,
          `Bitte ${kind.maxFiles > 1 ? 'Dateien' : 'eine Datei'} auswählen (eine gewählte Datei ist leer).`,
        );
        return;
      }
      if (files.length > kind.maxFiles) {
        refuse(req, res, `Höchstens ${kind.maxFiles} Dateien auf einmal; Sie haben ${files.length} gewählt.`);
        return;
      }
      const job = await tryStart(req, res, { kind: kind.id, ...kind.files(files) });
      if (job) seeOther(res, `/import/auftraege/${job.id}`);
    });
  }

  router.get('/import/auftraege/:id', requireLogin, async (req, res) => {
    sendPage(res, importJobPage(viewContext(req, { withCsrf: true }), await jobOf(jobs, req)));
  });

  router.get('/import/auftraege/:id/status', requireLogin, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json((await jobOf(jobs, req)).status);
  });

  router.post('/import/auftraege/:id/ausfuehren', requireLogin, requireImporter, async (req, res) => {
    const dryRun = await jobOf(jobs, req);
    const kind = kindOf(dryRun);
    if (!kind.mayUse(req.webUser as WebUser)) throw new NotAllowedError(kind.refusal);
    if (!dryRun.report || dryRun.report.status !== 'succeeded' || !dryRun.dryRun) {
      throw new NotFoundError('Nur ein fehlerfreier Probelauf kann importiert werden.');
    }
    if (dryRun.followUpId) {
      seeOther(res, `/import/auftraege/${dryRun.followUpId}`);
      return;
    }
    const job = await tryStart(req, res, { confirming: dryRun });
    if (job) seeOther(res, `/import/auftraege/${job.id}`);
  });
  return router;
}
