import { Readable } from 'node:stream';
import { createCliDatabase, runCli, type CliDatabase } from '../helpers/cli';

/** Runs a CLI command with `input` as its standard input (not a terminal). */
async function withStdin(input: string, db: CliDatabase, args: string[]) {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin') as PropertyDescriptor;
  Object.defineProperty(process, 'stdin', { value: Readable.from([input]), configurable: true });
  try {
    return await runCli(db.url, args);
  } finally {
    Object.defineProperty(process, 'stdin', original);
  }
}

describe('npm run cli -- users', () => {
  let db: CliDatabase;

  beforeAll(async () => {
    db = await createCliDatabase();
  });
  afterAll(() => db.cleanup());

  it('creates a user from a password on standard input, stores only a scrypt hash, and refuses weak passwords', async () => {
    const weak = await withStdin('kurz\n', db, [
      'users',
      'create',
      '--name',
      'erika',
      '--role',
      'editor',
      '--scope',
      '09184',
      '--password-stdin',
    ]);
    expect(weak.exitCode).toBe(1);
    expect(weak.stderr).toMatch(/mindestens 12 Zeichen/);

    const created = await withStdin('ein-langes-passwort\n', db, [
      'users',
      'create',
      '--name',
      'Erika',
      '--role',
      'editor',
      '--scope',
      '09184',
    ]);
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toMatch(/Benutzer Nr\. \d+ „erika“ angelegt, Rolle editor, Bereich 09184/);
    const duplicate = await withStdin('ein-langes-passwort\n', db, [
      'users',
      'create',
      '--name',
      'erika',
      '--role',
      'reader',
    ]);
    expect(duplicate.exitCode).toBe(1);
    const noScope = await withStdin('ein-langes-passwort\n', db, [
      'users',
      'create',
      '--name',
      'otto',
      '--role',
      'editor',
    ]);
    expect(noScope.stderr).toMatch(/mindestens einen Gebietsschlüssel/);

    const list = await runCli(db.url, ['users', 'list']);
    expect(list.stdout).toMatch(/erika\teditor\t09184/);
    expect(list.stdout).not.toMatch(/ein-langes-passwort|scrypt/);
  }, 30_000);

  it('changes a password and disables a user', async () => {
    const passwd = await withStdin('noch-ein-langes-passwort\n', db, ['users', 'passwd', 'erika', '--password-stdin']);
    expect(passwd.exitCode).toBe(0);
    expect(passwd.stdout).toMatch(/Passwort von „erika“ geändert; 0 Sitzung\(en\) beendet/);
    const disabled = await runCli(db.url, ['users', 'disable', 'erika']);
    expect(disabled.stdout).toMatch(/„erika“ gesperrt/);
    expect((await runCli(db.url, ['users', 'disable', 'niemand'])).exitCode).toBe(1);
  }, 30_000);
});
