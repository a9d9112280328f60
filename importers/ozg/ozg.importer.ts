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
import type { CatalogueMapping } from './ozg-mapping';
import { planCatalogue, type CataloguePlan } from './ozg-plan';
import { lockCatalogue, writeCatalogueHistory, writeCataloguePlan } from './ozg.writer';

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
  /** How the file's headers map to ours (a preset or the user's own); default: our names and aliases. */
  mapping?: CatalogueMapping;
  /** Allow an update that deactivates most of the catalogue ({@link isMassDeactivation}). */
  allowMassDeactivation?: boolean;
  actor: Actor;
}

/**
 * An update deactivating at least this many OZG-Leistungen, and more than half of the active
 * ones, is refused without `allowMassDeactivation`.
 * NOTE: a file of the wrong layout, one Themenfeld's extract or a one-row test file would
 * otherwise silently deactivate the whole catalogue (seen: one row deactivated all 557).
 */
export const MASS_DEACTIVATION = { minimum: 20, share: 0.5 } as const;

/** True when the plan deactivates most of the catalogue (see {@link MASS_DEACTIVATION}). */
export function isMassDeactivation(plan: CataloguePlan): boolean {
  const n = plan.ozgDeactivations.length;
  return n >= MASS_DEACTIVATION.minimum && n > plan.activeBefore * MASS_DEACTIVATION.share;
}

/** Longest source text kept with a Fokus or EfA flag (`ozg_leistungen.fokus_source`). */
const FLAG_SOURCE_MAX_LENGTH = 300;

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
    details: {
      edition,
      files: catalogue.files,
      ...(options.mapping && { mapping: options.mapping.name }),
    },
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

function massDeactivationProblem(plan: CataloguePlan): ImportProblem {
  const offerings = plan.deactivationDetails.reduce((sum, d) => sum + d.offerings, 0);
  return {
    severity: 'error',
    code: 'mass-deactivation',
    detail:
      `Der Katalog würde ${plan.ozgDeactivations.length} von ${plan.activeBefore} aktiven OZG-Leistungen deaktivieren ` +
      `(daran hängen ${offerings} Online-Angebote; Liste in details.deactivations). Ist die Datei vollständig und ` +
      'die Spaltenzuordnung richtig? Wenn ja: erneut mit --allow-mass-deactivation bzw. allowMassDeactivation=true.',
  };
}

function planned(base: ImportReport, plan: CataloguePlan, options: ImportOzgOptions): ImportReport {
  const writes =
    plan.ozgWrites.length + plan.ozgDeactivations.length + plan.leistungWrites.length + plan.leistungRemovals.length;
  const details = {
    ...base.details,
    ...(plan.deactivationDetails.length > 0 && { deactivations: plan.deactivationDetails }),
  };
  if (isMassDeactivation(plan) && !options.allowMassDeactivation) {
    const problems = [...base.problems, massDeactivationProblem(plan)];
    return {
      ...base,
      status: 'rejected',
      problems,
      details,
      counts: { ...plan.counts, errors: 1, warnings: base.problems.length },
      finishedAt: new Date().toISOString(),
    };
  }
  return {
    ...base,
    unchanged: writes === 0,
    details,
    counts: { ...plan.counts, warnings: base.problems.length },
    finishedAt: new Date().toISOString(),
  };
}

/** The source kept with the flags a file sets: its edition and file names. */
function flagSource(base: ImportReport): string {
  return `${base.details?.edition as string} (${base.source})`.slice(0, FLAG_SOURCE_MAX_LENGTH);
}

/** A real run: plan and write in one transaction, then the derived responsibility in the same one. */
function writeRun(dataSource: DataSource, base: ImportReport, catalogue: Catalogue, options: ImportOzgOptions) {
  const edition = base.details?.edition as string;
  return inTransaction(dataSource, async (tx) => {
    await lockCatalogue(tx);
    const plan = await planCatalogue(tx, catalogue, edition, flagSource(base));
    const report = planned(base, plan, options);
    const importRunId = await beginImportRun(tx, report, options.actor);
    let responsibility: unknown = null;
    if (report.status === 'succeeded' && !report.unchanged) {
      const now = new Date();
      await writeCataloguePlan(tx, plan, now);
      await writeCatalogueHistory(tx, plan, importRunId, now);
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
 * leave the catalogue — writes a history line per OZG-Leistung it adds, changes, reactivates or
 * deactivates, and rebuilds the derived responsibility in the same transaction. An update that
 * would deactivate most of the catalogue is refused unless allowed ({@link isMassDeactivation});
 * the report lists every OZG-Leistung it deactivates (or would) with the offerings on it. The
 * same file again changes nothing (`unchanged: true`).
 */
export async function importOzgCatalogue(dataSource: DataSource, options: ImportOzgOptions): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const catalogue = await readCatalogue(options.files, options.mapping);
  const edition = (options.edition?.trim() || editionFromFileNames(options.files.map((f) => f.name))).slice(
    0,
    EDITION_MAX_LENGTH,
  );
  const base = baseReport(options, catalogue, edition, startedAt);
  let report: ImportReport;
  if (errorsIn(base.problems).length > 0) report = rejected(base);
  else if (options.dryRun) {
    report = planned(base, await planCatalogue(dataSource.manager, catalogue, edition, flagSource(base)), options);
  } else report = await writeRun(dataSource, base, catalogue, options);
  if (report.importRunId !== null) return report;
  return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
}
