import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { withDatabase } from './context';
import { InputError } from '../lib/errors';

/** `db migrate` and `db backup FILE`. */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Datenbank');
  db.command('migrate')
    .description('Ausstehende Migrationen anwenden')
    .action(async () => {
      await withDatabase(
        async ({ dataSource }) => {
          const applied = await dataSource.runMigrations({ transaction: 'each' });
          process.stdout.write(
            applied.length ? `Angewendet: ${applied.map((m) => m.name).join(', ')}\n` : 'Schema ist aktuell.\n',
          );
        },
        { migrate: false },
      );
    });
  db.command('backup <file>')
    .description('Konsistente Sicherung der SQLite-Datenbank in eine Datei (bei PostgreSQL: pg_dump verwenden)')
    .action(async (file: string) => {
      await withDatabase(async ({ dataSource, config }) => {
        if (config.database.type !== 'sqlite') {
          throw new InputError(
            'db backup sichert die eingebettete SQLite-Datenbank; für PostgreSQL bitte pg_dump verwenden.',
          );
        }
        const target = resolve(process.cwd(), file);
        mkdirSync(dirname(target), { recursive: true });
        // NOTE: better-sqlite3's online backup copies a consistent snapshot while the
        // service keeps running (WAL mode), unlike copying the file.
        const driver = dataSource.driver as unknown as {
          databaseConnection: { backup(path: string): Promise<unknown> };
        };
        await driver.databaseConnection.backup(target);
        process.stdout.write(`Sicherung geschrieben: ${target}\n`);
      });
    });
}
