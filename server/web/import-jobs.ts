import { randomBytes } from 'node:crypto';
import type { ImportReport } from '../../importers/import-report';
import type { Progress } from '../../importers/progress';
import { DomainError } from '../../lib/errors';

/** Where a background import stands. */
export interface ImportJobStatus {
  state: 'running' | 'done' | 'failed';
  phase: string;
  done: number;
  total: number;
  /** 0–100, or null while the size of the current phase is unknown. */
  percent: number | null;
}

/** What an import job reads (see `import-kinds.ts`, where each kind names its importer). */
export type ImportKindId = 'inventory' | 'fim' | 'rules';

/** One uploaded file of a job. */
export interface ImportFile {
  name: string;
  buffer: Buffer;
}

/** One upload being checked or imported in the background. */
export interface ImportJob {
  id: string;
  ownerId: number;
  /** The inventory when not given. */
  kind?: ImportKindId;
  /** The file's name, or the names of all files of the upload. */
  fileName: string;
  mediaType: string | undefined;
  /** Kept until the job expires, so a successful dry run can be confirmed without uploading again. */
  buffer: Buffer;
  /** Every file, for kinds that take several in one run (FIM); otherwise `buffer` is the file. */
  files?: ImportFile[];
  dryRun: boolean;
  createdAt: number;
  status: ImportJobStatus;
  report?: ImportReport;
  error?: string;
  /** The real run started from this dry run, if any. */
  followUpId?: string;
}

/** How long finished jobs (and their files) are kept. */
const JOB_TTL_MS = 30 * 60_000;
/** Finished jobs kept per user; older ones are dropped first. */
const JOBS_PER_USER = 5;
/**
 * Jobs one user may have running at once. Each holds its file (up to `IMPORT_MAX_MB`) and the
 * importer's working set in memory, so without a cap one account could fill the process.
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

/**
 * Imports run in the background so the browser can show progress: the upload answers at
 * once with the job's page, which polls the job's status (or, without JavaScript, is
 * reloaded by the user). Jobs live in this process's memory; a deployment with several
 * instances needs sticky sessions for the import pages.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  /**
   * Starts `run` for a new job and returns the job at once; throws {@link TooManyImportsError}
   * (and keeps nothing) when the user already has {@link RUNNING_JOBS_PER_USER} jobs running.
   */
  start(
    init: Pick<ImportJob, 'ownerId' | 'kind' | 'fileName' | 'mediaType' | 'buffer' | 'files' | 'dryRun'>,
    run: (progress: Progress) => Promise<ImportReport>,
    onBug: (error: unknown) => void,
  ): ImportJob {
    this.expire();
    if (this.runningOf(init.ownerId) >= RUNNING_JOBS_PER_USER) throw new TooManyImportsError();
    const job: ImportJob = {
      ...init,
      id: randomBytes(12).toString('base64url'),
      createdAt: Date.now(),
      status: { state: 'running', phase: 'Datei lesen', done: 0, total: 0, percent: null },
    };
    this.jobs.set(job.id, job);
    const progress: Progress = {
      start: (total, label) => {
        job.status = { ...job.status, phase: label, done: 0, total, percent: total > 0 ? 0 : null };
      },
      advance: (by = 1) => {
        const done = job.status.done + by;
        const total = job.status.total;
        job.status = {
          ...job.status,
          done,
          percent: total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : null,
        };
      },
      stop: () => undefined,
    };
    // Let the response go out first; the import then runs in this process's background.
    setImmediate(() => {
      run(progress).then(
        (report) => {
          job.report = report;
          job.status = {
            state: 'done',
            phase: 'fertig',
            done: job.status.total,
            total: job.status.total,
            percent: 100,
          };
        },
        (error: unknown) => {
          if (!(error instanceof DomainError)) onBug(error);
          job.error =
            error instanceof DomainError
              ? error.message
              : 'Beim Import ist ein unerwarteter Fehler aufgetreten; es wurde nichts geschrieben.';
          job.status = { ...job.status, state: 'failed', phase: 'abgebrochen' };
        },
      );
    });
    return job;
  }

  /** The job if it exists and belongs to this user. */
  get(id: string, ownerId: number): ImportJob | undefined {
    this.expire();
    const job = this.jobs.get(id);
    return job && job.ownerId === ownerId ? job : undefined;
  }

  /** How many of the user's jobs are still running. */
  runningOf(ownerId: number): number {
    let running = 0;
    for (const job of this.jobs.values()) if (job.ownerId === ownerId && job.status.state === 'running') running += 1;
    return running;
  }

  private expire(): void {
    const now = Date.now();
    const perOwner = new Map<number, ImportJob[]>();
    for (const job of this.jobs.values()) {
      if (job.status.state !== 'running' && now - job.createdAt > JOB_TTL_MS) {
        this.jobs.delete(job.id);
        continue;
      }
      perOwner.set(job.ownerId, [...(perOwner.get(job.ownerId) ?? []), job]);
    }
    for (const jobs of perOwner.values()) {
      const finished = jobs.filter((j) => j.status.state !== 'running').sort((a, b) => a.createdAt - b.createdAt);
      while (finished.length > JOBS_PER_USER) this.jobs.delete((finished.shift() as ImportJob).id);
    }
  }
}
