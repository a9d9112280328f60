import { InvalidArgumentError, type Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import type { ImportReport } from '../importers/import-report';
import { parseCatalogueMapping, type CatalogueMapping } from '../importers/ozg/ozg-mapping';
import type { PlannedDeactivation } from '../importers/ozg/ozg-plan';
import { importOzgFlags } from '../importers/ozg/ozg-flags.importer';
import { CATALOGUE_PRESETS, presetMapping } from '../importers/ozg/ozg-presets';
import { EDITION_MAX_LENGTH, importOzgCatalogue, type CatalogueFile } from '../importers/ozg/ozg.importer';
import { InputError } from '../lib/errors';
import { cliPrincipal } from '../lib/principal';
import { withDatabase } from './context';
import { printImportReport } from './output';

/** Reads import files from disk (name and bytes), refusing a missing one before the database is opened. */
export function readImportFiles(files: string[]): CatalogueFile[] {
  return files.map((file) => {
    const path = resolve(process.cwd(), file);
    if (!existsSync(path)) throw new InputError(`Datei nicht gefunden: ${path}`);
    return { name: basename(path), buffer: readFileSync(path) };
  });
}

/** Options of {@link importOzgFiles} and of the command. */
export interface OzgFileOptions {
  edition?: string;
  dryRun?: boolean;
  /** A preset's id (see ozg-presets.ts). */
  preset?: string;
  /** Path of a JSON mapping file (our column → their header). */
  mapping?: string;
  allowMassDeactivation?: boolean;
}

/** The mapping the options name: a preset or a JSON file, not both; refused before the database opens. */
export function mappingOf(options: OzgFileOptions): CatalogueMapping | undefined {
  if (options.preset && options.mapping) {
    throw new InputError('Bitte entweder --preset oder --mapping angeben, nicht beides.');
  }
  if (options.preset) return presetMapping(options.preset);
  if (!options.mapping) return undefined;
  const [file] = readImportFiles([options.mapping]);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(file.buffer).toString('utf8'));
  } catch (error) {
    throw new InputError(`Die Zuordnungsdatei ${file.name} ist kein gültiges JSON: ${(error as Error).message}`);
  }
  return parseCatalogueMapping(json, `eigene Zuordnung (${file.name})`);
}

/**
 * Imports an OZG catalogue from disk (one joined file or the pair of OZG-Leistungen and
 * Leistungen) as the CLI user: what the command below does, callable from tests and scripts.
 */
export async function importOzgFiles(
  dataSource: DataSource,
  files: string[],
  options: OzgFileOptions = {},
): Promise<ImportReport> {
  return importOzgCatalogue(dataSource, {
    files: readImportFiles(files),
    edition: options.edition,
    dryRun: options.dryRun ?? false,
    mapping: mappingOf(options),
    allowMassDeactivation: options.allowMassDeactivation ?? false,
    actor: { principal: cliPrincipal(), requestId: null },
  });
}

/** The OZG-Leistungen an update deactivates (or would), with the offerings hanging on each. */
function printDeactivations(report: ImportReport): void {
  const list = (report.details?.deactivations ?? []) as PlannedDeactivation[];
  if (list.length === 0) return;
  const verb = report.dryRun || report.status === 'rejected' ? 'würde deaktivieren' : 'deaktiviert';
  process.stdout.write(`  ${verb} (${list.length} OZG-Leistungen, OZG-ID: Name – Leistungen, Online-Angebote):\n`);
  for (const d of list) {
    process.stdout.write(`    ${d.ozgId}: ${d.name} – ${d.leistungen} Leistungen, ${d.offerings} Angebote\n`);
  }
}

function editionOption(value: string): string {
  const edition = value.trim();
  if (edition === '' || edition.length > EDITION_MAX_LENGTH) {
    throw new InvalidArgumentError(`Der Name der Ausgabe muss 1 bis ${EDITION_MAX_LENGTH} Zeichen lang sein.`);
  }
  return edition;
}

/**
 * `import ozg FILE [FILE2] [--edition NAME] [--preset ID | --mapping FILE.json]
 * [--allow-mass-deactivation] [--dry-run]`: the OZG catalogue, replacing the current one.
 */
export function registerImportOzgCommand(importCommand: Command): void {
  importCommand
    .command('ozg <file> [file2]')
    .description(
      'OZG-Katalog importieren (eine Datei oder das Paar OZG-Leistungen + Leistungen; CSV, XLSX oder JSON); ' +
        'ersetzt den bisherigen Katalog; siehe docs/import-ozg.md',
    )
    .option('--edition <name>', 'Name der Katalogausgabe (Standard: aus dem Dateinamen)', editionOption)
    .option('--preset <id>', `Spaltenvorlage: ${CATALOGUE_PRESETS.map((p) => p.id).join(', ')}`)
    .option('--mapping <file>', 'Spaltenzuordnung als JSON: {"ozgid": "Ihre Überschrift", …}')
    .option(
      '--allow-mass-deactivation',
      'auch dann schreiben, wenn der Katalog mehr als die Hälfte der OZG-Leistungen deaktiviert',
    )
    .option('--dry-run', 'nur prüfen und berichten, was sich ändern würde; nichts schreiben')
    .action(async (file: string, file2: string | undefined, options: OzgFileOptions) => {
      const files = readImportFiles(file2 ? [file, file2] : [file]);
      const mapping = mappingOf(options);
      await withDatabase(async ({ db }) => {
        const report = await importOzgCatalogue(db.reader, {
          files,
          edition: options.edition,
          dryRun: options.dryRun ?? false,
          mapping,
          allowMassDeactivation: options.allowMassDeactivation ?? false,
          actor: { principal: cliPrincipal(), requestId: null },
        });
        printImportReport(report);
        printDeactivations(report);
        if (report.status === 'rejected') process.exitCode = 1;
      });
    });
  importCommand
    .command('ozg-flags <file>')
    .description(
      'Nur die Merkmale Fokusleistung/EfA setzen (Spalten ozgid und fokus und/oder efa), ohne den Katalog zu ersetzen; ' +
        'siehe docs/import-ozg.md',
    )
    .option('--source <text>', 'Quelle der Liste, wird zu jeder Markierung gespeichert (Standard: Dateiname)')
    .option('--mapping <file>', 'Spaltenzuordnung als JSON: {"ozgid": "Ihre Überschrift", …}')
    .option('--dry-run', 'nur prüfen und berichten, was sich ändern würde; nichts schreiben')
    .action(async (file: string, options: { source?: string; mapping?: string; dryRun?: boolean }) => {
      const [list] = readImportFiles([file]);
      const mapping = mappingOf({ mapping: options.mapping });
      await withDatabase(async ({ db }) => {
        const report = await importOzgFlags(db.reader, {
          file: list,
          source: options.source,
          mapping,
          dryRun: options.dryRun ?? false,
          actor: { principal: cliPrincipal(), requestId: null },
        });
        printImportReport(report);
        if (report.status === 'rejected') process.exitCode = 1;
      });
    });
}
