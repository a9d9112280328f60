import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { importRegions } from '../importers/regions.importer';
import { InputError } from '../lib/errors';
import { cliPrincipal } from '../lib/principal';
import { withDatabase } from './context';
import { printImportReport } from './output';
import { terminalProgress } from './progress-bar';

/** Prints the lists of the regions report that people act on: renamed, new ARS, retired, reactivated, added. */
function printRegionChanges(details: Record<string, unknown> | undefined): void {
  const list = (name: string) => (Array.isArray(details?.[name]) ? (details?.[name] as Record<string, unknown>[]) : []);
  const out: string[] = [];
  for (const r of list('renamed')) out.push(`  umbenannt ${r.key}: ${r.from} → ${r.to}`);
  for (const r of list('arsChanged')) {
    const verband = (name: unknown) => (typeof name === 'string' ? name : 'verbandsfrei');
    out.push(
      `  neuer Regionalschlüssel ${r.key} ${r.name}: ${r.fromArs} → ${r.toArs} (${verband(r.fromVerband)} → ${verband(r.toVerband)})`,
    );
  }
  for (const r of list('retired')) {
    const inventory = r.hasInventory
      ? ` – hat ${r.componentRecords} Bestandseinträge, Vorschläge: regions suggest ${r.key}, zuordnen: regions successor ${r.key} NEU`
      : '';
    out.push(`  nicht mehr geführt ${r.key} ${r.name}${inventory}`);
  }
  for (const r of list('reactivated')) out.push(`  wieder geführt ${r.key} ${r.name}`);
  for (const r of list('added')) out.push(`  neu ${r.key} ${r.name}`);
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
}

/** `import regions FILE [--dry-run]`: a Destatis GV100AD file into the regions table. */
export function registerImportRegionsCommand(importCommand: Command): void {
  importCommand
    .command('regions <file>')
    .description('Gemeindeverzeichnis (Destatis GV100AD, Festformat) importieren; neuere und ältere Gebietsstände')
    .option('--dry-run', 'nur prüfen und die Änderungen zeigen, nichts schreiben')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const path = resolve(process.cwd(), file);
      if (!existsSync(path)) throw new InputError(`Datei nicht gefunden: ${path}`);
      const buffer = readFileSync(path);
      await withDatabase(async ({ db }) => {
        const report = await importRegions(db.reader, {
          buffer,
          sourceName: basename(path),
          dryRun: options.dryRun ?? false,
          actor: { principal: cliPrincipal(), requestId: null },
          progress: terminalProgress(),
        });
        printImportReport(report);
        printRegionChanges(report.details);
        if (report.status === 'rejected') process.exitCode = 1;
      });
    });
}
