import type { Config } from '../../config';
import type { ImportFile } from '../../jobs/import-payload';
import { XLSX_MEDIA_TYPE } from '../../importers/tabular';
import type { WebUser } from './context';
import type { ImportKindId } from './import-jobs';
import type { UploadedFile } from './multipart';

/**
 * One kind of file the import page accepts: its form, who may use it, and the files it hands to
 * the job runner, which runs the importer of job kind `import.<id>` (`jobs/kinds.ts`). Upload,
 * background dry run with progress, report, confirmation and the real run are the same for every
 * kind (`import.routes.ts`); the report view picks the kind's details.
 *
 * Extension point: the OZG catalogue (`importOzgCatalogue`) and the online offerings join here as
 * two more entries (and ids in `ImportKindId`, job kinds in `jobs/kinds.ts`), each with a form on
 * `/import` and a report view in `server/web/views/import.view.ts` — nothing else in the flow changes.
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
  /** The job's files (named) and media type from the uploaded ones. */
  files(uploaded: UploadedFile[]): { files: ImportFile[]; mediaType: string | undefined };
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
    files: [{ name: file.fileName || 'upload', buffer: file.data }],
    mediaType: file.contentType?.startsWith(XLSX_MEDIA_TYPE) ? XLSX_MEDIA_TYPE : undefined,
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
  files: (uploaded) => ({
    files: uploaded.map((f, i) => ({ name: f.fileName || `datei-${i + 1}.xml`, buffer: f.data })),
    mediaType: 'application/xml',
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
  files: ([file]) => ({ files: [{ name: file.fileName || 'regeln.csv', buffer: file.data }], mediaType: undefined }),
};

export const IMPORT_KINDS: Record<ImportKindId, ImportKind> = { inventory, fim, rules };

/** The kind of a job (tests name none: the inventory). */
export function kindOf(job: { kind?: ImportKindId }): ImportKind {
  return IMPORT_KINDS[job.kind ?? 'inventory'];
}

/** POST paths that accept `multipart/form-data` (see the CSRF guard in `server/web/index.ts`). */
export const UPLOAD_PATHS: ReadonlySet<string> = new Set(Object.values(IMPORT_KINDS).map((k) => k.path));
