import type { Config } from '../../config';
import { importFim } from '../../importers/fim/fim.importer';
import { bufferSource } from '../../importers/fim/fim-sources';
import type { ImportReport } from '../../importers/import-report';
import { importInventory } from '../../importers/inventory/inventory.importer';
import { importRules } from '../../importers/rules/rules.importer';
import type { Progress } from '../../importers/progress';
import { XLSX_MEDIA_TYPE } from '../../importers/tabular';
import type { Actor } from '../../lib/principal';
import type { AppDeps } from '../deps';
import type { WebUser } from './context';
import type { ImportFile, ImportJob, ImportKindId } from './import-jobs';
import type { UploadedFile } from './multipart';

/**
 * One kind of file the import page accepts: its form, who may use it, and the importer it runs.
 * Upload, background dry run with progress, report, confirmation and the real run are the same
 * for every kind (`import.routes.ts`); the report view picks the kind's details.
 *
 * Extension point: the OZG catalogue (`importOzgCatalogue`) and the online offerings join here as
 * two more entries (and ids in `ImportKindId`), each with a form on `/import` and a report view
 * in `server/web/views/import.view.ts` — nothing else in the flow changes.
 */
export interface ImportKind {
  id: ImportKindId;
  /** Heading of its form, e.g. "Bestand importieren". */
  title: string;
  /** Where its form posts (multipart; the CSRF guard accepts multipart only on these paths). */
  path: string;
  /** The form's file field. */
  field: string;
  /** Most files in one upload (one run, one transaction). */
  maxFiles: number;
  /** Largest upload in bytes. */
  maxBytes(config: Config): number;
  mayUse(user: WebUser): boolean;
  /** Why someone else may not (a German 403 message). */
  refusal: string;
  /** The job's files from the uploaded ones. */
  files(uploaded: UploadedFile[]): Pick<ImportJob, 'fileName' | 'mediaType' | 'buffer' | 'files'>;
  run(deps: AppDeps, job: ImportJob, actor: Actor, progress: Progress): Promise<ImportReport>;
}

/** Inventory CSV/XLSX: editors for their regions (checked by the importer) and admins. */
const inventory: ImportKind = {
  id: 'inventory',
  title: 'Bestand importieren',
  path: '/import',
  field: 'datei',
  maxFiles: 1,
  maxBytes: (config) => config.importMaxBytes,
  mayUse: (user) => user.role !== 'reader',
  refusal: 'Importe brauchen Bearbeitungsrechte; Ihr Konto hat nur Lesezugriff.',
  files: ([file]) => ({
    fileName: file.fileName || 'upload',
    mediaType: file.contentType?.startsWith(XLSX_MEDIA_TYPE) ? XLSX_MEDIA_TYPE : undefined,
    buffer: file.data,
  }),
  run: (deps, job, actor, progress) =>
    importInventory(deps.dataSource, {
      buffer: job.buffer,
      sourceName: job.fileName,
      mediaType: job.mediaType,
      dryRun: job.dryRun,
      actor,
      progress,
    }),
};

/** FIM XML (XZuFi, XDatenfelder): admins only, as `POST /api/imports/fim`; several files in one run. */
const fim: ImportKind = {
  id: 'fim',
  title: 'FIM-XML importieren',
  path: '/import/fim',
  field: 'dateien',
  maxFiles: 10,
  maxBytes: (config) => config.fimImportMaxBytes,
  mayUse: (user) => user.role === 'admin',
  refusal: 'FIM-Importe dürfen nur Administratorinnen und Administratoren ausführen.',
  files: (uploaded) => {
    const files: ImportFile[] = uploaded.map((f, i) => ({ name: f.fileName || `datei-${i + 1}.xml`, buffer: f.data }));
    return {
      fileName: files.map((f) => f.name).join(', '),
      mediaType: 'application/xml',
      buffer: files[0].buffer,
      files,
    };
  },
  run: (deps, job, actor, progress) =>
    importFim(deps.dataSource, {
      sources: (job.files ?? [{ name: job.fileName, buffer: job.buffer }]).map((f) => bufferSource(f.name, f.buffer)),
      maxBytes: deps.config.fimImportMaxBytes,
      dryRun: job.dryRun,
      actor,
      progress,
    }),
};

/** Responsibility rules or delegation (CSV/XLSX): admins only, as `POST /api/imports/responsibility-rules`. */
const rules: ImportKind = {
  id: 'rules',
  title: 'Zuständigkeitsregeln importieren',
  path: '/import/regeln',
  field: 'regeln',
  maxFiles: 1,
  maxBytes: (config) => config.importMaxBytes,
  mayUse: (user) => user.role === 'admin',
  refusal: 'Zuständigkeitsregeln ändern nur Administratorinnen und Administratoren.',
  files: ([file]) => ({ fileName: file.fileName || 'regeln.csv', mediaType: undefined, buffer: file.data }),
  run: (deps, job, actor) =>
    importRules(deps.dataSource, { buffer: job.buffer, sourceName: job.fileName, dryRun: job.dryRun, actor }),
};

export const IMPORT_KINDS: Record<ImportKindId, ImportKind> = { inventory, fim, rules };

/** The kind of a job (older jobs and tests name none: the inventory). */
export function kindOf(job: Pick<ImportJob, 'kind'>): ImportKind {
  return IMPORT_KINDS[job.kind ?? 'inventory'];
}

/** POST paths that accept `multipart/form-data` (see the CSRF guard in `server/web/index.ts`). */
export const UPLOAD_PATHS: ReadonlySet<string> = new Set(Object.values(IMPORT_KINDS).map((k) => k.path));
