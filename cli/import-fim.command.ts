import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { fimSourcesFromPaths } from '../importers/fim/fim-sources';
import { importFim } from '../importers/fim/fim.importer';
import type { ImportReport } from '../importers/import-report';
import { silentProgress, type Progress } from '../importers/progress';
import { InputError } from '../lib/errors';
import { cliPrincipal } from '../lib/principal';
import { withDatabase } from './context';
import { printImportReport } from './output';
import { terminalProgress } from './progress-bar';

/** Prints one line per file: format, version and what happened to its objects. */
function printFiles(report: ImportReport): void {
  const files = (report.details?.files ?? []) as {
    file: string;
    format: string | null;
    version: string | null;
    messageType: string | null;
    status: string;
    objects: Record<string, Record<string, number>>;
  }[];
  for (const f of files) {
    const format = f.format ? `${f.format === 'xzufi' ? 'XZuFi' : 'XDatenfelder'} ${f.version} ${f.messageType}` : '—';
    const objects = Object.entries(f.objects)
      .map(([kind, counts]) => {
        const nonZero = Object.entries(counts).filter(([, n]) => n > 0);
        return `${kind} ${nonZero.map(([outcome, n]) => `${outcome} ${n}`).join(', ')}`;
      })
      .join('; ');
    process.stdout.write(`  ${f.file}: ${format} – ${f.status}${objects ? ` (${objects})` : ''}\n`);
  }
}

/**
 * Imports FIM files or folders as the CLI user: what `import fim` does, callable from tests
 * and scripts.
 */
export async function importFimPaths(
  dataSource: DataSource,
  config: Config,
  paths: string[],
  options: { dryRun?: boolean; progress?: Progress } = {},
): Promise<ImportReport> {
  const resolved = paths.map((path) => resolve(process.cwd(), path));
  for (const path of resolved) if (!existsSync(path)) throw new InputError(`Datei oder Ordner nicht gefunden: ${path}`);
  return importFim(dataSource, {
    sources: await fimSourcesFromPaths(resolved),
    maxBytes: config.fimImportMaxBytes,
    dryRun: options.dryRun ?? false,
    actor: { principal: cliPrincipal(), requestId: null },
    progress: options.progress ?? silentProgress,
  });
}

/** `import fim FILE…`: XZuFi and XDatenfelder XML files, or folders of them. */
export function registerImportFimCommand(importCommand: Command): void {
  importCommand
    .command('fim <paths...>')
    .description(
      'FIM-Dateien importieren: XZuFi 2.1/2.2/2.3.1 (Leistungen, Onlinedienste, Zuständigkeiten) und ' +
        'XDatenfelder 2.0/3.0 (Stammdatenschemata, Gruppen, Felder); Dateien oder Ordner (*.xml)',
    )
    .option('--dry-run', 'nur prüfen und berichten, was sich ändern würde; nichts schreiben')
    .action(async (paths: string[], options: { dryRun?: boolean }) => {
      await withDatabase(async ({ db, config }) => {
        const report = await importFimPaths(db.reader, config, paths, {
          dryRun: options.dryRun ?? false,
          progress: terminalProgress(),
        });
        printImportReport(report);
        printFiles(report);
        if (report.status === 'rejected') process.exitCode = 1;
      });
    });
}
