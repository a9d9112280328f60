import type { ImportReport } from '../../../importers/import-report';

/*
 * What the import pages show of a background import: the view model the pages render, filled
 * by `server/web/import-jobs.ts` from the persisted job (`jobs/`).
 */

/** Where a background import stands. */
export interface ImportJobStatus {
  state: 'running' | 'done' | 'failed';
  phase: string;
  done: number;
  total: number;
  /** 0–100, or null while the size of the current phase is unknown. */
  percent: number | null;
}

/** What an import job reads (see `import-kinds.ts`; the runner's job kind is `import.<id>`). */
export type ImportKindId = 'inventory' | 'fim' | 'rules';

/** An upload being checked or imported in the background, as the import pages show it. */
export interface ImportJob {
  id: string;
  ownerId: number;
  /** The inventory when not given. */
  kind?: ImportKindId;
  /** The file's name, or the names of all files of the upload. */
  fileName: string;
  mediaType: string | undefined;
  /** The files of the upload (their bytes stay in the job table). */
  files?: { name: string }[];
  dryRun: boolean;
  createdAt: number;
  status: ImportJobStatus;
  report?: ImportReport;
  error?: string;
  /** The real run started from this dry run, if any. */
  followUpId?: string;
}
