import type { Command } from 'commander';
import { registerImportFimCommand } from './import-fim.command';
import { registerImportGeometryCommand } from './import-geometry.command';
import { registerImportInventoryCommand } from './import-inventory.command';
import { registerImportOfferingsCommand } from './import-offerings.command';
import { registerImportOzgCommand } from './import-ozg.command';
import { registerImportRegionsCommand } from './import-regions.command';

/**
 * `import <source> FILE`: one subcommand per importer, each defined in its own
 * `cli/import-<source>.command.ts` and registered in the list below.
 */
export function registerImportCommands(program: Command): void {
  const importCommand = program
    .command('import')
    .description('Daten importieren (Gemeindeverzeichnis, Bestand, FIM, …)');
  const registrations: ((parent: Command) => void)[] = [
    registerImportRegionsCommand,
    registerImportInventoryCommand,
    registerImportFimCommand,
    registerImportOzgCommand,
    registerImportOfferingsCommand,
    registerImportGeometryCommand,
  ];
  for (const register of registrations) register(importCommand);
}
