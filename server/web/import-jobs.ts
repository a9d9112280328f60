import type { DataSource } from 'typeorm';
import type { Job } from '../../entities/job.entity';
import type { ImportReport } from '../../importers/import-report';
import { packFiles, type ImportFile, type ImportJobOptions } from '../../jobs/import-payload';
import {
  activeJobsOf,
  deleteJobs,
  expiredJobs,
  findJob,
  followUpOf,
  queueFollowUp,
  queueJob,
} from '../../jobs/job-store';
import type { JobRunner } from '../../jobs/runner';
import { DomainError, NotFoundError } from '../../lib/errors';
import type { Actor } from '../../lib/principal';
import type { ImportJob, ImportJobStatus, ImportKindId } from './views/import-job';

export type { ImportJob, ImportJobStatus, ImportKindId } from './views/import-job';

/** What the upload route hands over to start a job. */
export interface ImportJobStart {
  ownerId: number;
  kind: ImportKindId;
  files: ImportFile[];
  mediaType: string | undefined;
  dryRun: boolean;
  actor: Actor;
}

/** How long finished jobs (and their files) are kept. */
const JOB_TTL_MS = 30 * 60_000;
/** Finished jobs kept per user; older ones are dropped first. */
const JOBS_PER_USER = 5;
/**
 * Jobs one user may have queued or running at once. Each holds its file (up to `IMPORT_MAX_MB`)
 * and, when it runs, the importer's working set in memory, so without a cap one account could
 * fill the queue and the process.
 */
export const RUNNING_JOBS_PER_USER = 2;

/** A user tried to start another import while {@link RUNNING_JOBS_PER_USER} are still running. */
export class TooManyImportsError extends DomainError {
  constructor() {
    super(
      `Sie haben bereits ${RUNNING_JOBS_PER_USER} Importe, die noch laufen. Bitte warten Sie, bis einer davon ` +
        'fertig ist, und senden Sie die Datei dann noch einmal. Den Stand sehen Sie auf den Seiten der laufenden Aufträge.',
    );
  }
}

const KIND_PREFIX = 'import.';

/** Why a job page is not found. */
export const JOB_GONE = 'Diesen Importauftrag gibt es nicht (mehr). Aufträge werden nach 30 Minuten gelöscht.';

function statusOf(job: Job, runner: JobRunner): ImportJobStatus {
  switch (job.status) {
    case 'queued':
      return { state: 'running', phase: 'Wartet auf den Start', done: 0, total: 0, percent: null };
    case 'running':
      // The live progress is in the memory of the process running it; another instance's job shows its phase only.
      return {
        state: 'running',
        ...(runner.progressOf(job.id) ?? { phase: 'Läuft', done: 0, total: 0, percent: null }),
      };
    case 'succeeded':
      return { state: 'done', phase: 'fertig', done: 0, total: 0, percent: 100 };
    default:
      return { state: 'failed', phase: 'abgebrochen', done: 0, total: 0, percent: null };
  }
}

/**
 * The import pages' view of the persisted jobs (`jobs/`): the upload queues a job of kind
 * `import.<id>` with the file's bytes and wakes the runner, the page and its status poll read
 * the job's row. A restart keeps queued jobs (the runner runs them after the start) and
 * queues again the ones cut off while running.
 */
export class ImportJobs {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: JobRunner,
  ) {}

  /**
   * Queues a job and returns it; throws {@link TooManyImportsError} (and keeps nothing) when the
   * user already has {@link RUNNING_JOBS_PER_USER} jobs queued or running.
   */
  async start(init: ImportJobStart): Promise<ImportJob> {
    await this.expire(init.ownerId);
    if ((await this.runningOf(init.ownerId)) >= RUNNING_JOBS_PER_USER) throw new TooManyImportsError();
    const { payload, files } = packFiles(init.files);
    const options: ImportJobOptions = { files, mediaType: init.mediaType, dryRun: init.dryRun, actor: init.actor };
    const job = await queueJob(this.dataSource, {
      kind: `${KIND_PREFIX}${init.kind}`,
      options: { ...options },
      payload,
      ownerId: init.ownerId,
      queuedBy: init.actor.principal.name,
    });
    this.runner.wake();
    return this.view(job, null);
  }

  /**
   * Queues the real run of a successful dry run with the same files (at most one: a second
   * confirmation gets the first one's job). Throws {@link TooManyImportsError} like `start`.
   */
  async confirm(dryRun: ImportJob, actor: Actor): Promise<ImportJob> {
    if ((await this.runningOf(dryRun.ownerId)) >= RUNNING_JOBS_PER_USER) throw new TooManyImportsError();
    const previous = await findJob(this.dataSource, Number(dryRun.id));
    if (!previous) throw new NotFoundError(JOB_GONE);
    const options = { ...(previous.options as unknown as ImportJobOptions), dryRun: false, actor };
    const job = await queueFollowUp(this.dataSource, previous.id, {
      kind: previous.kind,
      options: { ...options },
      ownerId: dryRun.ownerId,
      queuedBy: actor.principal.name,
    });
    this.runner.wake();
    return this.view(job, null);
  }

  /** The job if it exists, is an import and belongs to this user. */
  async get(id: string, ownerId: number): Promise<ImportJob | undefined> {
    if (!/^[1-9]\d{0,9}$/.test(id)) return undefined;
    const job = await findJob(this.dataSource, Number(id));
    if (!job || job.ownerId !== ownerId || !job.kind.startsWith(KIND_PREFIX)) return undefined;
    return this.view(job, await followUpOf(this.dataSource, job.id));
  }

  /** How many of the user's jobs are queued or running. */
  runningOf(ownerId: number): Promise<number> {
    return activeJobsOf(this.dataSource, ownerId);
  }

  private view(job: Job, followUpId: number | null): ImportJob {
    const options = job.options as unknown as ImportJobOptions;
    return {
      id: String(job.id),
      ownerId: job.ownerId as number,
      kind: job.kind.slice(KIND_PREFIX.length) as ImportKindId,
      fileName: options.files.map((f) => f.name).join(', '),
      mediaType: options.mediaType,
      files: options.files.map((f) => ({ name: f.name })),
      dryRun: options.dryRun,
      createdAt: job.createdAt.getTime(),
      status: statusOf(job, this.runner),
      ...(job.status === 'succeeded' ? { report: job.result as ImportReport } : {}),
      ...(job.error ? { error: job.error } : {}),
      ...(followUpId !== null ? { followUpId: String(followUpId) } : {}),
    };
  }

  /** Forgets finished jobs after {@link JOB_TTL_MS} and beyond the user's newest {@link JOBS_PER_USER}. */
  private async expire(ownerId: number): Promise<void> {
    const before = new Date(Date.now() - JOB_TTL_MS);
    await deleteJobs(this.dataSource, await expiredJobs(this.dataSource, before, { ownerId, keep: JOBS_PER_USER }));
  }
}
