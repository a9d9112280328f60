import { Option, type Command } from 'commander';
import type { DataSource } from 'typeorm';
import { InputError } from '../lib/errors';
import { DEFAULT_TARGET, formatTarget, type MaturityTarget } from '../lib/maturity';
import { renderExport, toText, type ExportDocument } from '../reports/export';
import type { CatalogueFilter } from '../reports/gaps/queries';
import { GapReportCache } from '../reports/gaps/cache';
import { gapsDocument } from '../reports/gaps/export';
import { unitDocument } from '../reports/ozg-unit/export';
import { parseGapOptions } from '../reports/gaps/options';
import { ensureMonthlySnapshots, takeSnapshot } from '../reports/gaps/snapshots';
import { buildUnitReport } from '../reports/ozg-unit/report';
import { withDatabase } from './context';
import { FORMATS, write, type Format } from './output';

interface OzgCliOptions {
  target?: string;
  themenfeld?: string;
  lebenslage?: string;
  ozgId?: string;
  fokus?: boolean;
  efa?: boolean;
  format: Format;
  output?: string;
}

/** The report options of the flags (see `reports/gaps/options.ts`); the first problem stops the command. */
function optionsOf(options: Omit<OzgCliOptions, 'format'>): { target: MaturityTarget; filter: CatalogueFilter } {
  // Commander sets --fokus and --efa to true or leaves them out, as the parser expects.
  const { target, filter, problems } = parseGapOptions(options, { allowLevelZero: true });
  const [problem] = problems;
  if (problem?.field === 'target') {
    throw new InputError(`--target erwartet z. B. 3, RGM-1.1:3 oder RGM-2.0:4, nicht „${problem.value}“.`);
  }
  if (problem) throw new InputError(`--ozg-id erwartet eine OZG-ID (Zahl), nicht „${problem.value}“.`);
  return { target, filter };
}

async function output(options: OzgCliOptions, body: object, document: () => ExportDocument): Promise<void> {
  if (options.format === 'xlsx' && !options.output) {
    throw new InputError(
      'Für --format xlsx bitte mit --output DATEI angeben, wohin die Arbeitsmappe geschrieben wird.',
    );
  }
  if (options.format === 'json') write(options.output, `${JSON.stringify(body, null, 2)}\n`);
  else if (options.format === 'table') write(options.output, toText(document()));
  else write(options.output, (await renderExport(document(), options.format)).body);
}

function withOzgOptions(command: Command): Command {
  return command
    .option('--target <target>', 'Ziel-Reifegrad, z. B. 3 oder RGM-2.0:4 (Standard RGM-1.1:3)')
    .option('--themenfeld <name>', 'nur dieses Themenfeld (Name oder Nummer)')
    .option('--lebenslage <name>', 'nur diese Lebenslage (Name oder Nummer)')
    .option('--ozg-id <id>', 'nur diese OZG-Leistung')
    .option('--fokus', 'nur Fokusleistungen (Markierung aus dem Katalogimport)')
    .option('--efa', 'nur EfA-Leistungen (Markierung aus dem Katalogimport)')
    .addOption(new Option('--format <format>', 'Ausgabe').choices(FORMATS).default('table'))
    .option('--output <file>', 'in diese Datei schreiben statt auf die Standardausgabe');
}

/** Takes snapshots for the given areas, or this month's for Germany, every Land and Kreis. */
async function snapshot(dataSource: DataSource, areas: string[], target: MaturityTarget): Promise<void> {
  if (areas.length === 0) {
    const taken = await ensureMonthlySnapshots(dataSource);
    process.stdout.write(
      taken > 0
        ? `${taken} Monatsstände gespeichert (Deutschland, Länder, Kreise).\n`
        : 'Monatsstände dieses Monats liegen schon vor.\n',
    );
    return;
  }
  for (const area of areas) {
    const stored = await takeSnapshot(dataSource, area, target);
    process.stdout.write(`Monatsstand ${stored.month} für ${stored.areaKey} (${formatTarget(target)}) gespeichert.\n`);
  }
}

/**
 * `report gaps --area KEY`, `report attainable --ags KEY`, `report snapshot [--area KEY…]`: the
 * OZG gap reports on the command line, the same functions as `GET /api/reports/gaps`,
 * `/attainable` and the monthly snapshots behind `/gaps/history`.
 */
export function registerOzgReportCommands(report: Command): void {
  withOzgOptions(
    report
      .command('gaps')
      .description('OZG-Umsetzungslücken je OZG-Leistung, mit Dashboard-Regel und Hemmnissen')
      .requiredOption('--area <area>', 'DE, Land (2 Ziffern), Regierungsbezirk (3), Kreis (5) oder Gemeinde (8)'),
  ).action((options: OzgCliOptions & { area: string }) =>
    withDatabase(async ({ db }) => {
      const { target, filter } = optionsOf(options);
      // The report cache the API and the pages use, here one of this run's (built in this thread).
      const { report: body } = await new GapReportCache().get(db.reader.manager, options.area, target, filter);
      await output(options, body, () => gapsDocument(body));
    }),
  );
  withOzgOptions(
    report
      .command('attainable')
      .description('Erreichbarer Reifegrad einer Gemeinde oder eines Landkreises, mit Gründen und Freischaltungen')
      .requiredOption('--ags <key>', 'Gemeinde (AGS, 8 Ziffern) oder Landkreis (5)'),
  ).action((options: OzgCliOptions & { ags: string }) =>
    withDatabase(async ({ db }) => {
      const { target, filter } = optionsOf(options);
      const body = await buildUnitReport(db.reader.manager, options.ags, target, filter);
      await output(options, body, () => unitDocument(body));
    }),
  );
  report
    .command('snapshot')
    .description(
      'Monatsstand der OZG-Lücken speichern (ohne --area: Deutschland, alle Länder und Kreise, falls noch nicht)',
    )
    .option('--area <area...>', 'nur diese Gebiete')
    .option('--target <target>', `Ziel-Reifegrad (Standard ${formatTarget(DEFAULT_TARGET)})`)
    .action((options: { area?: string[]; target?: string }) =>
      withDatabase(({ db }) => snapshot(db.reader, options.area ?? [], optionsOf(options).target)),
    );
}
