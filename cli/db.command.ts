import type { Command } from 'commander';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig, type Config } from '../config';
import { withDatabase } from './context';
import { InputError } from '../lib/errors';

/** `db migrate` and `db backup FILE`. */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Datenbank');
  db.command('migrate')
    .description('Ausstehende Migrationen anwenden')
    .action(async () => {
      await withDatabase(
        async ({ db }) => {
          const applied = await db.reader.runMigrations({ transaction: 'each' });
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
      const target = await backupSqlite(loadConfig(), resolve(process.cwd(), file));
      process.stdout.write(`Sicherung geschrieben: ${target}\n`);
    });
}

/**
 * Copies the configured SQLite database to `target` and returns the path written.
 *
 * NOTE: the database is opened read-only with better-sqlite3 directly, not through the data
 * source: a backup must not change what it saves (no pending migrations applied, no journal
 * mode switched, no empty database created for a mistyped path). better-sqlite3's online
 * backup copies a consistent snapshot while the service keeps writing (WAL mode), unlike
 * copying the file.
 */
async function backupSqlite(config: Config, target: string): Promise<string> {
  if (config.database.type !== 'sqlite') {
    throw new InputError(
      'db backup sichert die eingebettete SQLite-Datenbank; für PostgreSQL bitte pg_dump verwenden.',
    );
  }
  const source = config.database.path;
  if (source === ':memory:' || !existsSync(source)) {
    throw new InputError(`Keine SQLite-Datenbank unter ${source}; es gibt nichts zu sichern.`);
  }
  if (resolve(source) === target) throw new InputError('Die Sicherung darf die Datenbank nicht überschreiben.');
  mkdirSync(dirname(target), { recursive: true });
  const database = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await database.backup(target);
  } finally {
    database.close();
  }
  return target;
}
