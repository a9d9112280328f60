import { DataSource, type EntityManager } from 'typeorm';

/**
 * The transactions of a {@link Database}. All writes of a request or an import run through
 * {@link TransactionRunner.run}; on any error everything is rolled back.
 *
 * NOTE: TypeORM drives better-sqlite3 through a single shared connection, so two overlapping
 * `dataSource.transaction()` calls would silently nest (the second becomes a savepoint of the
 * first), and every read through `dataSource.manager` would see the uncommitted rows of whatever
 * transaction is in progress (a GET during an import could answer with state and ETags that
 * never commit). Transactions on an SQLite file therefore run one at a time, queued, on a
 * second connection this runner opens on first use and closes in {@link TransactionRunner.close};
 * the reader's connection only ever reads: in WAL mode it sees the last committed state and is
 * never blocked by the writer. Every write must go through here; a write on the reader's manager
 * while a transaction is open would wait for SQLite's lock while blocking the event loop the
 * transaction needs. An in-memory database cannot be opened twice and keeps the single
 * connection (tests), still queued. PostgreSQL gives every transaction its own pooled
 * connection and needs neither.
 */
export class TransactionRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private writer: Promise<DataSource> | undefined;

  /**
   * @param reader the Database's reading data source
   * @param hooks `opened` hears of the writer connection when it is opened (the Database
   *   registers it as its own), `committed` of every committed transaction
   */
  constructor(
    private readonly reader: DataSource,
    private readonly hooks: { opened: (writer: DataSource) => void; committed: () => void },
  ) {}

  /** Runs `work` in one transaction and returns its result (queued behind others on SQLite). */
  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (this.reader.options.type !== 'better-sqlite3') return this.reader.transaction(work).then(this.committed);
    const start = async () => (await this.connection()).transaction(work);
    const run = this.queue.then(start, start).then(this.committed);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private readonly committed = <T>(result: T): T => {
    this.hooks.committed();
    return result;
  };

  /**
   * The data source transactions run on: for an SQLite file in WAL mode a second data source on
   * the same file, opened on first use; otherwise the reader itself.
   */
  private connection(): Promise<DataSource> {
    const options = this.reader.options;
    if (options.type !== 'better-sqlite3' || options.database === ':memory:' || !options.enableWAL) {
      return Promise.resolve(this.reader);
    }
    if (!this.writer) {
      const opening = new DataSource(options).initialize();
      this.writer = opening;
      opening.then(this.hooks.opened, () => {
        if (this.writer === opening) this.writer = undefined;
      });
    }
    return this.writer;
  }

  /** Waits for the queued transactions, then closes the writer connection if one was opened. */
  async close(): Promise<void> {
    await this.queue;
    const writer = this.writer;
    this.writer = undefined;
    const opened = await writer?.catch(() => null);
    if (opened?.isInitialized) await opened.destroy();
  }
}
