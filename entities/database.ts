import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { DEFAULT_DATABASE_LIMITS, type DatabaseConfig, type DatabaseLimits } from '../config';
import { DatabaseStartupError, checkSqliteDatabase, freeDiskMb, inspectSqliteFile } from './database-checks';
import { CacheRegistry } from './database-caches';
import { DatabaseHealth } from './database-health';
import { EntityLookups } from './database-lookup';
import { buildDataSourceOptions } from './database-options';
import { SqlRunner } from './database-sql';
import { TransactionRunner } from './database-writer';
import { databaseFault, databaseFaultMessage } from './db-errors';

/** Every data source (reader and writer) to the Database that owns it: the one registry. */
const owners = new WeakMap<DataSource, Database>();

/**
 * The reading data source of a {@link Database}. Its `destroy()` closes the whole Database
 * (writer first, then this connection), so code that holds only the data source — tests,
 * benchmarks, `createDataSource` callers — still closes the writer and checkpoints the file.
 */
export class ReaderDataSource extends DataSource {
  override destroy(): Promise<void> {
    return Database.of(this).close();
  }

  /** Closes this connection alone; {@link Database.close} calls it after the writer. */
  closeConnection(): Promise<void> {
    return super.destroy();
  }
}

/**
 * The database of the service, the CLI or a compute worker: the only code that talks to the
 * driver. `server/main.ts`, `cli/context.ts` and `server/compute/worker.ts` open it and hand it
 * in; {@link Database.close} closes it.
 *
 * - `reader`: the data source whose manager only reads (on SQLite it sees committed data only);
 * - {@link Database.transaction}: every write, on the writer connection (SQLite, queued) or a
 *   pooled connection (PostgreSQL), see `database-writer.ts`;
 * - `sql`: hand-written SQL as prepared statements (`database-sql.ts`); {@link Database.findOneBy};
 * - `caches`: named caches with their invalidation (`database-caches.ts`);
 * - `health`: the write block found at start-up and the readiness probe (`database-health.ts`).
 */
export class Database {
  /** Hand-written SQL on the connection of a given manager, prepared once per connection. */
  readonly sql = new SqlRunner();
  /** Named caches that live as long as this Database, emptied by their policy. */
  readonly caches = new CacheRegistry();
  /** Write block and readiness. */
  readonly health: DatabaseHealth;
  private readonly lookups = new EntityLookups(this.sql);
  private readonly transactions: TransactionRunner;

  private constructor(readonly reader: DataSource) {
    owners.set(reader, this);
    this.health = new DatabaseHealth(reader);
    this.transactions = new TransactionRunner(reader, {
      opened: (writer) => owners.set(writer, this),
      committed: () => this.caches.committed(),
    });
  }

  /** A Database for `database`, not yet connected (`reader.initialize()` connects it). */
  static create(database: DatabaseConfig, limits?: DatabaseLimits): Database {
    return new Database(new ReaderDataSource(buildDataSourceOptions(database, limits)));
  }

  /** Connects without start-up checks: for compute workers, which only read a checked database. */
  static async connect(database: DatabaseConfig, limits?: DatabaseLimits): Promise<Database> {
    const db = Database.create(database, limits);
    await db.reader.initialize();
    return db;
  }

  /**
   * Opens the configured database for the service or the CLI, refusing what cannot work with a
   * {@link DatabaseStartupError}: an SQLite file that is empty, foreign or damaged, a server that
   * does not answer. An SQLite file that cannot be written opens with `health.writeBlock` set
   * (see `checkSqliteDatabase`); `log` hears about it, and about a nearly full disk.
   */
  static async open(
    database: DatabaseConfig,
    limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS,
    log: (message: string) => void = () => undefined,
    create: (database: DatabaseConfig, limits?: DatabaseLimits) => DataSource = (d, l) => Database.create(d, l).reader,
  ): Promise<Database> {
    if (database.type === 'sqlite') inspectSqliteFile(database.path);
    const db = Database.of(create(database, limits));
    try {
      await db.reader.initialize();
    } catch (error) {
      const fault = databaseFault(error);
      if (!fault) throw error;
      throw new DatabaseStartupError(
        database.type === 'sqlite' ? `Die Datenbankdatei ${database.path}: ${fault.message}` : fault.message,
      );
    }
    if (database.type === 'sqlite' && database.path !== ':memory:') {
      try {
        db.health.writeBlock = await checkSqliteDatabase(db.reader);
        if (db.health.writeBlock) log(db.health.writeBlock);
        else if (freeDiskMb(database.path) < limits.minFreeMb) log(databaseFaultMessage('storage-full'));
      } catch (error) {
        await db.close().catch(() => undefined);
        throw error;
      }
    }
    return db;
  }

  /**
   * The Database that owns `dataSource` (its reader or its writer). A data source opened
   * elsewhere (`new DataSource(…)`) is adopted: it becomes the reader of a new Database.
   */
  static of(dataSource: DataSource): Database {
    return owners.get(dataSource) ?? new Database(dataSource);
  }

  /** True when this is PostgreSQL (row locks and `ILIKE` are available). */
  get isPostgres(): boolean {
    return this.reader.options.type === 'postgres';
  }

  /** Runs `work` in one transaction and returns its result; on any error everything is rolled back. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }

  /**
   * Finds one entity by the value of a single column, like `manager.findOneBy`, on the manager's
   * connection (the reader's by default), with the SQL built once (see `database-lookup.ts`).
   */
  findOneBy<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    property: keyof T & string,
    value: string | number,
    manager: EntityManager = this.reader.manager,
  ): Promise<T | null> {
    return this.lookups.findOneBy(manager, target, property, value);
  }

  /**
   * Closes the writer (after the queued transactions finished), then the reader, and empties the
   * caches. The Database may be connected again with `reader.initialize()`.
   */
  async close(): Promise<void> {
    await this.transactions.close();
    this.caches.clear();
    const reader = this.reader;
    if (reader instanceof ReaderDataSource) await reader.closeConnection();
    else await reader.destroy();
  }
}
