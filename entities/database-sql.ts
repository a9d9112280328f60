import type { DataSource, EntityManager } from 'typeorm';

/** The part of better-sqlite3's statement this layer uses. */
export interface SqliteStatement {
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
  raw(toggle: boolean): SqliteStatement;
  columns(): { name: string }[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/**
 * better-sqlite3's connection behind a data source; undefined on PostgreSQL and before it is
 * initialised. The one place that reaches into TypeORM's driver for it.
 */
export function sqliteConnection(dataSource: DataSource): SqliteConnection | undefined {
  if (dataSource.options.type !== 'better-sqlite3') return undefined;
  return (dataSource.driver as unknown as { databaseConnection?: SqliteConnection }).databaseConnection;
}

/** A prepared statement in raw mode (rows as arrays) and the names of its result columns. */
interface PreparedRead {
  statement: SqliteStatement;
  columns: string[];
}

/** The prepared statements of one better-sqlite3 connection. */
interface ConnectionStatements {
  reads: Map<string, PreparedRead>;
  plain: Map<string, SqliteStatement>;
}

/** better-sqlite3 binds no booleans; SQLite stores them as 0/1, as TypeORM does. */
function bindable(params: unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/**
 * The SQL runner of a {@link Database}: runs hand-written SQL on the connection of the manager
 * it is given — a transaction's manager on the transaction's own (writer) connection, so it sees
 * the transaction's writes; any other on the reading connection, which sees only committed data.
 *
 * NOTE: on SQLite the statements run directly on better-sqlite3's connection, prepared once per
 * connection and SQL text. TypeORM's `query()` wraps every call in async broadcasting and
 * logging that cost as much as the query itself on the hot read paths. Rows come back as arrays
 * and become objects here, in column order (a later column of the same name wins, as with
 * better-sqlite3's own objects): a third cheaper than better-sqlite3 building them. On
 * PostgreSQL everything goes through the manager's `query()`.
 */
export class SqlRunner {
  /** Per better-sqlite3 connection: a closed connection's statements go with it. */
  private readonly byConnection = new WeakMap<object, ConnectionStatements>();
  /** SQL texts built once per database, by name (see {@link built}). */
  private readonly builtSql = new Map<string, string>();

  /**
   * The SQL named `name`, built by `build` on first use and kept for the Database's life: for
   * queries put together with TypeORM's query builder (so quoting and placeholders fit the
   * driver) on hot paths, where building them each time cost more than running them.
   */
  built(name: string, build: () => string): string {
    let sql = this.builtSql.get(name);
    if (sql === undefined) {
      sql = build();
      this.builtSql.set(name, sql);
    }
    return sql;
  }

  private statements(connection: SqliteConnection): ConnectionStatements {
    let statements = this.byConnection.get(connection);
    if (!statements) {
      statements = { reads: new Map(), plain: new Map() };
      this.byConnection.set(connection, statements);
    }
    return statements;
  }

  private read(connection: SqliteConnection, sql: string): PreparedRead {
    const reads = this.statements(connection).reads;
    let read = reads.get(sql);
    if (!read) {
      const statement = connection.prepare(sql).raw(true);
      read = { statement, columns: statement.columns().map((c) => c.name) };
      reads.set(sql, read);
    }
    return read;
  }

  /** Runs a read query written for this driver's placeholders and returns plain rows. */
  async rows<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
    const connection = sqliteConnection(manager.connection);
    if (!connection) return manager.query(sql, params);
    const { statement, columns } = this.read(connection, sql);
    const rows = statement.all(...bindable(params)) as unknown[][];
    const objects = new Array<T>(rows.length);
    for (let r = 0; r < rows.length; r += 1) {
      const row = rows[r];
      const object: Record<string, unknown> = {};
      for (let c = 0; c < columns.length; c += 1) object[columns[c]] = row[c];
      objects[r] = object as T;
    }
    return objects;
  }

  /**
   * Like {@link rows}, but rows stay arrays in the order of the select list: for scans of
   * millions of rows that read each value once. On PostgreSQL the driver's objects are turned
   * into arrays (column aliases must be distinct).
   */
  async tuples(manager: EntityManager, sql: string, params: unknown[]): Promise<unknown[][]> {
    const connection = sqliteConnection(manager.connection);
    if (!connection) {
      return ((await manager.query(sql, params)) as Record<string, unknown>[]).map((row) => Object.values(row));
    }
    return this.read(connection, sql).statement.all(...bindable(params)) as unknown[][];
  }

  /**
   * The prepared statement (rows as objects) for `sql` on the manager's SQLite connection,
   * prepared on first use; undefined on PostgreSQL. For the bulk writers (`bulk-write.ts`).
   */
  statement(manager: EntityManager, sql: string): SqliteStatement | undefined {
    const connection = sqliteConnection(manager.connection);
    if (!connection) return undefined;
    const plain = this.statements(connection).plain;
    let statement = plain.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      plain.set(sql, statement);
    }
    return statement;
  }
}
