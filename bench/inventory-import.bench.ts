import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { median, printFigure, timed } from './figures';
import { copyDatabase, importFixture, openSqlite, type BenchDatabases } from './landscape-database';

const RUNS = 3;

type Row = Record<string, unknown>;

/** The tables an inventory import writes, in an order that satisfies their foreign keys. */
const WRITTEN_TABLES = ['operators', 'component_records', 'audit_events', 'import_runs'] as const;
type WrittenTable = (typeof WRITTEN_TABLES)[number];
type Written = Record<WrittenTable, Row[]>;

/** The rows an import added to each table: those with an id above the hierarchy database's. */
function writtenRows(imported: string, before: string): Written {
  const maxIds = new Database(before, { readonly: true });
  const db = new Database(imported, { readonly: true });
  try {
    const out = {} as Written;
    for (const table of WRITTEN_TABLES) {
      const { max } = maxIds.prepare(`SELECT COALESCE(MAX(id), 0) AS max FROM ${table}`).get() as { max: number };
      out[table] = db.prepare(`SELECT * FROM ${table} WHERE id > ? ORDER BY id`).all(max) as Row[];
    }
    return out;
  } finally {
    db.close();
    maxIds.close();
  }
}

function insertAll(db: Database.Database, table: string, rows: Row[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const statement = db.prepare(
    `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  for (const row of rows) statement.run(columns.map((c) => row[c]));
}

/**
 * A floor: rows the import wrote, inserted into the same tables of a copy of the same
 * database (hierarchy loaded, no inventory) with prepared better-sqlite3 statements in one
 * transaction, with the service's pragmas (WAL, synchronous NORMAL, foreign keys on). Only
 * the `timed` tables count; the others are inserted first, untimed, so the foreign keys hold.
 */
async function rawInsert(path: string, written: Written, timedTables: WrittenTable[]): Promise<number> {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const untimed = WRITTEN_TABLES.filter((t) => !timedTables.includes(t));
    db.transaction(() => {
      for (const table of untimed) insertAll(db, table, written[table]);
    })();
    const insertTimed = db.transaction(() => {
      for (const table of timedTables) insertAll(db, table, written[table]);
    });
    return (await timed(() => insertTimed())).ms;
  } finally {
    db.close();
  }
}

async function rawRun(
  databases: BenchDatabases,
  name: string,
  written: Written,
  tables: WrittenTable[],
): Promise<number> {
  const path = copyDatabase(databases.hierarchyPath, join(databases.dir, `${name}.sqlite`));
  try {
    return await rawInsert(path, written, tables);
  } finally {
    rmSync(path, { force: true });
  }
}

/**
 * Issue 2: the inventory CSV import (parsing, validation, operator resolution, the writes, one
 * audit event per municipality and the import run) of a landscape for every current Gemeinde
 * of the real hierarchy (~10,800 × 9 rows) against a bare prepared-statement insert of the same
 * records into the same table (target: within 3×). Each run starts from a fresh copy of the
 * hierarchy database; figures are medians of three. Prints `inventory_import_ms`,
 * `inventory_raw_insert_ms`, `inventory_import_vs_raw`, the counts, and as a diagnostic the
 * bare insert of everything the import wrote (operators, audit events, run record too); offers
 * its first imported database to the other benchmarks of the run.
 */
export async function runInventoryImportBench(databases: BenchDatabases): Promise<void> {
  const importMs: number[] = [];
  const rawMs: number[] = [];
  const rawAllMs: number[] = [];
  let written: Written | undefined;
  for (let run = 0; run < RUNS; run += 1) {
    const path = copyDatabase(databases.hierarchyPath, join(databases.dir, `import-${run}.sqlite`));
    const dataSource = await openSqlite(path);
    try {
      importMs.push((await timed(() => importFixture(dataSource, databases.fixture))).ms);
    } finally {
      await dataSource.destroy();
    }
    written ??= writtenRows(path, databases.hierarchyPath);
    if (run === 0) databases.offerLandscape(path);
    else rmSync(path, { force: true });
    rawMs.push(await rawRun(databases, `raw-${run}`, written, ['component_records']));
    rawAllMs.push(await rawRun(databases, `raw-all-${run}`, written, [...WRITTEN_TABLES]));
  }
  const counts = written as Written;
  printFigure('inventory_import_rows', databases.fixture.rows, 'rows');
  printFigure('inventory_import_municipalities', databases.fixture.regions.length, 'count');
  printFigure('inventory_import_audit_events', counts.audit_events.length, 'count');
  printFigure('inventory_import_operators_created', counts.operators.length, 'count');
  printFigure('inventory_import_ms', median(importMs), 'ms');
  printFigure('inventory_raw_insert_ms', median(rawMs), 'ms');
  printFigure('inventory_import_vs_raw', median(importMs) / median(rawMs), 'ratio');
  // Diagnostic: the same inserts for everything the import wrote (operators, audit log, run record).
  printFigure('inventory_raw_all_writes_ms', median(rawAllMs), 'ms');
  printFigure('inventory_import_vs_raw_all_writes', median(importMs) / median(rawAllMs), 'ratio');
}
