import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createDataSource } from '../../ormconfig';
import { principalForToken } from '../../services/token.service';
import { createCliDatabase, runCli, type CliDatabase } from '../helpers/cli';

describe('CLI', () => {
  let db: CliDatabase;

  beforeAll(async () => {
    db = await createCliDatabase();
  });
  afterAll(() => db.cleanup());

  it('db migrate creates the schema, then says it is current', async () => {
    const first = await runCli(db.url, ['db', 'migrate']);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/Angewendet: InitialSchema/);
    const second = await runCli(db.url, ['db', 'migrate']);
    expect(second.stdout).toMatch(/Schema ist aktuell/);
  });

  it('tokens create prints the token as its last line; it authenticates with role and scope', async () => {
    const res = await runCli(db.url, [
      'tokens',
      'create',
      '--role',
      'editor',
      '--scope',
      '09184',
      '09162000',
      '--name',
      'LRA München',
    ]);
    expect(res.exitCode).toBe(0);
    const lines = res.stdout.trim().split('\n');
    const token = lines[lines.length - 1];
    expect(token).toMatch(/^eat_[A-Za-z0-9_-]{43}$/);

    const dataSource = createDataSource(db.config);
    await dataSource.initialize();
    try {
      const principal = await principalForToken(dataSource.manager, token);
      expect(principal).toMatchObject({ role: 'editor', scopes: ['09184', '09162000'], name: 'token:LRA München' });
      const stored = await dataSource.query('SELECT token_hash FROM api_tokens');
      expect(JSON.stringify(stored)).not.toContain(token);
    } finally {
      await dataSource.destroy();
    }
  });

  it('tokens create refuses an editor without scope and a bad scope, naming the problem', async () => {
    const noScope = await runCli(db.url, ['tokens', 'create', '--role', 'editor']);
    expect(noScope.exitCode).toBe(1);
    expect(noScope.stderr).toMatch(/mindestens einen Gebietsschlüssel/);
    const badScope = await runCli(db.url, ['tokens', 'create', '--role', 'editor', '--scope', '0918']);
    expect(badScope.exitCode).toBe(1);
    expect(badScope.stderr).toMatch(/0918/);
  });

  it('tokens revoke makes a token useless; tokens list shows it revoked without the secret', async () => {
    const created = await runCli(db.url, ['tokens', 'create', '--role', 'reader', '--name', 'kurzlebig']);
    const token = created.stdout.trim().split('\n').pop() as string;
    const id = /Token Nr\. (\d+)/.exec(created.stdout)?.[1] as string;
    expect((await runCli(db.url, ['tokens', 'revoke', id])).exitCode).toBe(0);
    const list = await runCli(db.url, ['tokens', 'list']);
    expect(list.stdout).toMatch(new RegExp(`^${id}\\t.*kurzlebig\\twiderrufen`, 'm'));
    expect(list.stdout).not.toContain(token);
    const dataSource = createDataSource(db.config);
    await dataSource.initialize();
    try {
      expect(await principalForToken(dataSource.manager, token)).toBeNull();
    } finally {
      await dataSource.destroy();
    }
  });

  it('db backup writes a consistent copy of the SQLite database', async () => {
    if (db.config.type !== 'sqlite') {
      const res = await runCli(db.url, ['db', 'backup', '/tmp/never.sqlite']);
      expect(res.exitCode).toBe(1);
      expect(res.stderr).toMatch(/pg_dump/);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-'));
    try {
      const target = join(dir, 'sicherung.sqlite');
      const res = await runCli(db.url, ['db', 'backup', target]);
      expect(res.exitCode).toBe(0);
      expect(existsSync(target)).toBe(true);
      const copy = new Database(target, { readonly: true });
      const tokens = copy.prepare('SELECT COUNT(*) AS n FROM api_tokens').get() as { n: number };
      copy.close();
      expect(tokens.n).toBeGreaterThanOrEqual(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('db backup leaves the database as it is: no migrations, no new file', async () => {
    if (db.config.type !== 'sqlite') return;
    const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-'));
    try {
      const source = join(dir, 'alt.sqlite');
      const old = new Database(source);
      old.exec('CREATE TABLE legacy (id INTEGER PRIMARY KEY); INSERT INTO legacy VALUES (1)');
      old.close();
      const target = join(dir, 'sicherung.sqlite');
      const res = await runCli(`sqlite:${source}`, ['db', 'backup', target]);
      expect(res.exitCode).toBe(0);
      const tablesOf = (path: string) => {
        const handle = new Database(path, { readonly: true });
        const names = (
          handle.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
        )
          .map((r) => r.name)
          .sort();
        handle.close();
        return names;
      };
      expect(tablesOf(source)).toEqual(['legacy']);
      expect(tablesOf(target)).toEqual(['legacy']);

      const missing = join(dir, 'gibt-es-nicht.sqlite');
      const none = await runCli(`sqlite:${missing}`, ['db', 'backup', join(dir, 'leer.sqlite')]);
      expect(none.exitCode).toBe(1);
      expect(none.stderr).toMatch(/gibt-es-nicht\.sqlite/);
      expect(existsSync(missing)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with one message naming every bad configuration variable', async () => {
    const res = await runCli('mysql://nope', ['db', 'migrate']);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(/DATABASE_URL/);
  });
});
