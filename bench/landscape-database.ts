import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { importInventory } from '../importers/inventory/inventory.importer';
import type { ImportReport } from '../importers/import-report';
import { SYSTEM_PRINCIPAL } from '../lib/principal';
import { Database } from '../entities/database';
import {
  fixtureMunicipalities,
  generateInventoryFixture,
  loadRegionHierarchy,
  type InventoryFixture,
} from './inventory-fixture';

/**
 * The issue-2 benchmark database: the real regional hierarchy (GV100AD through the regions
 * importer) and, once {@link importLandscape} ran, a generated landscape for every Gemeinde.
 * Shared by the benchmarks of one run, so the hierarchy is loaded once.
 */
export interface BenchDatabases {
  dir: string;
  /** Migrated, hierarchy loaded, no inventory: the state before the import. */
  hierarchyPath: string;
  fixture: InventoryFixture;
  /** A file with the landscape imported: one offered by the import benchmark, else created on first use. */
  landscape(): Promise<{ path: string; url: string }>;
  /** Offers a closed database file with the fixture imported as the shared landscape. */
  offerLandscape(path: string): void;
  close(): void;
}

/**
 * Opens a migrated SQLite file as the service would and returns the Database's reader, whose
 * `destroy()` closes the whole Database (writer first, so the WAL is checkpointed into the file).
 */
export async function openSqlite(path: string): Promise<DataSource> {
  const db = await Database.connect({ type: 'sqlite', path });
  await db.reader.runMigrations({ transaction: 'each' });
  return db.reader;
}

/** Copies a closed SQLite database file (WAL checkpointed on close) to a new path. */
export function copyDatabase(from: string, to: string): string {
  copyFileSync(from, to);
  return to;
}

/** Runs the inventory import of the fixture on an open database; throws unless it wrote everything. */
export async function importFixture(dataSource: DataSource, fixture: InventoryFixture): Promise<ImportReport> {
  const report = await importInventory(dataSource, {
    buffer: fixture.csv,
    sourceName: 'bench-bestand.csv',
    mediaType: 'text/csv',
    actor: { principal: SYSTEM_PRINCIPAL, requestId: null },
  });
  if (report.status !== 'succeeded' || report.counts.created !== fixture.rows) {
    throw new Error(`inventory import: ${report.status} ${JSON.stringify(report.counts)}`);
  }
  return report;
}

/** Creates the hierarchy database and the fixture for it in a temporary directory. */
export async function createBenchDatabases(): Promise<BenchDatabases> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-inventory-'));
  const hierarchyPath = join(dir, 'hierarchy.sqlite');
  const dataSource = await openSqlite(hierarchyPath);
  let fixture: InventoryFixture;
  try {
    await loadRegionHierarchy(dataSource);
    fixture = generateInventoryFixture(await fixtureMunicipalities(dataSource));
  } finally {
    await dataSource.destroy();
  }
  let landscape: Promise<{ path: string; url: string }> | undefined;
  return {
    dir,
    hierarchyPath,
    fixture,
    landscape() {
      landscape ??= (async () => {
        const path = copyDatabase(hierarchyPath, join(dir, 'landscape.sqlite'));
        const opened = await openSqlite(path);
        try {
          await importFixture(opened, fixture);
        } finally {
          await opened.destroy();
        }
        return { path, url: `sqlite:${path}` };
      })();
      return landscape;
    },
    offerLandscape(path) {
      landscape ??= Promise.resolve({ path, url: `sqlite:${path}` });
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
