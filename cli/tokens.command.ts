import type { Command } from 'commander';
import type { Role } from '../lib/principal';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/token.service';
import { withDatabase } from './context';

/** `tokens create|list|revoke`: API tokens for the bearer authentication. */
export function registerTokenCommands(program: Command): void {
  const tokens = program.command('tokens').description('API-Tokens verwalten');
  tokens
    .command('create')
    .description('Token anlegen; das Token steht in der letzten Zeile und wird nur jetzt angezeigt')
    .requiredOption('--role <role>', 'admin, editor oder reader')
    .option('--scope <key...>', 'Gebietsschlüssel (AGS, Kreis, Land, Gemeindeverband), die ein editor ändern darf', [])
    .option('--name <name>', 'Bezeichnung des Tokens', 'unbenannt')
    .action(async (options: { role: string; scope: string[]; name: string }) => {
      await withDatabase(async ({ db }) => {
        const { token, view } = await db.transaction((tx) =>
          createApiToken(tx, { name: options.name, role: options.role as Role, scopes: options.scope }),
        );
        process.stdout.write(`Token Nr. ${view.id} „${view.name}“, Rolle ${view.role}`);
        process.stdout.write(view.scopes.length ? `, Bereich ${view.scopes.join(', ')}\n` : '\n');
        process.stdout.write(`${token}\n`);
      });
    });
  tokens
    .command('list')
    .description('Tokens auflisten (ohne Geheimnis)')
    .action(async () => {
      await withDatabase(async ({ db }) => {
        for (const t of await listApiTokens(db.reader.manager)) {
          const state = t.revokedAt ? `widerrufen ${t.revokedAt}` : `zuletzt benutzt ${t.lastUsedAt ?? 'nie'}`;
          process.stdout.write(`${t.id}\t${t.prefix}…\t${t.role}\t${t.scopes.join(',') || '-'}\t${t.name}\t${state}\n`);
        }
      });
    });
  tokens
    .command('revoke <id>')
    .description('Token widerrufen')
    .action(async (id: string) => {
      await withDatabase(async ({ db }) => {
        const view = await db.transaction((tx) => revokeApiToken(tx, Number(id)));
        process.stdout.write(`Token Nr. ${view.id} „${view.name}“ widerrufen.\n`);
      });
    });
}
