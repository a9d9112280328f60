import type { Command } from 'commander';
import type { Job } from '../entities/job.entity';
import type { ImportReport } from '../importers/import-report';
import { dashboardAreas, syncSource, type SyncJobOptions } from '../importers/sync/sync-jobs';
import { listSyncStates } from '../importers/sync/sync-state';
import { queueSync, recentSyncJobs } from '../jobs/scheduled-runs';
import type { SyncSource } from '../jobs/service-kinds';
import { cliPrincipal } from '../lib/principal';
import { withDatabase, type CliContext } from './context';
import { printImportReport } from './output';
import { terminalProgress } from './progress-bar';

const QUEUE_HELP = 'nicht hier ausführen, sondern dem Dienst als Auftrag übergeben (überlebt Neustarts)';

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

/** What a `sync <source>` command was asked to do. */
interface SyncCommand {
  source: SyncSource;
  /** As a schedule names it: Dashboard ARS or `all`, PVOG one ARS or none, FIM keys or `missing`. */
  scope: string[];
  restart?: boolean;
  /** Hand it to the service's job runner instead of running it here. */
  queue?: boolean;
}

/**
 * Runs the sync here, in the foreground with a progress bar (Ctrl-C stops after the page in
 * progress), or with `--queue` queues it for the service's job runner and returns at once.
 */
async function runOrQueue({ source, scope, restart = false, queue = false }: SyncCommand): Promise<void> {
  if (!queue) {
    await interruptible(async (job, { dataSource, config }) => {
      (await syncSource(dataSource, config, { source, scope }, { ...job, restart })).forEach(printSync);
    });
    return;
  }
  // Refuse a bad area here rather than in a job nobody watches.
  if (source === 'dashboard') dashboardAreas(scope);
  await withDatabase(async ({ dataSource }) => {
    const actor = { principal: cliPrincipal(), requestId: null };
    const job = await queueSync(dataSource, source, { scope, restart, actor });
    process.stdout.write(
      `Auftrag ${job.id} (${job.kind}) eingereiht; der Dienst führt ihn aus. Stand: \`sync status\`\n`,
    );
  });
}

const JOB_STATUS_DE: Record<string, string> = {
  queued: 'wartet',
  running: 'läuft',
  succeeded: 'fertig',
  failed: 'fehlgeschlagen',
};

/** One line per sync job of the service (`sync status`). */
function printJob(job: Job): void {
  const when = job.finishedAt ?? job.startedAt ?? job.createdAt;
  const fire = typeof job.options.fireTime === 'string' ? `, Zeitplan ${job.options.fireTime}` : '';
  const scope = ((job.options.scope as string[] | undefined) ?? []).join(',');
  process.stdout.write(
    `  #${job.id} ${job.kind}${scope ? ` ${scope}` : ''}: ` +
      `${JOB_STATUS_DE[job.status] ?? job.status} seit ${when.toISOString()} (von ${job.queuedBy}${fire})` +
      `${job.error ? `\n    Fehler: ${job.error}` : ''}\n`,
  );
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
    .option('--queue', QUEUE_HELP)
    .action(async (options: { ars?: string[]; all?: boolean; restart?: boolean; queue?: boolean }) => {
      await runOrQueue({ ...options, source: 'dashboard', scope: options.all ? ['all'] : (options.ars ?? []) });
    });

  sync
    .command('pvog')
    .description('Leistungen, Onlinedienste und Zuständigkeiten aus dem PVOG-Bereitstelldienst (OAuth2, fortsetzbar)')
    .option('--ars <ars>', 'nur dieses Gebiet')
    .option('--restart', 'von vorn beginnen')
    .option('--queue', QUEUE_HELP)
    .action(async (options: { ars?: string; restart?: boolean; queue?: boolean }) => {
      await runOrQueue({ ...options, source: 'pvog', scope: options.ars ? [options.ars] : [] });
    });

  sync
    .command('fim-portal')
    .description('Steckbriefe (XZuFi) aus dem FIM-Portal: Typisierung, Gebühr, Vertrauensniveau')
    .option('--leistung <keys...>', 'Leistungsschlüssel (14 Ziffern)')
    .option('--missing', 'alle aktiven Leistungen, die noch keine FIM-Datei beschrieben hat')
    .option('--restart', 'von vorn beginnen')
    .option('--queue', QUEUE_HELP)
    .action(async (options: { leistung?: string[]; missing?: boolean; restart?: boolean; queue?: boolean }) => {
      await runOrQueue({
        ...options,
        source: 'fim-portal',
        scope: options.missing ? ['missing'] : (options.leistung ?? []),
      });
    });

  sync
    .command('status')
    .description('Stand jeder Synchronisation: Position, letzter Fehler; Aufträge des Dienstes (Zeitplan, --queue)')
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
        const jobs = await recentSyncJobs(dataSource);
        if (jobs.length > 0) process.stdout.write('Aufträge des Dienstes (wartend, laufend, zuletzt beendet):\n');
        jobs.forEach(printJob);
      });
    });
}
