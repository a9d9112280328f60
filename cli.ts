import { Command } from 'commander';
import { registerDbCommands } from './cli/db.command';
import { registerDemoCommands } from './cli/demo.command';
import { registerImportCommands } from './cli/import.command';
import { reportCliError } from './cli/output';
import { registerRegionCommands } from './cli/regions.command';
import { registerReportCommands } from './cli/report.command';
import { registerRulesCommands } from './cli/rules.command';
import { registerSyncCommands } from './cli/sync.command';
import { registerTokenCommands } from './cli/tokens.command';
import { registerUserCommands } from './cli/users.command';
import { packageVersion } from './lib/paths';

/**
 * The one command-line entry: `npm run cli -- <command>`. Each command group lives in
 * `cli/<group>.command.ts`.
 */
export function buildProgram(): Command {
  const program = new Command('atlas')
    .description('E-Government-Atlas: Verwaltung auf der Kommandozeile')
    .version(packageVersion())
    .showHelpAfterError();
  registerTokenCommands(program);
  registerDbCommands(program);
  registerImportCommands(program);
  registerRegionCommands(program);
  registerReportCommands(program);
  registerDemoCommands(program);
  registerRulesCommands(program);
  registerUserCommands(program);
  registerSyncCommands(program);
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.exitCode = reportCliError(error);
    });
}
