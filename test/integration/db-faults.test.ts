import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig, DatabaseLimits } from '../../config';
import { DEFAULT_DATABASE_LIMITS } from '../../config';
import { DatabaseStartupError, openDatabase, withClusterJobLock, writeBlock } from '../../entities/db-health';
import { inTransaction } from '../../entities/transaction';
import { createDataSource } from '../../ormconfig';
import { createApp } from '../../server/app';
import { Database } from '../../entities/database';
import { prepareDatabase } from '../../server/startup';
import { withDatabase } from '../../cli/context';
import { reportCliError } from '../../cli/output';
import { ServiceUnavailableError } from '../../lib/errors';
import { createApiToken } from '../../services/token.service';
import { dropDatabase, freshDatabaseConfig, testDatabaseKind } from '../helpers/database';
import { createCliDatabase, runCli } from '../helpers/cli';
import { createTestApp, testConfig } from '../helpers/test-app';

const silent = pino({ level: 'silent' });
const onSqlite = testDatabaseKind() === 'sqlite' ? describe : describe.skip;
const onPostgres = testDatabaseKind() === 'postgres' ? describe : describe.skip;

/** Creates a migrated SQLite file (WAL mode, closed again, so everything is in the main file). */
async function migratedSqliteFile(path: string, seed?: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const dataSource = await openDatabase({ type: 'sqlite', path }, createDataSource);
  await prepareDatabase(dataSource, { loadReferenceData: false, logger: silent });
  if (seed) await seed(dataSource);
  await dataSource.destroy();
}

onSqlite('SQLite start-up checks', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-dbfaults-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a 0-byte file instead of turning it into a new empty database', async () => {
    const path = join(dir, 'empty.sqlite');
    writeFileSync(path, '');
    const opened = openDatabase({ type: 'sqlite', path }, createDataSource);
    await expect(opened).rejects.toBeInstanceOf(DatabaseStartupError);
    await expect(opened).rejects.toThrow(/ist leer \(0 Byte\)/);
    expect(statSync(path).size).toBe(0);
  });

  it('refuses a file that is not an SQLite database', async () => {
    const path = join(dir, 'notes.sqlite');
    const text = 'Kommune;Komponente\nJena;Formularserver\n';
    writeFileSync(path, text);
    await expect(openDatabase({ type: 'sqlite', path }, createDataSource)).rejects.toThrow(
      /ist keine SQLite-Datenbank/,
    );
    expect(statSync(path).size).toBe(Buffer.byteLength(text));
  });

  it('creates a database where no file exists yet', async () => {
    const path = join(dir, 'new', 'atlas.sqlite');
    const dataSource = await openDatabase({ type: 'sqlite', path }, createDataSource);
    expect(writeBlock(dataSource)).toBeUndefined();
    await dataSource.destroy();
    expect(statSync(path).size).toBeGreaterThan(0);
  });

  it('refuses a damaged file (PRAGMA quick_check)', async () => {
    const path = join(dir, 'damaged.sqlite');
    // Rows written last fill the end of the file; opening the database never reads them, so only
    // the integrity check can notice that they are damaged.
    await migratedSqliteFile(path, async (ds) => {
      await ds.query('CREATE TABLE filler (x TEXT)');
      await ds.query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) INSERT INTO filler SELECT printf('%0200d', i) FROM n",
      );
    });
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(800 * 1024);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(16 * 1024, 0xa5), 0, 16 * 1024, Math.floor((size * 0.8) / 4096) * 4096);
    closeSync(fd);
    const opened = openDatabase({ type: 'sqlite', path }, createDataSource);
    await expect(opened).rejects.toBeInstanceOf(DatabaseStartupError);
    await expect(opened).rejects.toThrow(/ist beschädigt/);
  });

  describe('a file that cannot be written', () => {
    let path: string;
    let immutable = false;
    let token = '';
    let dataSource: DataSource;

    beforeAll(async () => {
      const original = join(dir, 'original.sqlite');
      await migratedSqliteFile(original, async (ds) => {
        token = (await inTransaction(ds, (tx) => createApiToken(tx, { name: 'admin', role: 'admin', scopes: [] })))
          .token;
      });
      path = join(dir, 'readonly.sqlite');
      copyFileSync(original, path);
      chmodSync(path, 0o444);
      if (process.getuid?.() === 0) {
        // Root ignores file modes; the immutable attribute stops it from writing too.
        try {
          execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
          immutable = true;
        } catch {
          immutable = false;
        }
      } else {
        immutable = true;
      }
      if (!immutable) return;
      dataSource = await openDatabase({ type: 'sqlite', path }, createDataSource);
      await prepareDatabase(dataSource, { loadReferenceData: true, logger: silent });
    });
    afterAll(async () => {
      if (dataSource?.isInitialized) await dataSource.destroy();
      if (process.getuid?.() === 0) execFileSync('chattr', ['-i', path], { stdio: 'ignore' });
    });

    it('starts read-only-aware: /readyz 503, writes 503 problem+json in German, reads still served', async () => {
      if (!immutable) {
        process.stdout.write('übersprungen: als root ohne chattr lässt sich keine Datei schreibschützen\n');
        return;
      }
      expect(writeBlock(dataSource)).toMatch(/schreibgeschützt/);
      const app = createApp({
        config: testConfig({ database: { type: 'sqlite', path } }),
        db: Database.of(dataSource),
        logger: silent,
      });
      const ready = await request(app).get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
      expect(ready.body.detail).toMatch(/schreibgeschützt/);

      const write = await request(app)
        .post('/api/operators')
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'Testbetreiber Schreibschutz', type: 'municipal-provider' });
      expect(write.status).toBe(503);
      expect(write.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(write.headers['retry-after']).toBe('60');
      expect(write.body).toMatchObject({ status: 503, type: '/problems/unavailable', title: 'Dienst nicht verfügbar' });
      expect(write.body.detail).toMatch(/schreibgeschützt/);

      const read = await request(app).get('/api/operators').set('Authorization', `Bearer ${token}`);
      expect(read.status).toBe(200);
    });
  });
});

onSqlite('a full disk', () => {
  // SQLite's page limit gives the real SQLITE_FULL of a full disk without filling one.
  it('HTTP: a write that finds no space answers 503 "Speicherplatz erschöpft", never a generic 500', async () => {
    const t = await createTestApp();
    try {
      const admin = await t.bearer('admin');
      const [{ page_count: pages }] = (await t.dataSource.query('PRAGMA page_count')) as { page_count: number }[];
      await t.dataSource.query(`PRAGMA max_page_count = ${pages}`);
      const statuses: number[] = [];
      let full: request.Response | undefined;
      for (let i = 0; i < 200 && !full; i++) {
        const res = await request(t.app)
          .post('/api/operators')
          .set('Authorization', admin)
          .send({ name: `Betreiber Nummer ${i} ${'x'.repeat(150)}`, type: 'municipal-provider' });
        statuses.push(res.status);
        if (res.status !== 201) full = res;
      }
      expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
      expect(full?.status).toBe(503);
      expect(full?.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(full?.headers['retry-after']).toBe('60');
      expect(full?.body.detail).toMatch(/^Speicherplatz erschöpft/);
    } finally {
      await t.close();
    }
  });

  it('CLI: a command that runs out of space ends with one German line, no stack trace', async () => {
    const db = await createCliDatabase();
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = db.url;
    try {
      const failed = withDatabase(async ({ dataSource }) => {
        await dataSource.query('CREATE TABLE filler (x TEXT)');
        const [{ page_count: pages }] = (await dataSource.query('PRAGMA page_count')) as { page_count: number }[];
        await dataSource.query(`PRAGMA max_page_count = ${pages + 2}`);
        for (let i = 0; i < 1000; i++) await dataSource.query("INSERT INTO filler VALUES (printf('%01000d', 1))");
      });
      await expect(failed).rejects.toBeInstanceOf(ServiceUnavailableError);
      const error = await failed.catch((e: unknown) => e);
      const written: string[] = [];
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
      const code = reportCliError(error);
      stderr.mockRestore();
      expect(code).toBe(1);
      expect(written.join('')).toMatch(/^Fehler: Speicherplatz erschöpft: [^\n]*\n$/);
    } finally {
      process.env.DATABASE_URL = previous;
      await db.cleanup();
    }
  });

  it('CLI: a 0-byte database file is refused and left as it is', async () => {
    const db = await createCliDatabase();
    try {
      if (db.config.type !== 'sqlite') throw new Error('SQLite only');
      writeFileSync(db.config.path, '');
      const result = await runCli(db.url, ['db', 'migrate']);
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(statSync(db.config.path).size).toBe(0);
    } finally {
      await db.cleanup();
    }
  });
});

/**
 * A TCP proxy in front of the test PostgreSQL server: `stop()` closes the port and cuts every
 * connection (PostgreSQL stopped), `freeze()` keeps connections open but passes nothing on
 * (PostgreSQL frozen).
 */
async function pgProxy(target: URL): Promise<{ port: number; stop(): Promise<void>; freeze(): void }> {
  const sockets = new Set<Socket>();
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => {
      if (!frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!frozen) client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    freeze() {
      frozen = true;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function viaProxy(config: DatabaseConfig, port: number): DatabaseConfig {
  if (config.type !== 'postgres') throw new Error('PostgreSQL only');
  const url = new URL(config.url);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return { ...config, url: url.toString() };
}

onPostgres('PostgreSQL start-up and outages', () => {
  it('two instances starting together on an empty schema both become ready and load the reference data once', async () => {
    const config = await freshDatabaseConfig();
    const first = await openDatabase(config, createDataSource);
    const second = await openDatabase(config, createDataSource);
    try {
      await Promise.all([
        prepareDatabase(first, { loadReferenceData: true, logger: silent }),
        prepareDatabase(second, { loadReferenceData: true, logger: silent }),
      ]);
      const runs = (await first.query(
        'SELECT kind, COUNT(*)::int AS n FROM import_runs GROUP BY kind ORDER BY kind',
      )) as { kind: string; n: number }[];
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.filter((r) => r.n !== 1)).toEqual([]);
      const [regions] = (await second.query('SELECT COUNT(*)::int AS n FROM regions')) as { n: number }[];
      expect(regions.n).toBeGreaterThan(10_000);
    } finally {
      await first.destroy();
      await second.destroy();
      await dropDatabase(config);
    }
  }, 300_000);

  it('a background job runs on one instance at a time: the other skips it while it runs', async () => {
    const config = await freshDatabaseConfig();
    const first = await openDatabase(config, createDataSource);
    const second = await openDatabase(config, createDataSource);
    try {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered: () => void = () => undefined;
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const running = withClusterJobLock(first, 'monthly-snapshots', async () => {
        entered();
        await held;
        return 'first';
      });
      await inside;
      expect(await withClusterJobLock(second, 'monthly-snapshots', async () => 'second')).toEqual({ ran: false });
      expect(await withClusterJobLock(second, 'another-job', async () => 'other')).toEqual({
        ran: true,
        result: 'other',
      });
      release();
      expect(await running).toEqual({ ran: true, result: 'first' });
      expect(await withClusterJobLock(second, 'monthly-snapshots', async () => 'second')).toEqual({
        ran: true,
        result: 'second',
      });
    } finally {
      await first.destroy();
      await second.destroy();
      await dropDatabase(config);
    }
  });

  describe('behind a proxy that can stop or freeze the server', () => {
    const limits: DatabaseLimits = { ...DEFAULT_DATABASE_LIMITS, connectTimeoutMs: 1_000, statementTimeoutMs: 2_000 };
    let config: DatabaseConfig;

    beforeAll(async () => {
      config = await freshDatabaseConfig();
    });
    afterAll(() => dropDatabase(config));

    async function appBehind(proxyPort: number) {
      const dataSource = await openDatabase(viaProxy(config, proxyPort), createDataSource, limits);
      await prepareDatabase(dataSource, { loadReferenceData: false, logger: silent });
      const { token } = await inTransaction(dataSource, (tx) =>
        createApiToken(tx, { name: `reader-${proxyPort}`, role: 'reader', scopes: [] }),
      );
      const app = createApp({
        config: testConfig({ database: config, databaseLimits: limits }),
        db: Database.of(dataSource),
        logger: silent,
      });
      return { dataSource, app, bearer: `Bearer ${token}` };
    }

    it('a stopped server: API 503 problem+json with Retry-After, web pages the German 503 page, /readyz 503', async () => {
      const proxy = await pgProxy(new URL(process.env.TEST_POSTGRES_URL as string));
      const { dataSource, app, bearer } = await appBehind(proxy.port);
      try {
        expect((await request(app).get('/readyz')).status).toBe(200);
        await proxy.stop();

        const api = await request(app).get('/api/operators').set('Authorization', bearer);
        expect(api.status).toBe(503);
        expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(api.headers['retry-after']).toBe('5');
        expect(api.body.detail).toMatch(/Datenbank ist nicht erreichbar|nicht rechtzeitig geantwortet/);

        const page = await request(app).get('/').set('Accept', 'text/html');
        expect(page.status).toBe(503);
        expect(page.headers['retry-after']).toBe('5');
        expect(page.text).toContain('Vorübergehend nicht verfügbar');

        const ready = await request(app).get('/readyz');
        expect(ready.status).toBe(503);
      } finally {
        await dataSource.destroy().catch(() => undefined);
      }
    }, 15_000);

    it('a frozen server: /readyz answers 503 within its one-second bound, requests end in 503 (timeouts)', async () => {
      const proxy = await pgProxy(new URL(process.env.TEST_POSTGRES_URL as string));
      const { dataSource, app, bearer } = await appBehind(proxy.port);
      try {
        proxy.freeze();
        const ready = await request(app).get('/readyz');
        expect(ready.status).toBe(503);
        expect(ready.body.detail).toMatch(/nicht rechtzeitig geantwortet/);

        const api = await request(app).get('/api/operators').set('Authorization', bearer);
        expect(api.status).toBe(503);
        expect(api.headers['retry-after']).toBe('5');
      } finally {
        await proxy.stop();
        await dataSource.destroy().catch(() => undefined);
      }
    }, 15_000);
  });
});
