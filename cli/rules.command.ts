import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import type { ImportReport } from '../importers/import-report';
import { importRules } from '../importers/rules/rules.importer';
import { cliPrincipal } from '../lib/principal';
import { renderExport, type ExportFormat } from '../reports/export';
import { rulesDocument } from '../reports/rules-export';
import { listDelegation, listRules } from '../services/responsibility-rule.service';
import { withDatabase } from './context';
import { readImportFiles } from './import-ozg.command';
import { printImportReport } from './output';

/** Writes the rule table (or the delegation table) to `file`, CSV or XLSX by its extension; returns the row count. */
export async function exportRulesFile(
  dataSource: DataSource,
  file: string,
  table: 'rules' | 'delegation' = 'rules',
): Promise<number> {
  const format: ExportFormat = file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
  const rules = await listRules(dataSource.manager);
  const delegation = await listDelegation(dataSource.manager);
  writeFileSync(file, (await renderExport(rulesDocument(table, rules, delegation), format)).body);
  return table === 'rules' ? rules.length : delegation.length;
}

/** Imports a rule or delegation file from disk as the CLI user (admin rights). */
export async function importRulesFile(
  dataSource: DataSource,
  file: string,
  options: { dryRun?: boolean } = {},
): Promise<ImportReport> {
  const [input] = readImportFiles([file]);
  return importRules(dataSource, {
    buffer: input.buffer,
    sourceName: input.name,
    dryRun: options.dryRun ?? false,
    actor: { principal: cliPrincipal(), requestId: null },
  });
}

/** `rules export FILE [--delegation]` and `rules import FILE [--dry-run]`. */
export function registerRulesCommands(program: Command): void {
  const rules = program
    .command('rules')
    .description(
      'Zuständigkeitsregeln und Aufgabenübertragung exportieren und importieren (siehe docs/ozg-reports.md)',
    );
  rules
    .command('export <file>')
    .description('Regeln als CSV oder XLSX (nach Dateiendung) schreiben; die Datei lässt sich wieder importieren')
    .option('--delegation', 'die Aufgabenübertragung an Gemeindeverbände und Städte statt der Regeln')
    .action(async (file: string, options: { delegation?: boolean }) => {
      await withDatabase(async ({ dataSource }) => {
        const count = await exportRulesFile(dataSource, file, options.delegation ? 'delegation' : 'rules');
        process.stdout.write(`${count} Einträge nach ${file} geschrieben.\n`);
      });
    });
  rules
    .command('import <file>')
    .description('Regeln oder Aufgabenübertragung (Spalte unit_type) aus CSV oder XLSX importieren, alles oder nichts')
    .option('--dry-run', 'nur prüfen und berichten, was sich ändern würde; nichts schreiben')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      await withDatabase(async ({ dataSource }) => {
        const report = await importRulesFile(dataSource, file, options);
        printImportReport(report);
        if (report.status === 'rejected') process.exitCode = 1;
      });
    });
}
