import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import type { ImportReport } from '../importers/import-report';
import { importRules } from '../importers/rules/rules.importer';
import { cliPrincipal } from '../lib/principal';
import { renderExport, type ExportFormat } from '../reports/export';
import { rulesDocument, type RuleTable } from '../reports/rules/export';
import { listDelegation, listRules, listTraits } from '../services/responsibility-rule.service';
import { withDatabase } from './context';
import { readImportFiles } from './import-ozg.command';
import { printImportReport } from './output';

/** Writes a rule table (rules, delegation or Leistungsmerkmale) to `file`, CSV or XLSX by its extension; returns the row count. */
export async function exportRulesFile(
  dataSource: DataSource,
  file: string,
  table: RuleTable = 'rules',
): Promise<number> {
  const format: ExportFormat = file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
  const rules = await listRules(dataSource.manager);
  const delegation = await listDelegation(dataSource.manager);
  const traits = await listTraits(dataSource.manager);
  writeFileSync(file, (await renderExport(rulesDocument(table, rules, delegation, traits), format)).body);
  return { rules: rules.length, delegation: delegation.length, traits: traits.length }[table];
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

/** `rules export FILE [--delegation|--traits]` and `rules import FILE [--dry-run]`. */
export function registerRulesCommands(program: Command): void {
  const rules = program
    .command('rules')
    .description(
      'Zuständigkeitsregeln, Aufgabenübertragung und Leistungsmerkmale exportieren und importieren (siehe docs/ozg-reports.md)',
    );
  rules
    .command('export <file>')
    .description('Regeln als CSV oder XLSX (nach Dateiendung) schreiben; die Datei lässt sich wieder importieren')
    .option('--delegation', 'die Aufgabenübertragung an Gemeindeverbände und Städte statt der Regeln')
    .option('--traits', 'die Leistungsmerkmale (Online-Relevanz, Gebühr, Vertrauensniveau) statt der Regeln')
    .action(async (file: string, options: { delegation?: boolean; traits?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const table = options.traits ? 'traits' : options.delegation ? 'delegation' : 'rules';
        const count = await exportRulesFile(db.reader, file, table);
        process.stdout.write(`${count} Einträge nach ${file} geschrieben.\n`);
      });
    });
  rules
    .command('import <file>')
    .description(
      'Regeln, Aufgabenübertragung (Spalte unit_type) oder Leistungsmerkmale (Spalte verrichtung, online_relevant ' +
        'oder fee_bearing) aus CSV oder XLSX importieren, alles oder nichts',
    )
    .option('--dry-run', 'nur prüfen und berichten, was sich ändern würde; nichts schreiben')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const report = await importRulesFile(db.reader, file, options);
        printImportReport(report);
        if (report.status === 'rejected') process.exitCode = 1;
      });
    });
}
