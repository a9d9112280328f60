import type { Command } from 'commander';
import { cliPrincipal, type Role } from '../lib/principal';
import { changePassword, createUser, disableUser, listUsers } from '../services/user.service';
import { withDatabase } from './context';
import { readNewPassword } from './password-input';

const actor = () => ({ principal: cliPrincipal(), requestId: null });

/** `users create|passwd|disable|list`: accounts for the web interface. */
export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('Benutzerkonten der Weboberfläche verwalten');
  users
    .command('create')
    .description('Benutzer anlegen; das Passwort wird ohne Echo abgefragt oder mit --password-stdin gelesen')
    .requiredOption('--name <name>', 'Benutzername (Anmeldename)')
    .requiredOption('--role <role>', 'admin, editor oder reader')
    .option('--scope <key...>', 'Gebietsschlüssel (AGS, Kreis, Land, Gemeindeverband), die ein editor ändern darf', [])
    .option('--display-name <text>', 'Anzeigename, z. B. „Erika Mustermann (LRA München)“')
    .option('--password-stdin', 'Passwort aus der ersten Zeile der Standardeingabe lesen')
    .action(
      async (options: {
        name: string;
        role: string;
        scope: string[];
        displayName?: string;
        passwordStdin?: boolean;
      }) => {
        const password = await readNewPassword({ stdin: options.passwordStdin });
        await withDatabase(async ({ db }) => {
          const user = await db.transaction((tx) =>
            createUser(
              tx,
              {
                userName: options.name,
                displayName: options.displayName,
                password,
                role: options.role as Role,
                scopes: options.scope,
              },
              actor(),
            ),
          );
          process.stdout.write(
            `Benutzer Nr. ${user.id} „${user.userName}“ angelegt, Rolle ${user.role}` +
              (user.scopes.length ? `, Bereich ${user.scopes.join(', ')}\n` : '\n'),
          );
        });
      },
    );
  users
    .command('passwd <name>')
    .description('Passwort ändern; alle offenen Sitzungen des Benutzers werden beendet')
    .option('--password-stdin', 'Passwort aus der ersten Zeile der Standardeingabe lesen')
    .action(async (name: string, options: { passwordStdin?: boolean }) => {
      const password = await readNewPassword({ stdin: options.passwordStdin });
      await withDatabase(async ({ db }) => {
        const { user, sessionsEnded } = await db.transaction((tx) => changePassword(tx, name, password, actor()));
        process.stdout.write(`Passwort von „${user.userName}“ geändert; ${sessionsEnded} Sitzung(en) beendet.\n`);
      });
    });
  users
    .command('disable <name>')
    .description('Benutzer sperren; alle offenen Sitzungen werden beendet')
    .action(async (name: string) => {
      await withDatabase(async ({ db }) => {
        const { user, sessionsEnded } = await db.transaction((tx) => disableUser(tx, name, actor()));
        process.stdout.write(`Benutzer „${user.userName}“ gesperrt; ${sessionsEnded} Sitzung(en) beendet.\n`);
      });
    });
  users
    .command('list')
    .description('Benutzer auflisten')
    .action(async () => {
      await withDatabase(async ({ db }) => {
        for (const u of await listUsers(db.reader.manager)) {
          const state = u.disabledAt ? `gesperrt ${u.disabledAt}` : 'aktiv';
          process.stdout.write(
            `${u.id}\t${u.userName}\t${u.role}\t${u.scopes.join(',') || '-'}\t${u.displayName}\t${state}\n`,
          );
        }
      });
    });
}
