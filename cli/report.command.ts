import { Option, type Command } from 'commander';
import { InputError } from '../lib/errors';
import { buildReport, REPORT_KINDS, type ReportKind, type ReportOptions } from '../reports';
import { renderExport, toText } from '../reports/export';
import { withDatabase } from './context';
import { FORMATS, write, type Format } from './output';
import { registerOzgReportCommands } from './report-ozg.command';

interface ReportCliOptions {
  area: string;
  format: Format;
  output?: string;
  smallPopulation?: string;
  candidates?: string;
  staleMonths?: string;
}

function positiveInteger(value: string | undefined, option: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new InputError(`${option} erwartet eine ganze Zahl von 1 bis ${max}, nicht „${value}“.`);
  }
  return Number(value);
}

function reportOptions(options: ReportCliOptions): ReportOptions {
  return {
    smallPopulation: positiveInteger(options.smallPopulation, '--small-population', 10_000_000),
    candidates: positiveInteger(options.candidates, '--candidates', 10),
    staleMonths: positiveInteger(options.staleMonths, '--stale-months', 120),
  };
}

async function runReportCommand(kind: ReportKind, options: ReportCliOptions): Promise<void> {
  if (options.format === 'xlsx' && !options.output) {
    throw new InputError(
      'Für --format xlsx bitte mit --output DATEI angeben, wohin die Arbeitsmappe geschrieben wird.',
    );
  }
  await withDatabase(async ({ db }) => {
    const report = await buildReport(db.reader.manager, kind, options.area, reportOptions(options));
    if (options.format === 'json') write(options.output, `${JSON.stringify(report.body, null, 2)}\n`);
    else if (options.format === 'table') write(options.output, toText(report.document()));
    else write(options.output, (await renderExport(report.document(), options.format)).body);
  });
}

/**
 * `report <landscape|fragmentation|opportunities|benchmark> --area KEY`: the shared-service
 * reports on the command line, the same functions the API serves; `report gaps|attainable|
 * snapshot` are the OZG reports (cli/report-ozg.command.ts). Default output is a readable
 * table on stdout; csv/json go to stdout or `--output`, xlsx needs `--output`.
 */
export function registerReportCommands(program: Command): void {
  const report = program
    .command('report')
    .description('Berichte: Komponentenlandschaft, Zersplitterung, Chancen, Umfragevergleich, OZG-Lücken');
  for (const kind of REPORT_KINDS) {
    report
      .command(kind)
      .description(REPORT_DESCRIPTIONS[kind])
      .requiredOption(
        '--area <area>',
        'Gebiet: Land (2 Ziffern), Regierungsbezirk (3), Kreis (5), operator:{Nummer} oder DE',
      )
      .addOption(new Option('--format <format>', 'Ausgabe').choices(FORMATS).default('table'))
      .option('--output <file>', 'in diese Datei schreiben statt auf die Standardausgabe')
      .option('--small-population <n>', 'fragmentation: Gemeinden unter so vielen Einwohnern gelten als klein (10000)')
      .option('--candidates <n>', 'opportunities: Vorschläge je Lücke (3)')
      .option('--stale-months <n>', 'benchmark: Angaben gelten nach so vielen Monaten ohne Änderung als veraltet (12)')
      .action((options: ReportCliOptions) => runReportCommand(kind, options));
  }
  registerOzgReportCommands(report);
}

const REPORT_DESCRIPTIONS: Record<ReportKind, string> = {
  landscape: 'Komponentenlandschaft: Gemeinden × Basiskomponenten mit Status, Betreiber, Produkt',
  fragmentation: 'Zersplitterung: wie viele Betreiber und Produkte je Komponente',
  opportunities: 'Chancen für gemeinsame Nutzung: wer einer Gemeinde die fehlende Komponente schon betreibt',
  benchmark:
    'Umfragevergleich (KGSt/ÖFIT 2019): keine / eine bis zwei / drei oder mehr Komponenten, gesamt, je Kreis und je KGSt-Größenklasse',
};
