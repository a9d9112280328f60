import type { DataSource } from 'typeorm';
import { sha256Hex } from '../../lib/hash';
import type { Actor } from '../../lib/principal';
import { bufferSource } from '../fim/fim-sources';
import { importFim } from '../fim/fim.importer';
import { recordImportRun, type ImportProblem, type ImportReport } from '../import-report';

/** One XZuFi message of a page, or null when the source had none for it (an empty page, a 404). */
export interface XzufiFile {
  name: string;
  xml: Buffer | null;
  /** German warning for a missing or empty message. */
  emptyNote: string;
}

/**
 * Imports the XZuFi messages of one page batch through the FIM importer: one run, one
 * transaction, all or nothing. Missing or empty messages are warnings; a batch without any
 * becomes a small run of its own that says so, so every page has a run record.
 */
export async function importXzufiFiles(
  dataSource: DataSource,
  options: { files: XzufiFile[]; maxBytes: number; actor: Actor },
): Promise<ImportReport> {
  const { files, maxBytes, actor } = options;
  const present = files.filter(
    (f): f is XzufiFile & { xml: Buffer } => f.xml !== null && f.xml.toString('utf8').trim() !== '',
  );
  const missing: ImportProblem[] = files
    .filter((f) => !present.includes(f as XzufiFile & { xml: Buffer }))
    .map((f) => ({ severity: 'warning', code: 'empty-page', detail: f.emptyNote, file: f.name }));
  if (present.length > 0) {
    const report = await importFim(dataSource, {
      sources: present.map((f) => bufferSource(f.name, f.xml)),
      maxBytes,
      actor,
    });
    // The run record has the importer's report; the sync's report adds what was missing.
    return { ...report, problems: [...report.problems, ...missing] };
  }
  const now = new Date().toISOString();
  const report: ImportReport = {
    kind: 'fim',
    source: files.map((f) => f.name).join(', '),
    sha256: sha256Hex(''),
    dryRun: false,
    status: 'succeeded',
    unchanged: true,
    counts: { files: 0 },
    problems: missing,
    importRunId: null,
    startedAt: now,
    finishedAt: now,
  };
  return { ...report, importRunId: await recordImportRun(dataSource, report, actor) };
}
