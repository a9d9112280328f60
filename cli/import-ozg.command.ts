import { InvalidArgumentError, type Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import type { ImportReport } from '../importers/import-report';
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
    actor: { principal: cliPrincipal(), requestId: null },
  });
}

function editionOption(value: string): string {
  const edition = value.trim();
  if (edition === '' || edition.length > EDITION_MAX_LENGTH) {
    throw new InvalidArgumentError(`Der Name der Ausgabe muss 1 bis ${EDITION_MAX_LENGTH} Zeichen lang sein.`);
  }
  return edition;
}

/** `import ozg FILE [FILE2] [--edition NAME] [--dry-run]`: the OZG catalogue, replacing the current one. */
export function registerImportOzgCommand(importCommand: Command): void {
  importCommand
    .command('ozg <file> [file2]')
    .description(
      'OZG-Katalog importieren (eine Datei oder das Paar OZG-Leistungen + Leistungen; CSV, XLSX oder JSON); ' +
        'ersetzt den bisherigen Katalog; siehe docs/import-ozg.md',
    )
    .option('--edition <name>', 'Name der Katalogausgabe (Standard: aus dem Dateinamen)', editionOption)
    .option('--dry-run', 'nur prüfen und berichten, was sich ändern würde; nichts schreiben')
    .action(async (file: string, file2: string | undefined, options: OzgFileOptions) => {
      const files = readImportFiles(file2 ? [file, file2] : [file]);
      await withDatabase(async ({ dataSource }) => {
        const report = await importOzgCatalogue(dataSource, {
          files,
          edition: options.edition,
          dryRun: options.dryRun ?? false,
          actor: { principal: cliPrincipal(), requestId: null },
        });
        printImportReport(report);
        if (report.status === 'rejected') process.exitCode = 1;
      });
    });
}
