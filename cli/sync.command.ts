import type { Command } from 'commander';
import type { ImportReport } from '../importers/import-report';
import { syncDashboard, syncFimPortal, syncPvog, type SyncJobOptions } from '../importers/sync/sync-jobs';
import { listSyncStates } from '../importers/sync/sync-state';
import { cliPrincipal } from '../lib/principal';
import { withDatabase, type CliContext } from './context';
import { printImportReport } from './output';
import { terminalProgress } from './progress-bar';

const STATUS_DE: Record<string, string> = {
  running: 'läuft/unterbrochen',
  failed: 'fehlgeschlagen',
  completed: 'fertig',
};

/** Prints a sync's report and where it stands; a failed sync sets exit code 1. */
function printSync(report: ImportReport): void {
  printImportReport(report);
  const details = report.details as { state?: string; nextIndex?: number | null; resumedFrom?: number | null };
  if (details.resumedFrom !== null && details.resumedFrom !== undefined) {
    process.stdout.write(`  fortgesetzt ab Position ${details.resumedFrom}\n`);
  }
  if (details.state !== 'completed') {
    process.stdout.write(
      `  Stand: ${STATUS_DE[details.state ?? ''] ?? details.state}; der nächste Aufruf setzt bei Position ${details.nextIndex} fort\n`,
    );
  }
  if (report.status === 'rejected') process.exitCode = 1;
}

/**
 * Runs `work` with an abort signal tied to Ctrl-C: the first stops the sync after the page in
 * progress (the position is stored, the next call resumes), a second one ends the process.
 */
async function interruptible<T>(work: (options: SyncJobOptions, ctx: CliContext) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nAbbruch nach der laufenden Seite (noch einmal Strg+C: sofort beenden) …\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await withDatabase((ctx) =>
      work(
        {
          actor: { principal: cliPrincipal(), requestId: null },
          progress: terminalProgress(),
          signal: controller.signal,
          logger: ctx.logger,
        },
        ctx,
      ),
    );
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `sync …`: pull the public sources over HTTP (docs/sync.md). */
export function registerSyncCommands(program: Command): void {
  const sync = program
    .command('sync')
    .description(
      'Mit öffentlichen Quellen synchronisieren (Dashboard-Daten-API, PVOG, FIM-Portal); siehe docs/sync.md',
    );

  sync
    .command('dashboard')
    .description('Online-Angebote aus der Dashboard-Daten-API je Gebiet (seitenweise, fortsetzbar)')
    .option('--ars <ars...>', 'Gebiete: Land (16), Kreis (09184) oder 12-stelliger ARS')
    .option('--all', 'alle 16 Länder nacheinander')
    .option('--restart', 'von vorn beginnen, auch wenn ein früherer Lauf mittendrin stehen blieb')
    .action(async (options: { ars?: string[]; all?: boolean; restart?: boolean }) => {
      await interruptible(async (job, { dataSource, config }) => {
        const areas = options.all ? 'all' : (options.ars ?? []);
        const reports = await syncDashboard(dataSource, config, areas, { ...job, restart: options.restart ?? false });
        reports.forEach(printSync);
      });
    });

  sync
    .command('pvog')
    .description('Leistungen, Onlinedienste und Zuständigkeiten aus dem PVOG-Bereitstelldienst (OAuth2, fortsetzbar)')
    .option('--ars <ars>', 'nur dieses Gebiet')
    .option('--restart', 'von vorn beginnen')
    .action(async (options: { ars?: string; restart?: boolean }) => {
      await interruptible(async (job, { dataSource, config }) => {
        printSync(
          await syncPvog(dataSource, config, options.ars ?? null, { ...job, restart: options.restart ?? false }),
        );
      });
    });

  sync
    .command('fim-portal')
    .description('Steckbriefe (XZuFi) aus dem FIM-Portal: Typisierung, Gebühr, Vertrauensniveau')
    .option('--leistung <keys...>', 'Leistungsschlüssel (14 Ziffern)')
    .option('--missing', 'alle aktiven Leistungen, die noch keine FIM-Datei beschrieben hat')
    .option('--restart', 'von vorn beginnen')
    .action(async (options: { leistung?: string[]; missing?: boolean; restart?: boolean }) => {
      await interruptible(async (job, { dataSource, config }) => {
        const keys = options.missing ? 'missing' : (options.leistung ?? []);
        printSync(await syncFimPortal(dataSource, config, keys, { ...job, restart: options.restart ?? false }));
      });
    });

  sync
    .command('status')
    .description('Stand jeder Synchronisation: Position, letzter Fehler, Import-Läufe')
    .action(async () => {
      await withDatabase(async ({ dataSource }) => {
        const states = (await listSyncStates(dataSource)).filter((s) => s.source !== 'schedule');
        if (states.length === 0) process.stdout.write('Noch keine Synchronisation.\n');
        for (const s of states) {
          const total = s.pagesTotal !== null ? `/${s.pagesTotal}` : '';
          const where = s.status === 'completed' ? '' : `, nächste Position ${s.nextIndex}`;
          process.stdout.write(
            `${s.source} ${s.scope}: ${STATUS_DE[s.status] ?? s.status}, ${s.pagesDone}${total} Seiten${where}, ` +
              `zuletzt ${s.updatedAt.toISOString()}${s.lastError ? `\n  letzter Fehler: ${s.lastError}` : ''}\n`,
          );
        }
      });
    });
}
