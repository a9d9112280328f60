import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DomainError, InputError } from '../lib/errors';
import { ConfigError } from '../config';
import type { ImportReport } from '../importers/import-report';

/** Prints an import report for people: headline, counts, then every problem. */
export function printImportReport(report: ImportReport): void {
  const mode = report.dryRun ? 'Probelauf' : 'Import';
  const verdict =
    report.status === 'rejected'
      ? 'abgelehnt, nichts geschrieben'
      : report.dryRun
        ? 'fehlerfrei, nichts geschrieben'
        : report.unchanged
          ? 'keine Änderungen (Daten waren schon aktuell)'
          : 'geschrieben';
  process.stdout.write(`${mode} ${report.kind} aus ${report.source}: ${verdict}\n`);
  for (const [name, value] of Object.entries(report.counts)) process.stdout.write(`  ${name}: ${value}\n`);
  for (const p of report.problems) {
    const where = [
      p.file ?? '',
      p.row !== undefined ? `Zeile ${p.row}` : '',
      p.line !== undefined ? `Zeile ${p.line}${p.col !== undefined ? `:${p.col}` : ''}` : '',
      p.column ? `Spalte ${p.column}` : '',
      p.path ?? '',
      p.pointer ?? '',
    ]
      .filter(Boolean)
      .join(', ');
    process.stdout.write(
      `  ${p.severity === 'error' ? 'Fehler' : 'Hinweis'}${where ? ` (${where})` : ''}: ${p.detail}\n`,
    );
  }
}

/** Turns an error into a message and exit code; bugs keep their stack. */
export function reportCliError(error: unknown): number {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof DomainError) {
    process.stderr.write(`Fehler: ${error.message}\n`);
    if (error instanceof InputError) {
      for (const p of error.problems) {
        process.stderr.write(`  - ${[p.parameter, p.pointer, p.column].filter(Boolean).join(' ')}: ${p.detail}\n`);
      }
    }
    return 1;
  }
  process.stderr.write(
    `Unerwarteter Fehler: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 70;
}

/** Output formats of the report commands: a table for the terminal, or a file format. */
export const FORMATS = ['table', 'csv', 'json', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];

/** Writes to `output` (creating folders) or to stdout. */
export function write(output: string | undefined, content: string | Buffer): void {
  if (!output) {
    process.stdout.write(content);
    return;
  }
  const target = resolve(process.cwd(), output);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  process.stdout.write(`Geschrieben: ${target}\n`);
}
