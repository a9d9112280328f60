import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { importFim } from '../importers/fim/fim.importer';
import { bufferSource } from '../importers/fim/fim-sources';
import type { ImportReport } from '../importers/import-report';
import { importInventory } from '../importers/inventory/inventory.importer';
import type { Progress } from '../importers/progress';
import { importRules } from '../importers/rules/rules.importer';
import type { BuildGapReport } from '../reports/gaps/snapshots';
import { unpackFiles, type ImportFile, type ImportJobOptions } from './import-payload';
import { SERVICE_KINDS } from './service-kinds';

/** What every job kind may use: the database, the configuration, the log. */
export interface JobContext {
  dataSource: DataSource;
  config: Config;
  logger: Logger;
  /**
   * Computes an area's gap report for the monthly snapshots; the service hands in its compute
   * workers (`server/compute/`), so snapshots do not take the thread that serves requests.
   * Without it they are computed in this thread.
   */
  buildGapReport?: BuildGapReport;
}

/** A job as its kind sees it: the options it was queued with and its bytes. */
export interface JobInput {
  options: Record<string, unknown>;
  payload: Buffer;
}

/** One kind of background job: how to run it, and what to tell the user when it breaks. */
export interface JobKind {
  /** Runs the job; the returned value is stored as the job's result (JSON). */
  run(context: JobContext, input: JobInput, progress: Progress): Promise<unknown>;
  /** Shown (German) when the run throws something other than a domain error. */
  unexpectedError: string;
  /**
   * A job of the service itself (a sync, the snapshots), which may run for long: the runner
   * runs these in slots of their own, so an upload never waits behind them.
   */
  service?: boolean;
}

const IMPORT_BROKE = 'Beim Import ist ein unerwarteter Fehler aufgetreten; es wurde nichts geschrieben.';

/** A web import: the file(s) of the upload through one importer, with the uploader as actor. */
function importKind(
  run: (
    context: JobContext,
    files: ImportFile[],
    options: ImportJobOptions,
    progress: Progress,
  ) => Promise<ImportReport>,
): JobKind {
  return {
    unexpectedError: IMPORT_BROKE,
    run: (context, input, progress) => {
      const options = input.options as unknown as ImportJobOptions;
      return run(context, unpackFiles(options, input.payload), options, progress);
    },
  };
}

/**
 * Every kind of job the runner knows, by the name stored in `jobs.kind`. The web import page
 * queues the three imports; the service's timers queue the syncs and the monthly snapshots
 * (`SERVICE_KINDS`). A new kind is one more entry.
 */
export const JOB_KINDS: Readonly<Record<string, JobKind>> = {
  /** Inventory CSV/XLSX: the importer checks the actor's regions. */
  'import.inventory': importKind((context, [file], options, progress) =>
    importInventory(context.dataSource, {
      buffer: file.buffer,
      sourceName: file.name,
      mediaType: options.mediaType,
      dryRun: options.dryRun,
      actor: options.actor,
      progress,
    }),
  ),
  /** FIM XML (XZuFi, XDatenfelder): several files in one run. */
  'import.fim': importKind((context, files, options, progress) =>
    importFim(context.dataSource, {
      sources: files.map((f) => bufferSource(f.name, f.buffer)),
      maxBytes: context.config.fimImportMaxBytes,
      dryRun: options.dryRun,
      actor: options.actor,
      progress,
    }),
  ),
  /** Responsibility rules or delegation (CSV/XLSX). */
  'import.rules': importKind((context, [file], options) =>
    importRules(context.dataSource, {
      buffer: file.buffer,
      sourceName: file.name,
      dryRun: options.dryRun,
      actor: options.actor,
    }),
  ),
  ...SERVICE_KINDS,
};
