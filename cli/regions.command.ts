import type { Command } from 'commander';
import { cliPrincipal } from '../lib/principal';
import { mapSuccessor, type SuccessorSummary } from '../services/region-successor.service';
import { withDatabase } from './context';

function printSummary(s: SuccessorSummary): void {
  const verb = s.mode === 'move' ? 'verschoben' : 'kopiert';
  const lines = [
    `${s.from.name} (${s.from.key}) → Nachfolger ${s.to.name} (${s.to.key}).`,
    s.transferred.length > 0 ? `  ${verb}: ${s.transferred.join(', ')}` : `  keine Einträge ${verb}`,
  ];
  if (s.skipped.length > 0) {
    lines.push(`  übersprungen (Nachfolger hat schon einen Eintrag, seiner bleibt): ${s.skipped.join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `regions successor OLD NEW [--copy]`: maps a retired region to its successor. */
export function registerRegionCommands(program: Command): void {
  const regions = program.command('regions').description('Gebiete des Gemeindeverzeichnisses');
  regions
    .command('successor <old> <new>')
    .description(
      'Einem nicht mehr geführten Gebiet (Gemeinde, Gemeindeverband, Kreis) den Nachfolger zuordnen und seine Bestandseinträge dorthin verschieben',
    )
    .option('--copy', 'Einträge kopieren statt verschieben')
    .action(async (oldKey: string, newKey: string, options: { copy?: boolean }) => {
      await withDatabase(async ({ dataSource }) => {
        printSummary(
          await mapSuccessor(dataSource, {
            oldKey,
            newKey,
            mode: options.copy ? 'copy' : 'move',
            actor: { principal: cliPrincipal(), requestId: null },
          }),
        );
      });
    });
}
