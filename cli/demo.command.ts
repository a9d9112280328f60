import type { Command } from 'commander';
import { InputError } from '../lib/errors';
import { cliPrincipal } from '../lib/principal';
import { clearDemoData, DEFAULT_DEMO_SEED, loadDemoData, type DemoLoadReport } from '../importers/demo/demo.writer';
import { withDatabase } from './context';

function parseSeed(value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff) {
    throw new InputError(`--seed erwartet eine ganze Zahl von 0 bis 4294967295, nicht „${value}“.`);
  }
  return Number(value);
}

function printLoadReport(r: DemoLoadReport): void {
  const lines = [
    `Demodaten für ${r.landName} (${r.land}) geladen, Seed ${r.seed}.`,
    `  Gemeinden: ${r.municipalities}, davon mit Einträgen ${r.municipalitiesWithData}, absichtlich ohne Einträge ${r.municipalitiesWithoutData}`,
    `  Einträge: ${r.records} (davon ${r.kreisRecords} von Landkreisen), ersetzte Demo-Einträge: ${r.replacedRecords}`,
    `  Online-Angebote (für die OZG-Lückenberichte): ${r.offerings}`,
    `  Demo-Betreiber: ${r.operatorsCreated} angelegt, ${r.operatorsRemoved} nicht mehr genutzte entfernt`,
  ];
  if (r.skipped.length > 0) {
    lines.push(
      `  Übersprungen, weil dort echte Einträge stehen (${r.skipped.length}): ${r.skipped.map((s) => `${s.key} ${s.name}`).join('; ')}`,
    );
  }
  lines.push('Alle Einträge haben die Quelle „demo“ und den Vermerk „Demodaten“. Entfernen: npm run cli -- demo clear');
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `demo load --land LL [--seed N]` and `demo clear [--land LL]`: synthetic, clearly labelled demo data. */
export function registerDemoCommands(program: Command): void {
  const demo = program
    .command('demo')
    .description('Demodaten: synthetische, gekennzeichnete Komponentenlandschaft laden oder entfernen');
  demo
    .command('load')
    .description('Demodaten für die Gemeinden eines Landes erzeugen (ersetzt frühere Demodaten des Landes)')
    .requiredOption('--land <key>', 'Landesschlüssel, z. B. 10 (Saarland)')
    .option(
      '--seed <n>',
      'Startwert des Zufallsgenerators; gleicher Startwert, gleiche Daten',
      String(DEFAULT_DEMO_SEED),
    )
    .action(async (options: { land: string; seed: string }) => {
      const seed = parseSeed(options.seed);
      await withDatabase(async ({ db }) => {
        printLoadReport(
          await loadDemoData(db.reader, {
            land: options.land,
            seed,
            actor: { principal: cliPrincipal(), requestId: null },
          }),
        );
      });
    });
  demo
    .command('clear')
    .description('Alle Demodaten entfernen (nur Einträge mit Quelle „demo“ und nicht mehr genutzte Demo-Betreiber)')
    .option('--land <key>', 'nur die Demodaten dieses Landes')
    .action(async (options: { land?: string }) => {
      await withDatabase(async ({ db }) => {
        const r = await clearDemoData(db.reader, {
          land: options.land,
          actor: { principal: cliPrincipal(), requestId: null },
        });
        process.stdout.write(
          `Demodaten entfernt: ${r.records} Einträge, ${r.offerings} Online-Angebote, ${r.operatorsRemoved} Demo-Betreiber.\n`,
        );
      });
    });
}
