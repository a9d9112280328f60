import type { DataSource } from 'typeorm';
import { inTransaction } from '../../entities/transaction';
import { sha256Hex } from '../../lib/hash';
import type { Actor } from '../../lib/principal';
import { rebuildResponsibility } from '../../services/responsibility.service';
import {
  beginImportRun,
  finishImportRun,
  recordImportRun,
  type ImportProblem,
  type ImportReport,
} from '../import-report';
import { readCatalogue, type Catalogue, type CatalogueFile } from './ozg-catalogue';
import { planCatalogue, type CataloguePlan } from './ozg-plan';
import { lockCatalogue, writeCataloguePlan } from './ozg.writer';

export type { CatalogueFile } from './ozg-catalogue';

/** The edition of the catalogue shipped in `data/reference/` (see its SOURCES.md). */
export const SHIPPED_EDITION = 'OZG-Umsetzungskatalog 2019 (Stand 10/2019)';

/** The shipped pair: OZG-Leistungen, then Leistungen with their LeiKa-Typ. */
export const SHIPPED_FILES = ['ozg_leistungen_2019.csv', 'ozg_leika_leistungen_2019.csv'] as const;

/** Longest edition name the database keeps (`ozg_leistungen.edition`). */
export const EDITION_MAX_LENGTH = 80;

/** Input of {@link importOzgCatalogue}. */
export interface ImportOzgOptions {
  /** One joined file, or the pair of OZG-Leistungen and Leistungen files (any order). */
  files: CatalogueFile[];
  /** Name of the catalogue edition; default from the file names ({@link editionFromFileNames}). */
  edition?: string;
  /** Check everything and report what would change, but write nothing except the run record. */
  dryRun?: boolean;
  actor: Actor;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/**
 * The edition a catalogue file stands for when none is given: the shipped pair is
 * {@link SHIPPED_EDITION}; any other file is named after itself (`OZG-Katalog ozg_2024`), so a
 * newer catalogue never passes for the 2019 one.
 */
export function editionFromFileNames(names: string[]): string {
  const bases = names.map(baseName);
  if (bases.length > 0 && bases.every((b) => (SHIPPED_FILES as readonly string[]).includes(b))) return SHIPPED_EDITION;
  const stem = (bases[0] ?? 'upload').replace(/\.(csv|json|xlsx|txt)$/i, '');
  return `OZG-Katalog ${stem}`.slice(0, EDITION_MAX_LENGTH);
}

function errorsIn(problems: ImportProblem[]): ImportProblem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** Problems in file order, then by row (stable within a row); file-level ones of a file first. */
function inOrder(problems: ImportProblem[], files: CatalogueFile[]): ImportProblem[] {
  const fileIndex = (p: ImportProblem) => (p.file === undefined ? -1 : files.findIndex((f) => f.name === p.file));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => fileIndex(a.p) - fileIndex(b.p) || (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

function baseReport(options: ImportOzgOptions, catalogue: Catalogue, edition: string, startedAt: string): ImportReport {
  return {
    kind: 'ozg-catalogue',
    source: options.files.map((f) => f.name).join(', '),
    sha256: sha256Hex(Buffer.concat(options.files.map((f) => Buffer.from(f.buffer)))),
    dryRun: options.dryRun ?? false,
    status: 'succeeded',
    unchanged: false,
    counts: { rows: catalogue.rows },
    problems: inOrder(catalogue.problems, options.files),
    details: { edition, files: catalogue.files },
    importRunId: null,
    startedAt,
    finishedAt: startedAt,
  };
}

function rejected(base: ImportReport): ImportReport {
  const errors = errorsIn(base.problems);
  const rows = new Set(errors.filter((p) => p.row !== undefined).map((p) => `${p.file ?? ''}:${p.row}`));
  return {
    ...base,
    status: 'rejected',
    counts: {
      ...base.counts,
      rowsWithErrors: rows.size,
      errors: errors.length,
      warnings: base.problems.length - errors.length,
    },
    finishedAt: new Date().toISOString(),
  };
}

function planned(base: ImportReport, plan: CataloguePlan): ImportReport {
  const writes =
    plan.ozgWrites.length + plan.ozgDeactivations.length + plan.leistungWrites.length + plan.leistungRemovals.length;
  return {
    ...base,
    unchanged: writes === 0,
    counts: { ...plan.counts, warnings: base.problems.length },
    finishedAt: new Date().toISOString(),
  };
}

/** A real run: plan and write in one transaction, then the derived responsibility in the same one. */
function writeRun(dataSource: DataSource, base: ImportReport, catalogue: Catalogue, options: ImportOzgOptions) {
  const edition = base.details?.edition as string;
  return inTransaction(dataSource, async (tx) => {
    await lockCatalogue(tx);
    const plan = await planCatalogue(tx, catalogue, edition);
    const report = planned(base, plan);
    const importRunId = await beginImportRun(tx, report, options.actor);
    let responsibility: unknown = null;
    if (!report.unchanged) {
      await writeCataloguePlan(tx, plan, new Date());
      responsibility = await rebuildResponsibility(tx);
    }
    const done: ImportReport = {
      ...report,
      importRunId,
      details: { ...report.details, responsibility },
      finishedAt: new Date().toISOString(),
    };
    await finishImportRun(tx, importRunId, done, options.actor);
    return done;
  });
}

/**
 * Imports an OZG catalogue (docs/import-ozg.md): one joined file or the pair of OZG-Leistungen
 * and Leistungen files, CSV, XLSX or JSON. Every problem of every row is collected first; with
 * any error the run is `rejected` and writes nothing but its run record, and a dry run reports
 * the same problems and counts without writing. A real run replaces the current catalogue in one
 * transaction — OZG-Leistungen it no longer lists are deactivated, Leistungen it no longer lists
 * leave the catalogue — and rebuilds the derived responsibility in the same transaction. The
 * same file again changes nothing (`unchanged: true`).
 */
export async function importOzgCatalogue(dataSource: DataSource, options: ImportOzgOptions): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const catalogue = await readCatalogue(options.files);
  const edition = (options.edition?.trim() || editionFromFileNames(options.files.map((f) => f.name))).slice(
    0,
    EDITION_MAX_LENGTH,
  );
  const base = baseReport(options, catalogue, edition, startedAt);
  let report: ImportReport;
  if (errorsIn(base.problems).length > 0) report = rejected(base);
  else if (options.dryRun) report = planned(base, await planCatalogue(dataSource.manager, catalogue, edition));
  else report = await writeRun(dataSource, base, catalogue, options);
  if (report.importRunId !== null) return report;
  return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
}
