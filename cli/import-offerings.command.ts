import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import type { ImportReport } from '../importers/import-report';
import { importOfferings } from '../importers/offerings/offerings.importer';
import { cliPrincipal } from '../lib/principal';
import { withDatabase } from './context';
import { readImportFiles } from './import-ozg.command';
import { printImportReport } from './output';

/**
 * Imports an offerings file (OZG dashboard format) from disk as the CLI user (admin rights):
 * what the command below does, callable from tests and scripts.
 */
export async function importOfferingsFile(
  dataSource: DataSource,
  file: string,
  options: { dryRun?: boolean } = {},
): Promise<ImportReport> {
  const [input] = readImportFiles([file]);
  return importOfferings(dataSource, {
    buffer: input.buffer,
    sourceName: input.name,
    dryRun: options.dryRun ?? false,
    actor: { principal: cliPrincipal(), requestId: null },
  });
}

/** `import offerings FILE [--dry-run]`: online offerings per area and Leistung (dashboard data format). */
export function registerImportOfferingsCommand(importCommand: Command): void {
  importCommand
    .command('offerings <file>')
    .description(
      'Online-Angebote je Gebiet (ARS) und Leistung im Format der OZG-Dashboard-Daten importieren (JSON, CSV, XLSX); ' +
        'siehe docs/import-offerings.md',
    )
    .option('--dry-run', 'nur prüfen und berichten, was sich ändern würde; nichts schreiben')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const [input] = readImportFiles([file]);
      await withDatabase(async ({ db }) => {
        const report = await importOfferings(db.reader, {
          buffer: input.buffer,
          sourceName: input.name,
          dryRun: options.dryRun ?? false,
          actor: { principal: cliPrincipal(), requestId: null },
        });
        printImportReport(report);
        if (report.status === 'rejected') process.exitCode = 1;
      });
    });
}
