import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import type { ImportReport } from '../importers/import-report';
import { importInventory } from '../importers/inventory/inventory.importer';
import { silentProgress, type Progress } from '../importers/progress';
import { XLSX_MEDIA_TYPE } from '../importers/tabular';
import { InputError } from '../lib/errors';
import { cliPrincipal } from '../lib/principal';
import { withDatabase } from './context';
import { printImportReport } from './output';
import { terminalProgress } from './progress-bar';

/** Reads an inventory file from disk: its bytes, its name and (for `.xlsx`) its media type. */
export function readInventoryFile(file: string): { buffer: Buffer; sourceName: string; mediaType?: string } {
  const path = resolve(process.cwd(), file);
  if (!existsSync(path)) throw new InputError(`Datei nicht gefunden: ${path}`);
  const mediaType = extname(path).toLowerCase() === '.xlsx' ? XLSX_MEDIA_TYPE : undefined;
  return { buffer: readFileSync(path), sourceName: basename(path), ...(mediaType ? { mediaType } : {}) };
}

/**
 * Imports an inventory file from disk as the CLI user (admin rights): what the command below
 * does, callable on its own from tests and scripts.
 */
export async function importInventoryFile(
  dataSource: DataSource,
  file: string,
  options: { dryRun?: boolean; progress?: Progress } = {},
): Promise<ImportReport> {
  return importInventory(dataSource, {
    ...readInventoryFile(file),
    dryRun: options.dryRun ?? false,
    actor: { principal: cliPrincipal(), requestId: null },
    progress: options.progress ?? silentProgress,
  });
}

/** `import inventory FILE [--dry-run]`: component landscapes of many municipalities from CSV or XLSX. */
export function registerImportInventoryCommand(importCommand: Command): void {
  importCommand
    .command('inventory <file>')
    .description('Bestand (Kommune × Basiskomponente) aus CSV oder XLSX importieren; siehe docs/import-inventory.md')
    .option('--dry-run', 'nur prüfen und berichten, was sich ändern würde; nichts schreiben')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const input = readInventoryFile(file);
      await withDatabase(async ({ db }) => {
        const report = await importInventory(db.reader, {
          ...input,
          dryRun: options.dryRun ?? false,
          actor: { principal: cliPrincipal(), requestId: null },
          progress: terminalProgress(),
        });
        printImportReport(report);
        if (report.status === 'rejected') process.exitCode = 1;
      });
    });
}
